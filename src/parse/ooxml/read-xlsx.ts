import type { InflateBudget, Limits } from "../../model/limits.js";
import type { Platform } from "../../model/platform.js";
import type { RawTable, ReadIssue, ReadResult, SheetState } from "../../model/table.js";
import { extractZipEntry, listZipEntries, type ZipEntry } from "../container/zip.js";
import { TableBuilder } from "../table-builder.js";
import { declaresDtd, decodePart, decodeXString, XmlScanner } from "../xml/xml-scanner.js";
import { readChartCache, readDefinedNameConstants, readExternalLinkCache } from "./read-xlsx-caches.js";

/** What reading a workbook needs: the host, the limits, the draft's budget and where it sits. */
export interface XlsxContext {
  platform: Platform;
  limits: Limits;
  budget: InflateBudget;
  /** Put before every table name, e.g. `inner.zip/book.xlsx#`; none for a top-level attachment. */
  prefix?: string;
  /** How many containers this workbook is inside (0 for an attachment); bounds embedded workbooks. */
  depth?: number;
}

/** Excel's widest sheet (XFD); cells past it are ignored, which also bounds column ranges. */
const MAX_COLUMNS = 16384;
/** Excel's last date (9999-12-31) as a 1900-system serial. */
const MAX_SERIAL = 2958465;
/** Built-in number formats that show a date (ECMA-376 18.8.30 plus the East Asian date ids). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const CELL_ATTRS = ["r", "t", "s"] as const;

// ---------------------------------------------------------------------------------------------
// Values

/** Column index (0-based) from the letters of a cell reference, -1 without letters or past XFD. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) | 32; // lower-case
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
    if (col > MAX_COLUMNS) return -2;
  }
  return i === 0 ? -1 : col - 1;
}

/** Writes long or exponent numbers as JS would, so `0.10000000000000001` reads as `0.1`. */
function normalizeNumber(text: string): string {
  if (text.length <= 15 && !text.includes("E") && !text.includes("e")) return text;
  const value = Number(text);
  return Number.isFinite(value) ? String(value) : text;
}

/** Days since 1970-01-01 as `YYYY-MM-DD`, by arithmetic: Date#toISOString is the bottleneck of
 * a date-heavy sheet. Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms". */
function isoFromEpochDays(epochDays: number): string {
  const z = epochDays + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** Days from 1970-01-01 back to Excel's day 0 in each date system. */
const EPOCH_1900 = -25568; // 1899-12-31, for serials 1..59
const EPOCH_1900_LATE = -25569; // 1899-12-30, for serials from 61, past the fictional 1900-02-29
const EPOCH_1904 = -24107; // 1904-01-01

/** An Excel date serial as `YYYY-MM-DD`, keeping Excel's fictional 1900-02-29; else the number. */
export function serialToIsoDate(text: string, date1904: boolean): string {
  const serial = Number(text);
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > MAX_SERIAL)
    return normalizeNumber(text);
  // Half a second of slack, as Excel rounds times to the nearest second before showing the day.
  const days = Math.floor(serial + 0.5 / 86_400);
  if (date1904) return isoFromEpochDays(EPOCH_1904 + days);
  if (days === 60) return "1900-02-29"; // Lotus 1-2-3's leap-year bug, kept by Excel
  return isoFromEpochDays((days < 60 ? EPOCH_1900 : EPOCH_1900_LATE) + days);
}

/** Whether a number format code shows a date: it has d or y, or m without h or s (minutes). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "") // literal text
    .replace(/\\./g, "") // escaped characters
    .replace(/[_*]./g, "") // padding and fill characters
    .replace(/\[(h+|m+|s+)\]/gi, "$1") // elapsed time keeps its letter
    .replace(/\[[^\]]*\]/g, "") // colours, conditions, locales
    .toLowerCase()
    .replace(/am\/pm|a\/p/g, "");
  if (/[dy]/.test(bare)) return true;
  return bare.includes("m") && !/[hs]/.test(bare);
}

// ---------------------------------------------------------------------------------------------
// Parts

interface Relationship {
  type: string;
  target: string;
}

/** Joins a relationship target to the folder of its source part, resolving `.` and `..`. */
function resolveTarget(baseDir: string, target: string): string {
  const raw = target.startsWith("/") ? target.slice(1) : baseDir ? `${baseDir}/${target}` : target;
  const out: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  }
  return out.join("/");
}

const dirOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf("/")));
const baseOf = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
const relsOf = (path: string): string => resolveTarget(dirOf(path), `_rels/${baseOf(path)}.rels`);

/** Relationships of a part by id, with targets resolved to part paths; external ones dropped. */
function parseRels(xml: string, sourcePath: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const s = new XmlScanner(xml);
  while (s.next()) {
    if (s.close || s.name !== "Relationship" || s.attr("TargetMode") === "External") continue;
    const id = s.attr("Id");
    const target = s.attr("Target");
    if (id && target)
      rels.set(id, { type: s.attr("Type") ?? "", target: resolveTarget(dirOf(sourcePath), target) });
  }
  return rels;
}

/** The shared string table: each `<si>` is its `<t>` runs joined, phonetic `<rPh>` runs left out. */
function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const s = new XmlScanner(xml);
  let current = "";
  let inItem = false;
  let inPhonetic = false;
  while (s.next()) {
    const name = s.name;
    if (name === "si") {
      if (s.close || s.selfClose) {
        strings.push(decodeXString(current));
        current = "";
        inItem = false;
      } else inItem = true;
    } else if (name === "t") {
      if (!s.close && inItem && !inPhonetic) current += s.text();
    } else if (name === "rPh") {
      inPhonetic = !s.close && !s.selfClose;
    }
  }
  return strings;
}

/** For each cell style index (`s`), whether its number format shows a date. */
function parseDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  const s = new XmlScanner(xml);
  let inCellXfs = false;
  while (s.next()) {
    if (s.name === "numFmt" && !s.close) {
      custom.set(Number(s.attr("numFmtId")), s.attr("formatCode") ?? "");
    } else if (s.name === "cellXfs") {
      inCellXfs = !s.close && !s.selfClose;
    } else if (s.name === "xf" && inCellXfs && !s.close) {
      const id = Number(s.attr("numFmtId") ?? 0);
      const code = custom.get(id);
      styles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
    }
  }
  return styles;
}

interface SheetRef {
  name: string;
  state: SheetState;
  rid: string;
}

/** Sheets in workbook order with their visibility, and whether dates count from 1904. */
function parseWorkbook(xml: string): { sheets: SheetRef[]; date1904: boolean } {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  const s = new XmlScanner(xml);
  while (s.next()) {
    if (s.close) continue;
    if (s.name === "sheet") {
      const state = s.attr("state");
      sheets.push({
        name: s.attr("name") ?? `Sheet${sheets.length + 1}`,
        state: state === "hidden" || state === "veryHidden" ? state : "visible",
        rid: s.attr("id") ?? "",
      });
    } else if (s.name === "workbookPr") {
      const flag = s.attr("date1904");
      date1904 = flag === "1" || flag === "true";
    }
  }
  return { sheets, date1904 };
}

interface CellFormats {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** Puts a row's non-empty cells into the builder: dense while sampled, just counted after. */
class RowSink {
  width = 0;
  readonly cols: number[] = [];
  readonly values: string[] = [];

  /** `sampled` counts rows the builder already holds, so the two agree on when the sample is full. */
  constructor(
    private readonly builder: TableBuilder,
    private readonly sampleRows: number,
    private sampled = 0,
  ) {}

  /** Whether the sample is full, so later rows need only be counted. */
  get full(): boolean {
    return this.sampled >= this.sampleRows;
  }

  /** Adds one cell value at a column; blanks are skipped so styled empty cells cost nothing. */
  put(col: number, value: string): void {
    if (value === "") return;
    this.cols.push(col);
    this.values.push(value);
  }

