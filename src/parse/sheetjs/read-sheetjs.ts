import type { CellObject, ParsingOptions, WorkBook, WorkSheet } from "@e965/xlsx";
import type { Limits } from "../../model/limits.js";
import type { ReadIssue, ReadResult, SheetState } from "../../model/table.js";
import { dateFormatKind, formatExcelSerial, formatIsoDateTime } from "../excel-date.js";
import { MAX_COLUMNS } from "../excel-grid.js";
import { startsWith, ZIP_LOCAL_MAGIC } from "../magic-bytes.js";
import { TableBuilder } from "../table-builder.js";

/** What readWithSheetJs needs besides the bytes. */
export interface SheetJsContext {
  limits: Limits;
  /** Put before each sheet name, e.g. `inner.zip/book.xls#`. */
  prefix?: string;
}

/** The part of SheetJS used here; its typings leave CFB as `any` and omit parse_zip. */
interface SheetJs {
  read(data: Uint8Array, opts: ParsingOptions): WorkBook;
  parse_zip(zip: CfbContainer, opts: ParsingOptions): WorkBook;
  CFB: {
    read(data: Uint8Array, opts: { type: "array" }): CfbContainer;
    find(container: CfbContainer, path: string): { content?: ArrayLike<number> } | null;
    utils: { _inflateRaw(data: Uint8Array, size: number): Uint8Array };
  };
}
interface CfbContainer {
  FullPaths: string[];
}

/**
 * Loaded on first use so a mail with only CSVs never pays for SheetJS. Measured cold `import()` on
 * Node 20 (median of 3): the package's ESM entry `xlsx.mjs` 36 ms, `dist/xlsx.mini.min.js` 55 ms
 * (cannot read xls or xlsb), `dist/xlsx.core.min.js` 95 ms (its UMD wrapper fails on xls when
 * imported), `dist/xlsx.full.min.js` 185 ms. `xlsx.mjs` is the fastest that reads xls, ods and xlsb.
 * It has no codepage tables (cpexcel, +90 ms), so BIFF5 text in a non-1252 codepage comes out as
 * latin-1 mojibake; BIFF8 (Excel 97+) stores text as UTF-16 and is unaffected.
 */
let sheetJs: Promise<SheetJs> | undefined;
function loadSheetJs(): Promise<SheetJs> {
  sheetJs ??= import("@e965/xlsx") as unknown as Promise<SheetJs>;
  return sheetJs;
}

/**
 * `dense` gives `!data` row arrays that hold only rows that exist; `cellStyles` is what makes
 * SheetJS keep `!cols[i].hidden` for xls and xlsb (`!rows[i].hidden` and `Workbook.Sheets[i].Hidden`
 * come without it) and implies `cellNF`, which puts the number format in `z` to spot dates.
 */
const READ_OPTIONS: ParsingOptions = {
  type: "array",
  dense: true,
  cellDates: false,
  cellStyles: true,
  cellNF: true,
  cellFormula: false,
  cellHTML: false,
  sheetStubs: false,
  WTF: false,
};

/**
 * Reads an xls, ods or xlsb workbook (xlsx works too) into one table per sheet. Never throws: an
 * encrypted workbook is an ENCRYPTED issue, anything else SheetJS rejects a CORRUPT one. SheetJS
 * inflates ZIP parts itself without caps, so the caller checks ZIP sizes (parse/container/zip.ts) first.
 */
export async function readWithSheetJs(bytes: Uint8Array, ctx: SheetJsContext): Promise<ReadResult> {
  let x: SheetJs;
  try {
    x = await loadSheetJs();
  } catch (error) {
    return failure("UNSUPPORTED", `sheetjs: ${message(error)}`);
  }
  try {
    return quietly(() => readWorkbook(x, bytes, ctx));
  } catch (error) {
    const text = message(error);
    if (isEncryptionError(text) || quietly(() => isEncryptedOdf(x, bytes))) return failure("ENCRYPTED");
    return failure("CORRUPT", text.slice(0, 120));
  }
}

/**
 * SheetJS reports oddities on console.error (one corpus file gives 4,000 "Bad compressed size"
 * lines), which would garble the CLI's output. The read is synchronous, so nothing else can run
 * while the console is muted, and it is restored even when the read throws.
 */
function quietly<T>(read: () => T): T {
  const { error, warn, log } = console;
  const mute = () => {};
  console.error = mute;
  console.warn = mute;
  console.log = mute;
  try {
    return read();
  } finally {
    console.error = error;
    console.warn = warn;
    console.log = log;
  }
}

