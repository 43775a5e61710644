import Papa from "papaparse";
import type { Limits } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { TableBuilder } from "../table-builder.js";
import {
  csvCells,
  csvParseOptions,
  csvUnreadIssues,
  hasLineLongerThan,
  hasMissingQuotes,
  isTooWide,
  LINE_TOO_LONG,
  MAX_LINE_CHARS,
  NO_QUOTE,
  readCsvDialect,
} from "./csv-dialect.js";
import { decodeText } from "./decode-text.js";

/** What readCsv needs besides the bytes. */
export interface CsvContext {
  limits: Limits;
  /** Table name, e.g. the attachment's filename or `inner.zip/voters.csv`. */
  name: string;
  /** Forces a delimiter (e.g. "\t" for a file sniffed as TSV); guessed when absent. */
  delimiter?: string;
  /** Whether the draft's time is up; asked every few hundred rows, so one file cannot outrun it. */
  late?: () => boolean;
}

/** Rows between looks at the clock: cheap enough to ask, often enough to stop within milliseconds. */
const CLOCK_EVERY = 256;

/**
 * Reads a CSV/TSV file into one table. Rows are streamed through papaparse's `step` callback so only
 * the sample is kept; every non-empty row is counted. Never throws: a parser failure is a CORRUPT issue.
 */
export function readCsv(bytes: Uint8Array, ctx: CsvContext): ReadResult {
  try {
    const decoded = decodeText(bytes).text;
    const { delimiter, sepLength } = readCsvDialect(decoded, ctx.delimiter);
    const text = decoded.slice(sepLength);
    // The streamed reader refuses such a line too: a file reads the same whichever reader takes it.
    if (hasLineLongerThan(text, MAX_LINE_CHARS)) return { tables: [], issues: [LINE_TOO_LONG] };
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
  let tooWide = false;
  let timedOut = false;
  let rows = 0;
  Papa.parse<string[]>(text, {
    ...csvParseOptions(delimiter, quoteChar),
    step: (row, parser) => {
      if (hasMissingQuotes(row.errors)) missingQuotes = true;
      if (isTooWide(row.data)) tooWide = true;
      builder.addRow(csvCells(row.data));
      if (++rows % CLOCK_EVERY === 0 && ctx.late?.()) {
        timedOut = true;
        parser.abort();
      }
    },
  });
  const issues = csvUnreadIssues(ctx.limits, timedOut, tooWide);
  return { result: { tables: [builder.build()], issues }, missingQuotes };
}

function shortDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 120);
}