  /** Ends the row. */
  flush(hidden: boolean): void {
    const { cols, values } = this;
    if (values.length === 0) return;
    if (values.some((v) => v.trim() !== "")) {
      let max = 0;
      for (const col of cols) if (col > max) max = col;
      if (max + 1 > this.width) this.width = max + 1;
      if (this.sampled < this.sampleRows) {
        const row = new Array<string>(max + 1).fill("");
        for (let i = 0; i < cols.length; i++) row[cols[i]] = values[i];
        this.builder.addRow(row, hidden);
        this.sampled++;
      } else {
        // Past the sample the builder only counts, so a wide row need not be laid out.
        this.builder.addRow(values.slice(), hidden);
      }
    }
    cols.length = 0;
    values.length = 0;
  }
}

/** Streams one worksheet's `<sheetData>` into a builder in a single forward pass. */
function readSheet(xml: string, builder: TableBuilder, formats: CellFormats, sampleRows: number): void {
  const s = new XmlScanner(xml);
  const sink = new RowSink(builder, sampleRows);
  const hiddenRanges: [number, number][] = [];
  const cell: (string | undefined)[] = [undefined, undefined, undefined];
  let rowHidden = false;
  let col = -1;
  let type = "";
  let style = 0;
  let value: string | undefined;
  let inCell = false;
  let inInline = false;
  let inPhonetic = false;
  let inline = "";

  const endCell = (): void => {
    inCell = false;
    if (col < 0 || col >= MAX_COLUMNS) return;
    let text: string;
    switch (type) {
      case "s":
        text = value === undefined ? "" : (formats.strings[Number(value)] ?? "");
        break;
      case "inlineStr":
        text = decodeXString(inline || (value ?? ""));
        break;
      case "str":
        text = decodeXString(value ?? "");
        break;
      case "b":
        text = value === "1" ? "TRUE" : value === "0" ? "FALSE" : (value ?? "");
        break;
      case "e":
        text = value ?? "";
        break;
      case "d":
        // ISO 8601 dates (strict OOXML and some writers); the day is what classification needs.
        text = value && /^\d{4}-\d\d-\d\d/.test(value) ? value.slice(0, 10) : (value ?? "");
        break;
      default:
        if (value === undefined || value === "") text = "";
        else
          text = formats.dateStyles[style]
            ? serialToIsoDate(value, formats.date1904)
            : normalizeNumber(value);
    }
    sink.put(col, text);
  };

  sheet: while (s.next()) {
    const name = s.name;
    if (s.close) {
      if (name === "c") {
        if (inCell) endCell();
      } else if (name === "row") {
        sink.flush(rowHidden);
        rowHidden = false;
      } else if (name === "is") inInline = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "sheetData") break; // what follows (merges, links, formats) holds no cells
      continue;
    }
    switch (name) {
      case "c": {
        if (inCell) endCell();
        s.attrs(CELL_ATTRS, cell);
        const ref = columnOf(cell[0]);
        // No reference: the cell follows the previous one. Past XFD: ignored, as Excel would.
        col = ref === -1 ? col + 1 : ref === -2 ? MAX_COLUMNS : ref;
        type = cell[1] ?? "n";
        style = cell[2] === undefined ? 0 : Number(cell[2]);
        value = undefined;
        inline = "";
        inCell = !s.selfClose;
        break;
      }
      case "v":
        if (inCell && !s.selfClose) {
          value = s.text();
          s.skipEndTag();
        }
        break;
      case "is":
        inInline = !s.selfClose;
        break;
      case "rPh":
        inPhonetic = !s.selfClose;
        break;
      case "t":
        if (inCell && inInline && !inPhonetic) inline += s.text();
        break;
      case "row": {
        // A row left open by a broken file is closed by the next one.
        sink.flush(rowHidden);
        if (sink.full && !s.close) {
          // Past the sample only counts matter: count the rest with native string search.
          countRows(xml, xml.lastIndexOf("<", s.pos - 1), builder);
          rowHidden = false;
          inCell = false;
          break sheet;
        }
        const hidden = s.attr("hidden");
        rowHidden = hidden === "1" || hidden === "true";
        col = -1;
        if (s.selfClose) rowHidden = false;
        break;
      }
      case "col": {
        const hidden = s.attr("hidden");
        if (hidden === "1" || hidden === "true") {
          const min = Number(s.attr("min"));
          const max = Number(s.attr("max") ?? min);
          if (Number.isInteger(min) && Number.isInteger(max) && min >= 1)
            hiddenRanges.push([min - 1, max - 1]);
        }
        break;
      }
    }
  }
  if (inCell) endCell();
  sink.flush(rowHidden);
  // `<col min="5" max="16384" hidden="1"/>` is how Excel hides everything right of the data, so
  // only columns that hold data are marked.
  for (const [min, max] of hiddenRanges) {
    for (let c = min; c <= Math.min(max, sink.width - 1); c++) builder.hideColumn(c);
  }
}

