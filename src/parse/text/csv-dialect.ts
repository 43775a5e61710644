// The CSV dialect, shared by the in-memory reader (read-csv.ts) and the streamed one
// (node/stream-csv.ts) so a file reads the same whichever of them takes it.
import Papa from "papaparse";
import { type Limits, limitMet } from "../../model/limits.js";
import type { ReadIssue } from "../../model/table.js";
import { MAX_COLUMNS } from "../excel-grid.js";

/** Delimiters tried when guessing; papaparse picks the one giving the steadiest field count. */
const DELIMITERS = [",", ";", "\t", "|"];
/** A quote character that cannot occur in decoded text, used to parse with quoting turned off. */
export const NO_QUOTE = "\u0000";
/** Excel writes and honours a first line "sep=;" naming the delimiter; it is not a data row. */
const SEP_LINE = /^\uFEFF?sep=(.)[ \t]*(\r\n|\n|\r|$)/i;

/** How a file's text is to be split: its delimiter, and how many leading characters to skip. */
export interface CsvDialect {
  delimiter: string;
  /** Length of a leading `sep=` line (0 without one). */
  sepLength: number;
}

/**
 * The dialect of a text from its head: a forced delimiter (a file sniffed as TSV) wins, then a
 * `sep=` line, then a guess over the lines after it.
 */
export function readCsvDialect(head: string, forced?: string): CsvDialect {
  const sep = SEP_LINE.exec(head);
  const sepLength = sep ? sep[0].length : 0;
  return { delimiter: forced ?? sep?.[1] ?? guessDelimiter(head.slice(sepLength)), sepLength };
}

/**
 * papaparse's own guess over the first rows, limited to the delimiters spreadsheets write; a file
 * with one column gives no winner, and then a comma is as good as any.
 */
export function guessDelimiter(text: string): string {
  // Title lines with no delimiter at all ("Branch email list") do not vote: above a narrow table
  // they pull the average field count under papaparse's bar and a semicolon file reads as one column.
  const lines = text.slice(0, 64 * 1024).split(/\r?\n/);
  const voting = lines.filter((l) => DELIMITERS.some((d) => l.includes(d)));
  const head = voting.length >= 2 ? voting.join("\n") : text.slice(0, 64 * 1024);
  const guess = Papa.parse<string[]>(head, {
    preview: 10,
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: true,
  });
  const found = guess.meta.delimiter;
  return DELIMITERS.includes(found) ? found : ",";
}

/** The papaparse options both readers parse with: no header row, no typing, quoting as asked. */
export function csvParseOptions(delimiter: string, quoteChar: string) {
  return {
    delimiter,
    quoteChar,
    escapeChar: quoteChar,
    header: false,
    dynamicTyping: false,
    // Blank lines are dropped by TableBuilder, which also drops rows of blank cells (",,,").
    skipEmptyLines: true,
  } as const;
}

/**
 * A parsed row's cells as strings, no more than Excel's 16,384 columns: a line of millions of
 * fields (one 30 MB line) would otherwise become millions of columns to classify.
 */
export function csvCells(row: unknown[]): string[] {
  const kept = row.length > MAX_COLUMNS ? row.slice(0, MAX_COLUMNS) : row;
  return kept.map((cell) => (typeof cell === "string" ? cell : String(cell ?? "")));
}

/** Whether a row has fields past the columns csvCells keeps: what is past them is not read. */
export const isTooWide = (row: unknown[]): boolean => row.length > MAX_COLUMNS;

/**
 * The issues for what a CSV read left out, in both readers: the rest of the file past the time
 * limit, and fields past Excel's columns. A table cut short is still classified, but never looks clean.
 */
export function csvUnreadIssues(limits: Limits, timedOut: boolean, tooWide: boolean): ReadIssue[] {
  const issues: ReadIssue[] = [];
  if (timedOut) issues.push({ code: "TIMEOUT", path: "", limit: limitMet(limits, "maxSecondsPerDraft") });
  if (tooWide)
    issues.push({
      code: "TOO_LARGE",
      path: "",
      detail: `rows wider than ${MAX_COLUMNS} fields`,
      limit: { name: "columns", value: MAX_COLUMNS, unit: "fields" },
    });
  return issues;
}

/** Whether papaparse reported an unterminated quote, after which a read is made again with quoting off. */
export function hasMissingQuotes(errors: { code: string }[]): boolean {
  return errors.some((e) => e.code === "MissingQuotes");
}

/**
 * Characters one CSV line may hold before it is not read: no honest row is 2 MB long, and a 30 MB
 * line of millions of fields costs seconds of garbage collection and gigabytes to split.
 */
export const MAX_LINE_CHARS = 2 * 1024 * 1024;

/** The issue for a file with a line past MAX_LINE_CHARS: the file is not read. */
export const LINE_TOO_LONG: ReadIssue = {
  code: "TOO_LARGE",
  path: "",
  detail: "a line with no line break",
  limit: { name: "line length", value: MAX_LINE_CHARS, unit: "characters" },
};

/** Whether any line of `text` is longer than `max` characters (any of \n, \r ends a line). */
export function hasLineLongerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let start = 0;
  while (start < text.length) {
    const lf = text.indexOf("\n", start);
    const end = lf === -1 ? text.length : lf;
    if (end - start > max && !hasCarriageReturns(text, start, end, max)) return true;
    start = end + 1;
  }
  return false;
}

/** Whether \r (old Mac line ends) splits text[start, end) into lines no longer than `max`. */
function hasCarriageReturns(text: string, start: number, end: number, max: number): boolean {
  let from = start;
  while (from < end) {
    const cr = text.indexOf("\r", from);
    const stop = cr === -1 || cr > end ? end : cr;
    if (stop - from > max) return false;
    from = stop + 1;
  }
  return true;
}
