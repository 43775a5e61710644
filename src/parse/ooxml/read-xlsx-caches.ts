// Copies of data that a workbook keeps out of sight: the points a chart plots, the cells of other
// workbooks it links to, and constants stored under defined names. Excel writes all three when
// saving and shows none of them in a sheet, so deleting the source cells does not delete them.
// Each reader takes the draft's clock (`late`): its scan throws ScanTimeout when time is up.
import type { RawTable } from "../../model/table.js";
import { MAX_COLUMNS, MAX_ROWS } from "../excel-grid.js";
import { TableBuilder } from "../table-builder.js";
import { decodeXString, XmlScanner } from "../xml/xml-scanner.js";

/** Charts nest about a dozen deep; past this, elements are not tracked, so hostile nesting stays linear. */
const MAX_NESTING = 64;

// ---------------------------------------------------------------------------------------------
// Charts (ECMA-376 21.2, DrawingML charts)

type Role = "name" | "categories" | "values";

/** A series' children that hold data, and what each holds; scatter and bubble charts use x/y. */
const SLOT_ROLES: Record<string, Role> = {
  tx: "name",
  cat: "categories",
  xVal: "categories",
  val: "values",
  yVal: "values",
  bubbleSize: "values",
};
/** Elements whose `<pt>` children are one list of values; each `<lvl>` of a multi-level category is one. */
const CACHE_TAGS = new Set(["strCache", "numCache", "strLit", "numLit", "lvl"]);

interface Column {
  header: string;
  points: Map<number, string>;
}

interface Series {
  name?: string;
  caches: { role: Role; points: Map<number, string> }[];
}

/** A finished series' caches as columns; every series usually repeats the same categories, kept once. */
function addSeriesColumns(series: Series, seenCategories: Set<string>, columns: Column[]): void {
  for (const c of series.caches) {
    if (c.points.size === 0) continue;
    if (c.role === "categories") {
      const key = [...c.points].join("\u0000");
      if (seenCategories.has(key)) continue;
      seenCategories.add(key);
    }
    const header = c.role === "categories" ? "categories" : (series.name ?? "values");
    columns.push({ header, points: c.points });
  }
}

/** Columns as a table: a header row, then one row per point index. */
function chartTable(columns: Column[], name: string, sampleRows: number): RawTable {
  const builder = new TableBuilder(name, "chart-cache", "visible", sampleRows);
  builder.addRow(columns.map((c) => c.header));
  const indexes = new Set<number>();
  for (const c of columns) for (const i of c.points.keys()) indexes.add(i);
  for (const i of [...indexes].sort((a, b) => a - b))
    builder.addRow(columns.map((c) => c.points.get(i) ?? ""));
  return builder.build();
}

/**
 * A chart part's cached series as one table: a header row, then one row per point index, with a
 * column per cache (categories, then each series' values under the series name). Undefined when
 * the chart caches nothing.
 */
export function readChartCache(
  xml: string,
  name: string,
  sampleRows: number,
  late?: () => boolean,
): RawTable | undefined {
  const s = new XmlScanner(xml, late);
  const stack: string[] = [];
  const columns: Column[] = [];
  const seenCategories = new Set<string>();
  let series: Series | undefined;
  let slot: Role | undefined;
  let slotDepth = -1;
  let cache: { role: Role; points: Map<number, string> } | undefined;
  let idx = -1;
  const endSeries = (): void => {
    if (series !== undefined) addSeriesColumns(series, seenCategories, columns);
    series = undefined;
  };
  while (s.next()) {
    const tag = s.name;
    if (s.close) {
      const at = stack.lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      if (CACHE_TAGS.has(tag) && cache !== undefined) {
        if (cache.role === "name") {
          if (series && series.name === undefined) series.name = cache.points.values().next().value;
        } else series?.caches.push(cache);
        cache = undefined;
      } else if (tag === "pt") idx = -1;
      else if (tag === "ser") endSeries();
      if (stack.length <= slotDepth) {
        slot = undefined;
        slotDepth = -1;
      }
      continue;
    }
    const parent = stack[stack.length - 1];
    if (tag === "ser") {
      endSeries();
      series = { caches: [] };
    } else if (series && parent === "ser" && SLOT_ROLES[tag] !== undefined && !s.selfClose) {
      slot = SLOT_ROLES[tag];
      slotDepth = stack.length;
    } else if (slot !== undefined && CACHE_TAGS.has(tag) && !s.selfClose) {
      cache = { role: slot, points: new Map() };
    } else if (tag === "pt" && cache !== undefined) {
      const n = Number(s.attr("idx"));
      idx = Number.isInteger(n) && n >= 0 && n < MAX_ROWS ? n : -1;
    } else if (tag === "v" && !s.selfClose) {
      const text = decodeXString(s.text());
      if (cache !== undefined && idx >= 0) cache.points.set(idx, text);
      // A series named by a literal: `<c:tx><c:v>Name</c:v></c:tx>`.
      else if (slot === "name" && parent === "tx" && series) series.name = text;
    }
    if (!s.selfClose && stack.length < MAX_NESTING) stack.push(tag);
  }
  endSeries();
  return columns.length === 0 ? undefined : chartTable(columns, name, sampleRows);
}