/**
 * Counts the rows from `start` to the end of `<sheetData>` without tokenizing them: a row counts
 * when it holds a value (`<v>x`) or inline text (`<t>x`). A cell pointing at an empty shared string
 * counts too: erring towards more rows is the safe side for a leak detector.
 */
function countRows(xml: string, start: number, builder: TableBuilder): void {
  const lt = xml.indexOf("row", start) - start === 1 ? "<" : xml.slice(start, xml.indexOf("row", start));
  const open = `${lt}row`;
  const close = `</${lt.slice(1)}row>`;
  const value = `<${lt.slice(1)}v`;
  const text = `<${lt.slice(1)}t`;
  const dataEnd = xml.indexOf(`</${lt.slice(1)}sheetData>`, start);
  const end = dataEnd < 0 ? xml.length : dataEnd;
  let pos = start;
  while (pos < end) {
    const rowStart = xml.indexOf(open, pos);
    if (rowStart < 0 || rowStart >= end) break;
    const after = xml.charCodeAt(rowStart + open.length);
    if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
      pos = rowStart + open.length;
      continue;
    }
    const tagEnd = xml.indexOf(">", rowStart);
    if (tagEnd < 0) break;
    const tag = xml.slice(rowStart, tagEnd);
    const hidden = /\shidden=["'](1|true)["']/.test(tag);
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      pos = tagEnd + 1;
      continue;
    }
    let rowEnd = xml.indexOf(close, tagEnd);
    if (rowEnd < 0 || rowEnd > end) rowEnd = end;
    if (holdsValue(xml, tagEnd, rowEnd, value) || holdsValue(xml, tagEnd, rowEnd, text))
      builder.countRow(hidden);
    pos = rowEnd + close.length;
  }
}

/** Whether an element opened by `tag` between from and to has non-empty text right after its start tag. */
function holdsValue(xml: string, from: number, to: number, tag: string): boolean {
  let pos = from;
  for (;;) {
    const at = xml.indexOf(tag, pos);
    if (at < 0 || at >= to) return false;
    const gt = xml.indexOf(">", at);
    if (gt < 0 || gt >= to) return false;
    // `<t>` and `<t xml:space="preserve">` but not `<tableParts>`; a self-closed `<t/>` is empty.
    const next = xml.charCodeAt(at + tag.length);
    if ((next === 62 || next === 32) && xml.charCodeAt(gt - 1) !== 47) {
      const first = xml.charCodeAt(gt + 1);
      if (first !== 60 && gt + 1 < to) return true;
    }
    pos = gt + 1;
  }
}

/**
 * A comment's text cut into fields, so the classifier tests each detail on its own: people put one
 * per line or between commas ("Jane Smith, 07700 900123"). Excel begins a legacy comment with its
 * author and a colon on a line of their own: a colleague, not the data, so that line is dropped.
 */
function commentFields(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && /^[^:\n]{1,80}:\s*$/.test(lines[0])) lines.shift();
  const fields = lines
    .join("\n")
    .split(/[\n,;|\t]/)
    .map((field) => field.trim())
    .filter((field) => field !== "");
  return fields.length > 0 ? fields : [""];
}

/** Comments on one sheet as `[cell, field...]` rows, from legacy and threaded comment parts. */
function readComments(xml: string, threaded: boolean, rows: string[][]): void {
  const s = new XmlScanner(xml);
  const element = threaded ? "threadedComment" : "comment";
  let ref: string | undefined;
  let text = "";
  let inPhonetic = false;
  while (s.next()) {
    const name = s.name;
    if (name === "rPh") {
      inPhonetic = !s.close && !s.selfClose;
      continue;
    }
    if (name === element) {
      if (!s.close) {
        ref = s.attr("ref") ?? "";
        text = "";
      }
      if (s.close || s.selfClose) {
        if (ref !== undefined) rows.push([ref, ...commentFields(decodeXString(text))]);
        ref = undefined;
      }
    } else if (ref !== undefined && !s.close) {
      // Threaded comments keep plain text in <text>; legacy ones keep rich runs of <t>.
      if (threaded ? name === "text" : name === "t" && !inPhonetic) text += s.text();
    }
  }
}

