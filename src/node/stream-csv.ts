import { type Readable, Transform, type TransformCallback } from "node:stream";
import { TextDecoder } from "node:util";
import Papa from "papaparse";
import type { Limits } from "../model/limits.js";
import type { ReadResult } from "../model/table.js";
import { TableBuilder } from "../parse/table-builder.js";
import {
  csvCells,
  csvParseOptions,
  csvUnreadIssues,
  hasMissingQuotes,
  isTooWide,
  LINE_TOO_LONG,
  MAX_LINE_CHARS,
  NO_QUOTE,
  readCsvDialect,
} from "../parse/text/csv-dialect.js";
import { decodeText, decodeWindows1252 } from "../parse/text/decode-text.js";

/** What streamCsv needs: where the bytes come from, and what the head already told. */
export interface StreamCsvOptions {
  /** Table name: the file's name. */
  name: string;
  limits: Limits;
  /** Forces a delimiter ("\t" for a file sniffed as TSV); guessed from the head when absent. */
  delimiter?: string;
  /** The file's first bytes (64 KiB or so): enough to tell the encoding and the delimiter. */
  head: Uint8Array;
  /** Opens the whole file from its start; called a second time if the file must be read again. */
  open: () => Readable;
  /** Told the size of every chunk read, for progress. */
  onBytes?: (bytes: number) => void;
  /** Whether the file's time is up (maxSecondsPerDraft); asked with every chunk of rows. */
  late?: () => boolean;
}

/** What was read, plus what the caller needs to place the header: the head as text, the delimiter. */
export interface StreamedCsv {
  result: ReadResult;
  headText: string;
  delimiter: string;
}

/**
 * Characters read without papaparse giving a row before the quoting is taken to have run away
 * (an unterminated quote). papaparse re-parses its pending text with every chunk, so waiting for
 * the end would cost memory and time that grow with the file; no honest CSV row is 2 MB long.
 */
const RUNAWAY_CHARS = MAX_LINE_CHARS;

type Encoding = ReturnType<typeof decodeText>["encoding"];

/** Decodes byte chunks to text chunks (object mode, so papaparse is handed whole strings). */
class DecodeStream extends Transform {
  private readonly decoder: TextDecoder | null;
  private first = true;
  private sepPending: boolean;
  private held = "";
  /** Characters decoded since papaparse last gave a row. */
  pending = 0;

  constructor(
    encoding: Encoding,
    skipSepLine: boolean,
    private readonly onBytes: (bytes: number) => void,
    private readonly onRunaway: () => void,
  ) {
    // Few chunks in flight: each is a megabyte of text waiting for the parser.
    super({ readableObjectMode: true, readableHighWaterMark: 2 });
    // TextDecoder in stream mode keeps a character split across chunks, and drops a leading BOM.
    this.decoder = encoding === "windows-1252" ? null : new TextDecoder(encoding);
    this.sepPending = skipSepLine;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.onBytes(chunk.length);
    let text = this.decoder ? this.decoder.decode(chunk, { stream: true }) : decodeWindows1252(chunk);
    if (this.first) {
      this.first = false;
      if (this.decoder === null && text.startsWith("\uFEFF")) text = text.slice(1);
    }
    if (this.sepPending) {
      // Excel's "sep=;" line names the delimiter and is not a row (read-csv.ts drops it too); hold
      // text back until its line end has come.
      this.held += text;
      const end = /\r\n|\n|\r(?!$)/.exec(this.held);
      if (end === null && this.held.length < 1024) {
        done();
        return;
      }
      text = end === null ? this.held : this.held.slice(end.index + end[0].length);
      this.sepPending = false;
      this.held = "";
    }
    this.pending += text.length;
    if (this.pending > RUNAWAY_CHARS) {
      this.onRunaway();
      done();
      return;
    }
    if (text) this.push(text);
    done();
  }

  override _flush(done: TransformCallback): void {
    const rest = (this.sepPending ? "" : this.held) + (this.decoder ? this.decoder.decode() : "");
    if (rest) this.push(rest);
    done();
  }
}

