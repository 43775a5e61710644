import Papa from "papaparse";
import type { Limits } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { TableBuilder } from "../table-builder.js";
import { decodeText } from "./decode-text.js";

/** What readCsv needs besides the bytes. */
export interface CsvContext {
  limits: Limits;
  /** Table name, e.g. the attachment's filename or `inner.zip/voters.csv`. */
  name: string;
  /** Forces a delimiter (e.g. "\t" for a file sniffed as TSV); guessed when absent. */
  delimiter?: string;
}

/** Delimiters tried when guessing; papaparse picks the one giving the steadiest field count. */
const DELIMITERS = [",", ";", "\t", "|"];
/** A quote character that cannot occur in decoded text, used to parse with quoting turned off. */
const NO_QUOTE = "\u0000";

/**
 * Reads a CSV/TSV file into one table. Rows are streamed through papaparse's `step` callback so only
 * the sample is kept; every non-empty row is counted. Never throws: a parser failure is a CORRUPT issue.
 */
export function readCsv(bytes: Uint8Array, ctx: CsvContext): ReadResult {
  try {
    let { text } = decodeText(bytes);
    let delimiter = ctx.delimiter;
    // Excel writes and honours a first line "sep=;" naming the delimiter; it is not a data row.
    const sep = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/i.exec(text);
    if (sep) {
      delimiter ??= sep[1];
      text = text.slice(sep[0].length);
    }
    delimiter ??= guessDelimiter(text);
    const first = parseRows(text, delimiter, '"', ctx);
    // An unterminated quote swallows the rest of the file into one cell, hiding its rows from the
    // count; reading again without quoting counts them (cells may split oddly, rows do not).
    return first.missingQuotes ? parseRows(text, delimiter, NO_QUOTE, ctx).result : first.result;
  } catch (error) {
    return { tables: [], issues: [{ code: "CORRUPT", path: "", detail: shortDetail(error) }] };
  }
}

function parseRows(
  text: string,
  delimiter: string,
  quoteChar: string,
  ctx: CsvContext,
): { result: ReadResult; missingQuotes: boolean } {
  const builder = new TableBuilder(ctx.name, "csv", "visible", ctx.limits.sampleRows);
  let missingQuotes = false;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar,
    escapeChar: quoteChar,
    header: false,
    dynamicTyping: false,
    // Blank lines are dropped by TableBuilder, which also drops rows of blank cells (",,,").
    skipEmptyLines: true,
    step: (row) => {
      if (row.errors.some((e) => e.code === "MissingQuotes")) missingQuotes = true;
      builder.addRow(row.data.map((cell) => (typeof cell === "string" ? cell : String(cell ?? ""))));
    },
  });
  return { result: { tables: [builder.build()], issues: [] }, missingQuotes };
}

/**
 * papaparse's own guess over the first rows, limited to the delimiters spreadsheets write; a file
 * with one column gives no winner, and then a comma is as good as any.
 */
export function guessDelimiter(text: string): string {
  const head = text.slice(0, 64 * 1024);
  const guess = Papa.parse<string[]>(head, {
    preview: 10,
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: true,
  });
  const found = guess.meta.delimiter;
  return DELIMITERS.includes(found) ? found : ",";
}

function shortDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 120);
}