/** A pivot cache item as text: `<s v>`, `<n v>`, `<d v>` (ISO date kept to the day), `<b v>`, `<m/>`. */
function pivotItem(s: XmlScanner): string | undefined {
  switch (s.name) {
    case "s":
    case "n":
    case "e":
      return decodeXString(s.attr("v") ?? "");
    case "d": {
      const v = s.attr("v") ?? "";
      return /^\d{4}-\d\d-\d\d/.test(v) ? v.slice(0, 10) : v;
    }
    case "b": {
      const v = s.attr("v");
      return v === "1" || v === "true" ? "TRUE" : v === "0" || v === "false" ? "FALSE" : (v ?? "");
    }
    case "m":
      return "";
    default:
      return undefined;
  }
}

interface CacheField {
  name: string;
  items: string[];
}

/** The fields of a pivot cache definition, each with its shared items (not its group items). */
function parsePivotDefinition(xml: string): CacheField[] {
  const fields: CacheField[] = [];
  const s = new XmlScanner(xml);
  let inShared = false;
  while (s.next()) {
    if (s.name === "cacheField" && !s.close) fields.push({ name: s.attr("name") ?? "", items: [] });
    else if (s.name === "sharedItems") inShared = !s.close && !s.selfClose;
    else if (inShared && !s.close && fields.length > 0) {
      const item = pivotItem(s);
      if (item !== undefined) fields[fields.length - 1].items.push(item);
    }
  }
  return fields;
}

/** Streams pivot cache records (`<r>` of items or `<x v>` indexes into shared items) as rows. */
function readPivotRecords(
  xml: string,
  fields: CacheField[],
  builder: TableBuilder,
  sampleRows: number,
): void {
  const s = new XmlScanner(xml);
  const sink = new RowSink(builder, sampleRows, 1); // the builder already holds the field names
  let field = -1;
  while (s.next()) {
    if (s.name === "r") {
      if (s.close || s.selfClose) sink.flush(false);
      if (!s.close) field = 0;
      continue;
    }
    if (s.close || field < 0) continue;
    if (s.name === "x") {
      sink.put(field, fields[field]?.items[Number(s.attr("v"))] ?? "");
      field++;
    } else {
      const item = pivotItem(s);
      if (item !== undefined) sink.put(field++, item);
    }
  }
  sink.flush(false);
}

// ---------------------------------------------------------------------------------------------
// The workbook

/** Bytes that begin as an OLE compound file: an encrypted OOXML package or a legacy file. */
function cfbKind(bytes: Uint8Array): "encrypted" | "other" | undefined {
  if (!CFB_MAGIC.every((b, i) => bytes[i] === b)) return undefined;
  // Directory entries name their streams in UTF-16LE; an encrypted package has this one (MS-OFFCRYPTO).
  const needle = Array.from("EncryptedPackage", (ch) => [ch.charCodeAt(0), 0]).flat();
  for (let i = bytes.indexOf(needle[0]); i >= 0; i = bytes.indexOf(needle[0], i + 1)) {
    if (needle.every((b, k) => bytes[i + k] === b)) return "encrypted";
  }
  return "other";
}

/** Thrown inside a read to abandon the whole file; caught in readXlsx, never escapes. */
class DtdRefused {}

/**
 * Reads an xlsx/xlsm workbook's sheets, and what it keeps out of sight: comments, pivot, chart and
 * external-link caches, constants under defined names, and embedded workbooks.
 */
export function readXlsx(bytes: Uint8Array, ctx: XlsxContext): ReadResult {
  const prefix = ctx.prefix ?? "";
  const filePath = prefix.endsWith("#") ? prefix.slice(0, -1) : prefix;
  try {
    return readWorkbook(bytes, ctx, prefix, filePath);
  } catch (error) {
    if (error instanceof DtdRefused) {
      return { tables: [], issues: [{ code: "DTD_REFUSED", path: filePath }] };
    }
    // Hostile input can still reach engine limits (a string longer than V8 allows); the file is
    // then reported, not the process brought down.
    return {
      tables: [],
      issues: [
        { code: "CORRUPT", path: filePath, detail: error instanceof Error ? error.message : "unreadable" },
      ],
    };
  }
}