/** The encoding of a file by its head, cut at its last line end so no character is split. */
function headEncoding(head: Uint8Array): { encoding: Encoding; text: string } {
  const cut = head.lastIndexOf(0x0a);
  const whole = cut > 0 ? head.subarray(0, cut + 1) : head;
  const { encoding, text } = decodeText(whole);
  return { encoding, text };
}

/**
 * Reads a CSV/TSV file of any size through papaparse's streaming parser, in memory bounded by the
 * sample: the same TableBuilder as readCsv keeps the first rows for classification and counts
 * them all. An unterminated quote makes it read the file again with quoting off, as readCsv does.
 * Never throws: a read failure is a CORRUPT issue.
 */
export async function streamCsv(options: StreamCsvOptions): Promise<StreamedCsv> {
  const { encoding, text: headText } = headEncoding(options.head);
  const { delimiter, sepLength } = readCsvDialect(headText, options.delimiter);
  // papaparse guesses line ends from its first chunk, which may hold none: tell it from the head.
  const newline = /\r\n|\n|\r/.exec(headText.slice(sepLength))?.[0] ?? "\n";
  const read = (quoteChar: string) =>
    parseStream(options, encoding, sepLength > 0, delimiter, quoteChar, newline as "\r\n" | "\n" | "\r");
  try {
    const first = await read('"');
    const result = first.kind === "done" ? first.result : (await read(NO_QUOTE)).result;
    // With quoting off a line still ran past RUNAWAY_CHARS: a line no honest CSV has, not read.
    return { result: result ?? lineTooLong(), headText, delimiter };
  } catch (error) {
    return { result: corrupt(error instanceof Error ? error.message : String(error)), headText, delimiter };
  }
}

const lineTooLong = (): ReadResult => ({ tables: [], issues: [LINE_TOO_LONG] });

const corrupt = (detail: string): ReadResult => ({
  tables: [],
  issues: [{ code: "CORRUPT", path: "", detail: detail.slice(0, 120) }],
});

function parseStream(
  options: StreamCsvOptions,
  encoding: Encoding,
  skipSepLine: boolean,
  delimiter: string,
  quoteChar: string,
  newline: "\r\n" | "\n" | "\r",
): Promise<{ kind: "done" | "retry"; result?: ReadResult }> {
  return new Promise((resolve, reject) => {
    const builder = new TableBuilder(options.name, "csv", "visible", options.limits.sampleRows);
    const source = options.open();
    let settled = false;
    const settle = (value: { kind: "done" | "retry"; result?: ReadResult }) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    const decode = new DecodeStream(encoding, skipSepLine, options.onBytes ?? (() => {}), () => {
      // The quote never closes: stop reading, and read again with quoting off.
      source.destroy();
      decode.destroy();
      settle({ kind: "retry" });
    });
    let missingQuotes = false;
    let tooWide = false;
    let timedOut = false;
    source.on("error", (error) => {
      if (!settled) reject(error);
    });
    source.pipe(decode);
    Papa.parse<string[]>(decode, {
      ...csvParseOptions(delimiter, quoteChar),
      newline,
      // `chunk` rather than `step`: one call per chunk of rows is markedly faster than one per row.
      chunk: (results, parser) => {
        if (results.data.length > 0) decode.pending = 0;
        if (hasMissingQuotes(results.errors)) missingQuotes = true;
        for (const row of results.data) {
          if (isTooWide(row)) tooWide = true;
          builder.addRow(csvCells(row));
        }
        if (options.late?.()) {
          timedOut = true;
          source.destroy();
          parser.abort();
        }
      },
      complete: () => {
        if (missingQuotes && quoteChar !== NO_QUOTE && !timedOut) settle({ kind: "retry" });
        else {
          const issues = csvUnreadIssues(options.limits, timedOut, tooWide);
          settle({ kind: "done", result: { tables: [builder.build()], issues } });
        }
      },
      error: (error: Error) => {
        if (!settled) reject(error);
      },
    });
  });
}
