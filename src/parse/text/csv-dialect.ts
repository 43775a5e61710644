// The CSV dialect, shared by the in-memory reader (read-csv.ts) and the streamed one
// (node/stream-csv.ts) so a file reads the same whichever of them takes it.
import Papa from "papaparse";

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
  const head = text.slice(0, 64 * 1024);
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

/** A parsed row's cells as strings. */
export function csvCells(row: unknown[]): string[] {
  return row.map((cell) => (typeof cell === "string" ? cell : String(cell ?? "")));
}

/** Whether papaparse reported an unterminated quote, after which a read is made again with quoting off. */
export function hasMissingQuotes(errors: { code: string }[]): boolean {
  return errors.some((e) => e.code === "MissingQuotes");
}
