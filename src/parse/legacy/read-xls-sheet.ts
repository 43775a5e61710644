import { formatExcelSerial } from "../excel-date.js";
// BIFF8 stops at 256 columns, but a crafted column number must stay bounded: by Excel's own width.
import { MAX_COLUMNS } from "../excel-grid.js";
import { commentFields } from "../ooxml/read-comments.js";
import { RowSink } from "../ooxml/row-sink.js";
import type { TableBuilder } from "../table-builder.js";
import type { BiffRecords } from "./biff-records.js";
import { biffCursor, readChars, readXlString } from "./read-biff-string.js";
import type { XlsContext } from "./read-xls.js";

/** What cells need from the workbook globals. */
export interface XlsFormats {
  strings: string[];
  /** For each XF (cell format) index: 0 no date, 1 a date, 2 a date with its time of day. */
  dateXf: Uint8Array;
  date1904: boolean;
}

/** How a sheet's substream ended, and its cell comments as `[cell, field...]` rows. */
export interface XlsSheetRead {
  outcome: "ok" | "timeout" | "truncated" | "rows out of order" | "no BOF";
  comments: string[][];
}

const BOF = 0x0809;
const EOF = 0x000a;
const ROW = 0x0208;
const COLINFO = 0x007d;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RK = 0x027e;
const MULRK = 0x00bd;
const NUMBER = 0x0203;
const FORMULA = 0x0006;
const STRING = 0x0207;
const BOOLERR = 0x0205;
const NOTE = 0x001c;
const OBJ = 0x005d;
const TXO = 0x01b6;
/** Records between two looks at the clock: cheap enough, and at most a few milliseconds late. */
const CLOCK_EVERY = 4096;
/** Error codes of BOOLERR and FORMULA ([MS-XLS] 2.5.10 BErr). */
const ERRORS: Record<number, string> = {
  0: "#NULL!",
  7: "#DIV/0!",
  15: "#VALUE!",
  23: "#REF!",
  29: "#NAME?",
  36: "#NUM!",
  42: "#N/A",
  43: "#GETTING_DATA",
};

/** An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high half of a double, maybe over 100. */
function rkValue(rk: number): number {
  let value: number;
  if (rk & 2) value = rk >> 2;
  else {
    RK_VIEW.setUint32(0, 0, true);
    RK_VIEW.setUint32(4, rk & 0xfffffffc, true);
    value = RK_VIEW.getFloat64(0, true);
  }
  return rk & 1 ? value / 100 : value;
}
const RK_VIEW = new DataView(new ArrayBuffer(8));

/** A cell reference such as `B7` from 0-based row and column. */
function cellRef(row: number, col: number): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** Rows of one sheet into a builder: sampled rows laid out, the rest only counted. */
class SheetRows {
  private readonly sink: RowSink;
  private row = -1;
  /** Past the sample: whether the current row holds a non-blank cell. */
  private filled = false;
  private widest = 0;
  readonly hiddenRows = new Uint8Array(65536);
  readonly hiddenColumns: [number, number][] = [];
  outOfOrder = false;

  constructor(
    private readonly builder: TableBuilder,
    private readonly formats: XlsFormats,
    sampleRows: number,
  ) {
    this.sink = new RowSink(builder, sampleRows);
  }

  /** Moves to row `rw`, ending the row before; false (and outOfOrder) when rows go backwards. */
  private at(rw: number, col: number): boolean {
    if (rw !== this.row) {
      if (rw < this.row) {
        this.outOfOrder = true;
        return false;
      }
      this.end();
      this.row = rw;
    }
    if (col >= this.widest) this.widest = col + 1;
    return col < MAX_COLUMNS;
  }

  /** Ends the current row. */
  end(): void {
    if (this.row < 0) return;
    const hidden = this.hiddenRows[this.row] === 1;
    if (!this.sink.full) this.sink.flush(hidden);
    else if (this.filled) this.builder.countRow(hidden);
    this.filled = false;
  }

  /** Whether a text cell at this place could change the table: past the sample, not once its row counts. */
  wants(rw: number, col: number): boolean {
    if (!this.sink.full || rw !== this.row || !this.filled) return true;
    if (col >= this.widest && col < MAX_COLUMNS) this.widest = col + 1;
    return false;
  }

  /** A text cell. */
  text(rw: number, col: number, value: string): void {
    if (!this.at(rw, col)) return;
    if (!this.sink.full) this.sink.put(col, value);
    else if (!this.filled) this.filled = value.trim() !== "";
  }

  /** A number cell, a date when its format shows one. */
  number(rw: number, col: number, xf: number, value: number): void {
    if (!this.at(rw, col)) return;
    if (this.sink.full) this.filled = true;
    else {
      const kind = this.formats.dateXf[xf];
      const date = kind ? formatExcelSerial(value, this.formats.date1904, kind === 2) : undefined;
      this.sink.put(col, date ?? String(value));
    }
  }

  /** Ends the sheet: the last row, and hidden columns among those holding data. */
  finish(): void {
    this.end();
    const width = Math.max(this.widest, this.sink.width);
    for (const [first, last] of this.hiddenColumns)
      for (let c = first; c <= Math.min(last, width - 1); c++) this.builder.hideColumn(c);
  }
}

