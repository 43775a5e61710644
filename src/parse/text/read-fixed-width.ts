import type { Limits } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { readTicking, type TextReadContext } from "../read-in-time.js";
import { TableBuilder } from "../table-builder.js";
import { decodeText } from "./decode-text.js";

/** Lines looked at to find the columns. */
const PROBE_LINES = 200;
/** Share of lines that must be blank at a position for it to part two columns. */
const GUTTER_SHARE = 0.98;
/** Share of lines that must have text in a column for it to be one. */
const FILLED_SHARE = 0.5;
/** Widest line looked at: a line past it is not a report row. */
const MAX_WIDTH = 4096;

/**
 * Where the columns of fixed-width text start (Excel's "Formatted Text (Space delimited)" .prn, a
 * report printed to a file): positions blank on (nearly) every line part the columns, so text
 * left-aligned and numbers right-aligned both fall into theirs. Null when the lines are not a
 * table of two or more columns: prose has no position blank on every line.
 */
export function findFixedColumns(lines: string[]): number[] | null {
  const rows = lines.filter((l) => l.trim() !== "").slice(0, PROBE_LINES);
  if (rows.length < 3 || rows.some((l) => l.includes("\t"))) return null;
  const width = Math.min(MAX_WIDTH, Math.max(...rows.map((l) => l.trimEnd().length)));
  const blank = new Array<number>(width).fill(0);
  for (const row of rows) for (let x = 0; x < width; x++) if ((row[x] ?? " ") === " ") blank[x]++;
  const gutter = blank.map((b) => b >= GUTTER_SHARE * rows.length);
  const starts: number[] = [];
  for (let x = 0; x < width; x++) if (!gutter[x] && (x === 0 || gutter[x - 1])) starts.push(x);
  // A gap only the header has ("Elector No" over "KA-0001") or a column only the header fills
  // parts nothing: such a column joins the one before it.
  const kept: number[] = [];
  starts.forEach((s, i) => {
    const filled = rows.filter((row) => row.slice(s, starts[i + 1] ?? width).trim() !== "").length;
    if (kept.length === 0 || filled >= FILLED_SHARE * rows.length) kept.push(s);
  });
  return kept.length >= 2 ? kept : null;
}

/**
 * Reads fixed-width text as one table, each line cut at the columns found on its first lines. Time
 * up (the draft's clock, `late`) is TIMEOUT.
 */
export function readFixedWidth(bytes: Uint8Array, ctx: TextReadContext): ReadResult {
  return readTicking(ctx, (tick) => readLines(bytes, ctx, tick));
}

function readLines(bytes: Uint8Array, ctx: { limits: Limits; name: string }, tick: () => void): ReadResult {
  const lines = decodeText(bytes)
    .text.replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/);
  const starts = findFixedColumns(lines) ?? [0];
  const builder = new TableBuilder(ctx.name, "csv", "visible", ctx.limits.sampleRows);
  const cut = (line: string, s: number, i: number) =>
    line
      .slice(s, starts[i + 1])
      .replace(/\s+/g, " ")
      .trim();
  for (const line of lines) {
    tick();
    builder.addRow(starts.map((s, i) => cut(line, s, i)));
  }
  return { tables: [builder.build()], issues: [] };
}
