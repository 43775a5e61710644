import type { Limits } from "../../model/limits.js";
import { limitMet } from "../../model/limits.js";
import type { Platform } from "../../model/platform.js";
import type { RawTable, ReadIssue, ReadResult, SheetState } from "../../model/table.js";
import { builtinDateFormatKind, type DateFormatKind, dateFormatKind } from "../excel-date.js";
import { TableBuilder } from "../table-builder.js";
import { BiffRecords } from "./biff-records.js";
import { openCfb } from "./cfb.js";
import { biffCursor, readChars, readSst, readXlString } from "./read-biff-string.js";
import { readXlsSheet, type XlsFormats } from "./read-xls-sheet.js";

// An Excel 97-2003 workbook (BIFF8, [MS-XLS]) read directly, at the speed of the xlsx reader and
// into the same tables: the Workbook stream of the compound file holds the workbook globals (sheet
// list, shared strings, formats) followed by one substream per sheet. Anything this reader does not
// expect (BIFF5 and older, a truncated record, rows out of order) is handed back as `fallback`, and
// the caller reads the file with SheetJS in its worker as before.

/** What reading an xls needs: the clock and deadline, the limits, and where the file sits. */
export interface XlsContext {
  platform: Platform;
  limits: Limits;
  /** Put before every table name, e.g. `inner.zip/book.xls#`. */
  prefix?: string;
  /** When reading must stop, on platform.now()'s clock. */
  deadline?: number;
}

/** The tables and issues, or why the file is left to SheetJS. */
export type XlsRead = ReadResult | { fallback: string };

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const DATEMODE = 0x0022;
const FORMAT = 0x041e;
const XF = 0x00e0;
const SST = 0x00fc;
const BOUNDSHEET = 0x0085;
const BIFF8 = 0x0600;

interface SheetEntry {
  name: string;
  state: SheetState;
  offset: number;
}

interface Globals extends XlsFormats {
  sheets: SheetEntry[];
}

const STATES: SheetState[] = ["visible", "hidden", "veryHidden"];

/** A BOUNDSHEET8 record: worksheets and macro sheets; charts and VBA modules hold no cells. */
function readBoundSheet(r: BiffRecords, sheets: SheetEntry[]): void {
  const kind = r.bytes[r.start + 5];
  if (r.length < 8 || (kind !== 0 && kind !== 1)) return;
  const cursor = biffCursor([r.data().subarray(8)]);
  const name = readChars(cursor, r.bytes[r.start + 6], (r.bytes[r.start + 7] & 1) === 1);
  sheets.push({ name, state: STATES[r.bytes[r.start + 4] & 3] ?? "hidden", offset: r.u32(0) });
}

/** The workbook globals, ENCRYPTED for a FILEPASS, or why the file is left to SheetJS. */
function readGlobals(r: BiffRecords): Globals | ReadIssue | string {
  if (!r.next() || r.type !== BOF || r.u16(0) !== BIFF8 || r.u16(2) !== 0x0005) return "not BIFF8";
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  const globals: Globals = { sheets: [], strings: [], dateXf: new Uint8Array(0), date1904: false };
  while (r.next()) {
    switch (r.type as number) {
      case EOF: {
        const kinds: Record<DateFormatKind, number> = { none: 0, date: 1, "date-time": 2 };
        globals.dateXf = Uint8Array.from(xfFormats, (id) => {
          const code = formats.get(id);
          return kinds[code !== undefined ? dateFormatKind(code) : builtinDateFormatKind(id)];
        });
        return globals;
      }
      case FILEPASS:
        return { code: "ENCRYPTED", path: "", detail: "xls password" };
      case DATEMODE:
        globals.date1904 = r.u16(0) === 1;
        break;
      case FORMAT:
        formats.set(
          r.u16(0),
          readXlString(biffCursor(r.withContinues().map((p, i) => (i ? p : p.subarray(2))))),
        );
        break;
      case XF:
        xfFormats.push(r.u16(2));
        break;
      case SST:
        globals.strings = readSst(r.withContinues());
        break;
      case BOUNDSHEET:
        readBoundSheet(r, globals.sheets);
        break;
    }
  }
  return "globals end early";
}

/** Reads an xls workbook's sheets and cell comments; BIFF5 and older, or anything odd, is a fallback. */
export function readXls(bytes: Uint8Array, ctx: XlsContext): XlsRead {
  const opened = openCfb(bytes);
  if (!opened.ok) return { fallback: opened.issue.detail ?? "cfb" };
  const stream = opened.cfb.streams.find((s) => /^workbook$/i.test(s.path));
  if (!stream) return { fallback: "no Workbook stream (BIFF5 or older)" };
  const read = opened.cfb.read(stream.path, ctx.limits.maxPartBytes);
  if (!read.ok) return read.issue.code === "TOO_LARGE" ? fail(read.issue) : { fallback: "workbook stream" };
  const globals = readGlobals(new BiffRecords(read.bytes, 0));
  if (typeof globals === "string") return { fallback: globals };
  if ("code" in globals) return fail(globals);
  const prefix = ctx.prefix ?? "";
  const tables: RawTable[] = [];
  const comments: RawTable[] = [];
  for (const sheet of globals.sheets) {
    const builder = new TableBuilder(prefix + sheet.name, "sheet", sheet.state, ctx.limits.sampleRows);
    const records = new BiffRecords(read.bytes, sheet.offset);
    const out = readXlsSheet(records, builder, globals, ctx);
    if (out.outcome === "timeout")
      return fail({ code: "TIMEOUT", path: "", limit: limitMet(ctx.limits, "maxSecondsPerDraft") });
    if (out.outcome !== "ok") return { fallback: `${sheet.name}: ${out.outcome}` };
    tables.push(builder.build());
    if (out.comments.length > 0) {
      const notes = new TableBuilder(
        `${prefix}comments on ${sheet.name}`,
        "comments",
        "visible",
        ctx.limits.sampleRows,
      );
      for (const row of out.comments) notes.addRow(row);
      comments.push(notes.build());
    }
  }
  return { tables: [...tables, ...comments], issues: [] };
}

const fail = (issue: ReadIssue): ReadResult => ({ tables: [], issues: [issue] });