/** readXlsx without its safety net: parts are read on demand, each checked for a DTD. */
function readWorkbook(bytes: Uint8Array, ctx: XlsxContext, prefix: string, filePath: string): ReadResult {
  const { limits } = ctx;
  const depth = ctx.depth ?? 0;
  const tables: RawTable[] = [];
  const issues: ReadIssue[] = [];
  const cfb = cfbKind(bytes);
  if (cfb) {
    const issue: ReadIssue =
      cfb === "encrypted"
        ? { code: "ENCRYPTED", path: filePath, detail: "encrypted package" }
        : { code: "UNSUPPORTED", path: filePath, detail: "compound file, not a zip" };
    return { tables, issues: [issue] };
  }
  const listing = listZipEntries(bytes);
  if (!listing.ok) return { tables, issues: [{ ...listing.issue, path: filePath }] };
  const entries = new Map<string, ZipEntry>();
  for (const entry of listing.entries) {
    const key = entry.name.replace(/^\/+/, "").toLowerCase();
    if (!entries.has(key)) entries.set(key, entry);
  }

  /** A part as text; undefined when absent or unreadable (then an issue at issuePath). */
  const readPart = (path: string, issuePath: string): string | undefined => {
    const entry = entries.get(path.toLowerCase());
    if (!entry) return undefined;
    const out = extractZipEntry(bytes, entry, ctx);
    if (!out.ok) {
      issues.push({ ...out.issue, path: issuePath });
      return undefined;
    }
    const xml = decodePart(out.bytes);
    if (declaresDtd(xml)) throw new DtdRefused();
    return xml;
  };
  const partPath = (path: string): string => `${prefix}${path}`;
  const readRels = (source: string): Map<string, Relationship> => {
    const xml = readPart(relsOf(source), partPath(relsOf(source)));
    return xml === undefined ? new Map() : parseRels(xml, source);
  };
  const relOfType = (rels: Map<string, Relationship>, suffix: string): string | undefined => {
    for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return rel.target;
    return undefined;
  };

  const mainPath = relOfType(readRels(""), "/officeDocument") ?? "xl/workbook.xml";
  if (/\.bin$/i.test(mainPath)) {
    return { tables, issues: [{ code: "UNSUPPORTED", path: filePath, detail: "binary workbook (xlsb)" }] };
  }
  const workbookXml = readPart(mainPath, partPath(mainPath));
  if (workbookXml === undefined) {
    if (issues.length === 0) issues.push({ code: "CORRUPT", path: filePath, detail: "no workbook part" });
    return { tables, issues };
  }
  const workbook = parseWorkbook(workbookXml);
  const workbookRels = readRels(mainPath);
  const stringsPath = relOfType(workbookRels, "/sharedStrings") ?? "xl/sharedStrings.xml";
  const stylesPath = relOfType(workbookRels, "/styles") ?? "xl/styles.xml";
  const stringsXml = readPart(stringsPath, partPath(stringsPath));
  const stylesXml = readPart(stylesPath, partPath(stylesPath));
  const formats: CellFormats = {
    strings: stringsXml === undefined ? [] : parseSharedStrings(stringsXml),
    dateStyles: stylesXml === undefined ? [] : parseDateStyles(stylesXml),
    date1904: workbook.date1904,
  };

  const commentTables: RawTable[] = [];
  for (const sheet of workbook.sheets) {
    const rel = workbookRels.get(sheet.rid);
    const tableName = prefix + sheet.name;
    if (rel?.type.endsWith("/chartsheet")) continue; // a chart, no cells
    const sheetXml = rel ? readPart(rel.target, tableName) : undefined;
    if (rel === undefined || sheetXml === undefined) {
      if (!issues.some((issue) => issue.path === tableName)) {
        issues.push({ code: "CORRUPT", path: tableName, detail: "sheet part missing" });
      }
      continue;
    }
    const builder = new TableBuilder(tableName, "sheet", sheet.state, limits.sampleRows);
    readSheet(sheetXml, builder, formats, limits.sampleRows);
    tables.push(builder.build());

    const comments: string[][] = [];
    for (const commentRel of readRels(rel.target).values()) {
      const threaded = commentRel.type.endsWith("/threadedComment");
      if (!threaded && !commentRel.type.endsWith("/comments")) continue;
      const xml = readPart(commentRel.target, partPath(commentRel.target));
      if (xml !== undefined) readComments(xml, threaded, comments);
    }
    if (comments.length > 0) {
      const commentBuilder = new TableBuilder(
        `${prefix}comments on ${sheet.name}`,
        "comments",
        "visible",
        limits.sampleRows,
      );
      for (const row of comments) commentBuilder.addRow(row);
      commentTables.push(commentBuilder.build());
    }
  }
  tables.push(...commentTables);
  tables.push(...readPivotCaches(entries, readPart, readRels, prefix, limits.sampleRows));
  for (const { n, path } of numberedParts(entries, /^xl\/charts\/chart(\d+)\.xml$/)) {
    const xml = readPart(path, partPath(path));
    const chart =
      xml === undefined ? undefined : readChartCache(xml, `${prefix}chart ${n}`, limits.sampleRows);
    if (chart) tables.push(chart);
  }
  for (const { n, path } of numberedParts(entries, /^xl\/externallinks\/externallink(\d+)\.xml$/)) {
    const xml = readPart(path, partPath(path));
    if (xml !== undefined)
      tables.push(...readExternalLinkCache(xml, `${prefix}external link ${n}`, limits.sampleRows));
  }
  const constants = readDefinedNameConstants(workbookXml, `${prefix}defined names`, limits.sampleRows);
  if (constants) tables.push(constants);

  for (const entry of listing.entries) {
    const name = entry.name.replace(/^\/+/, "");
    if (!/^xl\/embeddings\//i.test(name) || name.endsWith("/")) continue;
    const file = baseOf(name);
    const innerPrefix = `${prefix}embedded/${file}#`;
    if (!/\.xls[xm]$/i.test(file)) {
      issues.push({ code: "UNSUPPORTED", path: `${prefix}embedded/${file}`, detail: "embedded object" });
      continue;
    }
    if (depth + 1 > limits.maxDepth) {
      issues.push({ code: "TOO_DEEP", path: `${prefix}embedded/${file}` });
      continue;
    }
    const out = extractZipEntry(bytes, entry, ctx);
    if (!out.ok) {
      issues.push({ ...out.issue, path: `${prefix}embedded/${file}` });
      continue;
    }
    const inner = readXlsx(out.bytes, { ...ctx, prefix: innerPrefix, depth: depth + 1 });
    // An embedded workbook's sheets are out of sight; its caches and comments keep their origin.
    for (const table of inner.tables)
      tables.push(table.origin === "sheet" ? { ...table, origin: "embedded" } : table);
    issues.push(...inner.issues);
  }
  return { tables, issues };
}

/** Parts whose lower-cased path matches `pattern`, in the order of the number it captures. */
function numberedParts(entries: Map<string, ZipEntry>, pattern: RegExp): { n: number; path: string }[] {
  const parts: { n: number; path: string }[] = [];
  for (const key of entries.keys()) {
    const match = pattern.exec(key);
    if (match) parts.push({ n: Number(match[1]), path: key });
  }
  return parts.sort((a, b) => a.n - b.n);
}

/** Pivot caches as tables: field names, then one row per cached record. */
function readPivotCaches(
  entries: Map<string, ZipEntry>,
  readPart: (path: string, issuePath: string) => string | undefined,
  readRels: (source: string) => Map<string, Relationship>,
  prefix: string,
  sampleRows: number,
): RawTable[] {
  const tables: RawTable[] = [];
  for (const { n, path } of numberedParts(entries, /^xl\/pivotcache\/pivotcachedefinition(\d+)\.xml$/)) {
    const definition = readPart(path, `${prefix}${path}`);
    if (definition === undefined) continue;
    const fields = parsePivotDefinition(definition);
    const builder = new TableBuilder(`${prefix}pivot cache ${n}`, "pivot-cache", "visible", sampleRows);
    builder.addRow(fields.map((field) => field.name));
    let recordsPath: string | undefined;
    for (const rel of readRels(path).values())
      if (rel.type.endsWith("/pivotCacheRecords")) recordsPath = rel.target;
    recordsPath ??= `xl/pivotCache/pivotCacheRecords${n}.xml`;
    const records = readPart(recordsPath, `${prefix}${recordsPath}`);
    if (records !== undefined) readPivotRecords(records, fields, builder, sampleRows);
    else {
      // A cache saved without records still lists every distinct value of each field.
      const longest = fields.reduce((most, field) => Math.max(most, field.items.length), 0);
      for (let i = 0; i < longest; i++) builder.addRow(fields.map((field) => field.items[i] ?? ""));
    }
    tables.push(builder.build());
  }
  return tables;
}