function readWorkbook(x: SheetJs, bytes: Uint8Array, ctx: SheetJsContext): ReadResult {
  let wb: WorkBook;
  let ods: OdsScan | undefined;
  if (isZip(bytes)) {
    // Open the ZIP once and hand it to SheetJS, so an ODS content.xml is inflated only once and can
    // also be scanned first: for repeat counts SheetJS would expand, and for what it drops (hidden
    // tables, rows and columns).
    const zip = x.CFB.read(bytes, { type: "array" });
    const content = x.CFB.find(zip, "content.xml")?.content;
    if (content) {
      ods = scanOdsContent(new TextDecoder().decode(Uint8Array.from(content)));
      if (ods.expandedCells > MAX_ODS_EXPANDED_CELLS) return failure("TOO_LARGE", "ods-repeated-cells");
    }
    wb = x.parse_zip(zip, { ...READ_OPTIONS });
  } else {
    wb = x.read(bytes, { ...READ_OPTIONS });
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const prefix = ctx.prefix ?? "";
  const tables = wb.SheetNames.map((name, index) => {
    const sheet = wb.Sheets[name];
    const hidden = wb.Workbook?.Sheets?.[index]?.Hidden ?? (ods?.hiddenTables.has(name) ? 1 : 0);
    const state: SheetState = hidden === 2 ? "veryHidden" : hidden === 1 ? "hidden" : "visible";
    const builder = new TableBuilder(prefix + name, "sheet", state, ctx.limits.sampleRows);
    if (sheet) addSheet(sheet, builder, date1904, ods?.tables.get(name));
    return builder.build();
  });
  return { tables, issues: [] };
}

function addSheet(
  sheet: WorkSheet,
  builder: TableBuilder,
  date1904: boolean,
  odsTable: OdsTableVisibility | undefined,
): void {
  // forEach skips holes: only rows and cells that exist are visited, never the declared `!ref`,
  // which a crafted file can set to A1:XFD1048576.
  sheet["!cols"]?.forEach((col, c) => {
    if (col?.hidden) builder.hideColumn(c);
  });
  for (const c of odsTable?.hiddenColumns ?? []) builder.hideColumn(c);
  const rowInfo = sheet["!rows"];
  sheet["!data"]?.forEach((row, r) => {
    if (!row) return;
    const cells: string[] = [];
    row.forEach((cell, c) => {
      const text = formatCell(cell, date1904);
      if (text === "") return;
      while (cells.length < c) cells.push("");
      cells[c] = text;
    });
    const hidden = Boolean(rowInfo?.[r]?.hidden) || Boolean(odsTable && isOdsRowHidden(odsTable, r));
    builder.addRow(cells, hidden);
  });
}

/** A cell as text: dates by the one date rule (excel-date.ts), everything else as displayed. */
function formatCell(cell: CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.t === "z" || cell.v === undefined || cell.v === null) return "";
  const kind = typeof cell.z === "string" ? dateFormatKind(cell.z) : "none";
  if (cell.t === "d" && cell.v instanceof Date && !Number.isNaN(cell.v.getTime())) {
    return formatIsoDateTime(cell.v.toISOString(), kind === "date-time");
  }
  if (cell.t === "n" && typeof cell.v === "number" && kind !== "none") {
    const text = formatExcelSerial(cell.v, date1904, kind === "date-time");
    if (text) return text;
  }
  if (typeof cell.w === "string") return cell.w;
  return String(cell.v);
}

/**
 * ODS compresses runs with `number-rows-repeated` / `number-columns-repeated`, and SheetJS expands
 * every repeated non-empty cell into an object: a few KiB can ask for 10^10 cells (calamine's
 * issue_594_dos.ods). Above this many expanded cells the sheet is refused before SheetJS sees it.
 */
const MAX_ODS_EXPANDED_CELLS = 2_000_000;

/** What a scan of an ODS content.xml finds: the hidden parts SheetJS CE ignores, and its size. */
interface OdsScan {
  /** Non-empty cells after expanding repeats, as SheetJS would materialise them. */
  expandedCells: number;
  hiddenTables: Set<string>;
  tables: Map<string, OdsTableVisibility>;
}
interface OdsTableVisibility {
  /** Half-open [start, end) ranges of hidden rows; ranges, since one element can repeat a million times. */
  hiddenRows: [number, number][];
  hiddenColumns: number[];
}

/**
 * Scans content.xml for `table:display="false"` table styles (hidden sheets) and rows and columns
 * with `table:visibility` other than visible (OpenDocument 1.2 part 1, 19.615 and 17.15). Row
 * positions follow SheetJS's own count: each `<table:table-row>` advances by its repeat count.
 * Also counts non-empty cells after expanding repeats, the work SheetJS would do.
 */
function scanOdsContent(xml: string): OdsScan {
  const scan = new OdsScanner();
  const tag =
    /<(\/?)(style:style|style:table-properties|table:table|table:table-row|table:table-column|table:table-cell)(?=[\s/>])([^>]*)/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [, closing, name, rest] = m;
    if (closing) {
      if (name === "style:style") scan.style = undefined;
    } else scan.open(name, rest);
  }
  return { expandedCells: scan.expandedCells, hiddenTables: scan.hiddenTables, tables: scan.tables };
}

/** A repeat count attribute, at least 1. */
function repeatOf(attrs: Map<string, string>, name: string): number {
  return Math.max(1, Number.parseInt(attrs.get(name) ?? "1", 10) || 1);
}