// ---------------------------------------------------------------------------------------------
// External links (ECMA-376 18.14, the cached cells of a linked workbook)

/** Column index (0-based) from the letters of a cell reference; -1 without letters or past XFD. */
function columnOf(ref: string | undefined): number {
  const letters = ref === undefined ? undefined : /^[A-Za-z]{1,3}/.exec(ref)?.[0];
  if (letters === undefined) return -1;
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col <= MAX_COLUMNS ? col - 1 : -1;
}

/**
 * The cached sheets of one external link part, one table per `<sheetData>` that holds a value,
 * named `<name>#<sheet name>`. Cached strings are written in `<v>` itself, not as shared strings.
 */
export function readExternalLinkCache(
  xml: string,
  name: string,
  sampleRows: number,
  late?: () => boolean,
): RawTable[] {
  const s = new XmlScanner(xml, late);
  const sheetNames: string[] = [];
  const tables: RawTable[] = [];
  let builder: TableBuilder | undefined;
  let row: string[] | undefined;
  let col = -1;
  let type = "";
  while (s.next()) {
    const tag = s.name;
    if (s.close) {
      if (tag === "row" && builder && row) {
        builder.addRow(Array.from(row, (cell) => cell ?? ""));
        row = undefined;
      } else if (tag === "sheetData" && builder) {
        const table = builder.build();
        if (table.rowCount > 0) tables.push(table);
        builder = undefined;
      }
      continue;
    }
    if (tag === "sheetName") sheetNames.push(s.attr("val") ?? "");
    else if (tag === "sheetData" && !s.selfClose) {
      const id = Number(s.attr("sheetId"));
      const sheet = sheetNames[id] ?? `sheet ${Number.isInteger(id) ? id + 1 : "?"}`;
      builder = new TableBuilder(`${name}#${sheet}`, "external-link-cache", "visible", sampleRows);
    } else if (tag === "row" && builder) {
      if (row) builder.addRow(Array.from(row, (cell) => cell ?? "")); // a row left open
      row = s.selfClose ? undefined : [];
      col = -1;
    } else if (tag === "cell" && row) {
      const ref = columnOf(s.attr("r"));
      col = ref >= 0 ? ref : col + 1;
      type = s.attr("t") ?? "n";
    } else if (tag === "v" && row && !s.selfClose && col >= 0 && col < MAX_COLUMNS) {
      const value = s.text();
      row[col] =
        type === "b" ? (value === "1" ? "TRUE" : value === "0" ? "FALSE" : value) : decodeXString(value);
    }
  }
  return tables;
}

// ---------------------------------------------------------------------------------------------
// Defined names (ECMA-376 18.2.5): a name may hold a constant instead of a range

const STRING = /^"((?:[^"]|"")*)"/;
/** What else an array constant may hold: numbers, booleans and errors (Excel's help, "array constants"). */
const SCALAR = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:E[-+]?\d+)?|TRUE|FALSE|#[A-Z/0!?]+)/i;

/** A defined name's text as rows of constants, or undefined when it is not a constant (a range, a formula). */
export function parseConstant(formula: string): string[][] | undefined {
  const text = formula.trim().replace(/^=\s*/, "");
  const lone = STRING.exec(text);
  if (lone && lone[0].length === text.length) return [[lone[1].replace(/""/g, '"')]];
  if (!text.startsWith("{") || !text.endsWith("}")) return undefined;
  const rows: string[][] = [[]];
  let rest = text.slice(1);
  for (;;) {
    rest = rest.trimStart();
    const string = STRING.exec(rest);
    const scalar = string ? undefined : SCALAR.exec(rest);
    const token = string ?? scalar;
    if (!token) return undefined;
    rows[rows.length - 1].push(string ? string[1].replace(/""/g, '"') : token[0]);
    rest = rest.slice(token[0].length).trimStart();
    const separator = rest[0];
    rest = rest.slice(1);
    if (separator === "}") return rest === "" ? rows : undefined;
    if (separator === ";") rows.push([]);
    else if (separator !== ",") return undefined;
  }
}

/**
 * Constants held by the workbook's defined names as one table without a header: `[name, value]`
 * for each string or element of a one-row array, `[name, ...row]` for each row of a wider array.
 * Names that refer to cells are skipped: their values are read with the sheets.
 */
export function readDefinedNameConstants(
  workbookXml: string,
  name: string,
  sampleRows: number,
  late?: () => boolean,
): RawTable | undefined {
  const s = new XmlScanner(workbookXml, late);
  let builder: TableBuilder | undefined;
  while (s.next()) {
    if (s.close || s.selfClose || s.name !== "definedName") continue;
    const label = s.attr("name") ?? "";
    const rows = parseConstant(decodeXString(s.text()));
    if (rows === undefined) continue;
    builder ??= new TableBuilder(name, "defined-names", "visible", sampleRows);
    if (rows.length === 1) {
      for (const value of rows[0]) if (value.trim() !== "") builder.addRow([label, value]);
    } else for (const r of rows) if (r.some((v) => v.trim() !== "")) builder.addRow([label, ...r]);
  }
  const table = builder?.build();
  return table && table.rowCount > 0 ? table : undefined;
}