/** Cell comments: NOTE records point at the text of a TXO through the OBJ before it. */
class Notes {
  private objId = -1;
  private readonly texts = new Map<number, string>();
  private readonly refs: [string, number][] = [];

  /** Handles OBJ, TXO and NOTE records. */
  take(r: BiffRecords): void {
    if (r.type === OBJ) this.objId = r.u16(0) === 0x15 ? r.u16(6) : -1;
    else if (r.type === TXO) {
      // The text follows in CONTINUE records, each beginning with a flags byte.
      const parts = r.withContinues();
      parts[0] = new Uint8Array(0);
      if (this.objId >= 0) this.texts.set(this.objId, readChars(biffCursor(parts), r.u16(10), false));
    } else if (r.length >= 8) this.refs.push([cellRef(r.u16(0), r.u16(2)), r.u16(6)]);
  }

  /** One row per comment with text. */
  rows(): string[][] {
    const rows: string[][] = [];
    for (const [ref, id] of this.refs) {
      const text = this.texts.get(id);
      if (text !== undefined) rows.push([ref, ...commentFields(text)]);
    }
    return rows;
  }
}

/** Handles one cell record (and a formula's STRING); returns false for records that are not cells. */
function readCell(r: BiffRecords, rows: SheetRows, formats: XlsFormats, formula: number[]): boolean {
  const rw = r.u16(0);
  const col = r.u16(2);
  switch (r.type) {
    case LABELSST:
      rows.text(rw, col, formats.strings[r.u32(6)] ?? "");
      return true;
    case NUMBER:
      if (r.length >= 14) rows.number(rw, col, r.u16(4), r.view.getFloat64(r.start + 6, true));
      return true;
    case RK:
      rows.number(rw, col, r.u16(4), rkValue(r.u32(6)));
      return true;
    case MULRK:
      for (let at = 4, c = col; at + 6 <= r.length - 2; at += 6, c++)
        rows.number(rw, c, r.u16(at), rkValue(r.u32(at + 2)));
      return true;
    case LABEL:
      // Decoding is the cost of a LABEL; past the sample a row already counted needs none.
      if (rows.wants(rw, col))
        rows.text(
          rw,
          col,
          readXlString(biffCursor(r.withContinues().map((p, i) => (i ? p : p.subarray(6))))),
        );
      return true;
    case BOOLERR: {
      const value = r.bytes[r.start + 6];
      if (r.length >= 8)
        rows.text(rw, col, r.bytes[r.start + 7] ? (ERRORS[value] ?? "#ERR") : value ? "TRUE" : "FALSE");
      return true;
    }
    case FORMULA:
      readFormula(r, rows, rw, col, formula);
      return true;
    case STRING:
      if (formula.length === 2)
        rows.text(formula[0], formula[1], readXlString(biffCursor(r.withContinues())));
      formula.length = 0;
      return true;
  }
  return false;
}

/** A formula's cached value; a string result waits for the STRING record after it. */
function readFormula(r: BiffRecords, rows: SheetRows, rw: number, col: number, formula: number[]): void {
  formula.length = 0;
  if (r.length < 14) return;
  if (r.u16(12) !== 0xffff) {
    rows.number(rw, col, r.u16(4), r.view.getFloat64(r.start + 6, true));
    return;
  }
  const kind = r.bytes[r.start + 6];
  const value = r.bytes[r.start + 8];
  if (kind === 0) formula.push(rw, col);
  else if (kind === 1) rows.text(rw, col, value ? "TRUE" : "FALSE");
  else if (kind === 2) rows.text(rw, col, ERRORS[value] ?? "#ERR");
}

/**
 * Reads one sheet's substream, from its BOF to its EOF, into a builder. Charts embedded in the
 * sheet are substreams of their own inside it, skipped by depth. Looks at the clock as it goes.
 */
export function readXlsSheet(
  r: BiffRecords,
  builder: TableBuilder,
  formats: XlsFormats,
  ctx: XlsContext,
): XlsSheetRead {
  const notes = new Notes();
  if (!r.next() || r.type !== BOF) return { outcome: "no BOF", comments: [] };
  const rows = new SheetRows(builder, formats, ctx.limits.sampleRows);
  const formula: number[] = [];
  let depth = 0;
  let count = 0;
  while (r.next()) {
    if (++count % CLOCK_EVERY === 0 && ctx.deadline !== undefined && ctx.platform.now() > ctx.deadline)
      return { outcome: "timeout", comments: [] };
    if (r.type === BOF) depth++;
    else if (r.type === EOF) {
      if (depth-- === 0) {
        rows.finish();
        return { outcome: rows.outOfOrder ? "rows out of order" : "ok", comments: notes.rows() };
      }
    } else if (depth > 0 || readCell(r, rows, formats, formula)) {
      if (rows.outOfOrder) return { outcome: "rows out of order", comments: [] };
    } else if (r.type === ROW) {
      if (r.length >= 16 && r.bytes[r.start + 12] & 0x20) rows.hiddenRows[r.u16(0)] = 1;
    } else if (r.type === COLINFO) {
      if (r.u16(8) & 1) rows.hiddenColumns.push([r.u16(0), Math.min(r.u16(2), MAX_COLUMNS - 1)]);
    } else if (r.type === NOTE || r.type === OBJ || r.type === TXO) notes.take(r);
  }
  return { outcome: "truncated", comments: [] };
}