/** The state of a scan of content.xml: table styles seen, and where in the current table it is. */
class OdsScanner {
  readonly hiddenTables = new Set<string>();
  readonly tables = new Map<string, OdsTableVisibility>();
  expandedCells = 0;
  style: string | undefined;
  private readonly hiddenStyles = new Set<string>();
  private table: OdsTableVisibility | undefined;
  private row = 0;
  private column = 0;
  private rowRepeat = 1;

  /** Takes in one start tag: its name and the text of its attributes. */
  open(name: string, rest: string): void {
    const attrs = attributes(rest);
    const hidden = (attrs.get("table:visibility") ?? "visible") !== "visible";
    switch (name) {
      case "style:style":
        this.style = attrs.get("style:family") === "table" ? attrs.get("style:name") : undefined;
        break;
      case "style:table-properties":
        if (this.style && attrs.get("table:display") === "false") this.hiddenStyles.add(this.style);
        break;
      case "table:table":
        this.openTable(attrs);
        break;
      case "table:table-row": {
        const repeat = repeatOf(attrs, "table:number-rows-repeated");
        if (this.table && hidden) this.table.hiddenRows.push([this.row, this.row + repeat]);
        this.row += repeat;
        this.rowRepeat = repeat;
        break;
      }
      case "table:table-cell":
        // A self-closing cell without a value is empty; SheetJS skips those cheaply.
        if (rest.endsWith("/") && !attrs.has("office:value-type")) break;
        this.expandedCells += repeatOf(attrs, "table:number-columns-repeated") * this.rowRepeat;
        break;
      case "table:table-column":
        this.openColumn(repeatOf(attrs, "table:number-columns-repeated"), hidden);
        break;
    }
  }

  private openTable(attrs: Map<string, string>): void {
    const tableName = attrs.get("table:name") ?? "";
    this.table = { hiddenRows: [], hiddenColumns: [] };
    this.tables.set(tableName, this.table);
    if (this.hiddenStyles.has(attrs.get("table:style-name") ?? "")) this.hiddenTables.add(tableName);
    this.row = 0;
    this.column = 0;
  }

  private openColumn(repeat: number, hidden: boolean): void {
    const { table, column } = this;
    if (table && hidden) {
      for (let c = column; c < Math.min(column + repeat, MAX_COLUMNS); c++) table.hiddenColumns.push(c);
    }
    this.column += repeat;
  }
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"/g)) out.set(m[1], m[2]);
  return out;
}

/** Binary search: ranges are pushed in row order and do not overlap. */
function isOdsRowHidden(table: OdsTableVisibility, row: number): boolean {
  const ranges = table.hiddenRows;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid];
    if (row < start) hi = mid - 1;
    else if (row >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * SheetJS's wording for encrypted input: "File is password-protected" (xls RC4/XOR, OOXML in CFB),
 * "ECMA-376 Encrypted ...", "Unsupported ODS Encryption", "Encryption Flags/AlgID mismatch".
 */
function isEncryptionError(text: string): boolean {
  return /password|ECMA-376 Encrypted|encryption|encrypted/i.test(text);
}

/**
 * An encrypted ODS fails in SheetJS's ZIP reader (its encrypted entries inflate to nonsense) before
 * the manifest is read; the manifest itself is never encrypted, so look in it for encryption-data.
 */
function isEncryptedOdf(x: SheetJs, bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  try {
    const name = new TextEncoder().encode("META-INF/manifest.xml");
    for (let at = indexOf(bytes, name, 30); at >= 0; at = indexOf(bytes, name, at + 1)) {
      const p = at - 30;
      if (!startsWith(bytes, ZIP_LOCAL_MAGIC, p) || (bytes[p + 26] | (bytes[p + 27] << 8)) !== name.length)
        continue;
      const method = bytes[p + 8] | (bytes[p + 9] << 8);
      const compressed =
        (bytes[p + 18] | (bytes[p + 19] << 8) | (bytes[p + 20] << 16)) + bytes[p + 21] * 2 ** 24;
      // A manifest is a few KiB; refusing big ones bounds what this inflate (which has no cap) can
      // produce. Size 0 means the size trails the data (a data descriptor), as LibreOffice writes.
      if (compressed > MAX_MANIFEST_BYTES) return false;
      const start = at + name.length + (bytes[p + 28] | (bytes[p + 29] << 8));
      const end = compressed > 0 ? start + compressed : start + MAX_MANIFEST_BYTES;
      const raw =
        method === 8 ? x.CFB.utils._inflateRaw(bytes.subarray(start, end), 0) : bytes.subarray(start, end);
      return new TextDecoder().decode(Uint8Array.from(raw)).includes("encryption-data");
    }
  } catch {
    // A manifest that cannot be inflated says nothing either way.
  }
  return false;
}

/** Compressed size above which a "manifest" is not looked into. */
const MAX_MANIFEST_BYTES = 64 * 1024;

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first, from); i >= 0; i = haystack.indexOf(first, i + 1)) {
    if (i + needle.length > haystack.length) return -1;
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_LOCAL_MAGIC);
}

function failure(code: ReadIssue["code"], detail?: string): ReadResult {
  return { tables: [], issues: [detail === undefined ? { code, path: "" } : { code, path: "", detail }] };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
