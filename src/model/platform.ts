import type { Limits } from "./limits.js";
import type { ReadResult } from "./table.js";

/** Result of inflating compressed bytes under a cap. */
export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; error: "too-large" | "corrupt" };

/** A PDF as read: its tables, and whether it holds only images (a scan), which is skipped as such. */
export interface PdfRead extends ReadResult {
  imagesOnly?: boolean;
  /** Files the PDF carries (its embedded files and file-attachment annotations), for the caller to read. */
  files?: { name: string; bytes: Uint8Array }[];
}

/**
 * Services the pure core needs from its host. node/ supplies them from node:zlib; a mail client
 * add-in could supply its own. Keeping them here is what lets parse/ stay free of node:*.
 */
export interface Platform {
  /**
   * Inflates raw DEFLATE data (ZIP method 8), failing as "too-large" past maxBytes of output.
   * `expectedBytes` (the size a ZIP declares) lets the host size its output buffer once.
   */
  inflateRaw(data: Uint8Array, maxBytes: number, expectedBytes?: number): InflateResult;
  /** Decompresses a gzip stream, failing as "too-large" past maxBytes of output. */
  gunzip(data: Uint8Array, maxBytes: number): InflateResult;
  /** A monotonic clock in milliseconds, for time budgets; only differences between calls matter. */
  now(): number;
  /**
   * Reads an xls/ods/xlsb workbook with SheetJS where a damaged file cannot take the host down:
   * SheetJS can allocate gigabytes on a corrupted record. Without it, SheetJS runs in-process.
   */
  /**
   * A digest (SHA-256 in hex) of an attachment's decoded bytes, for the audit log. Only hosts that
   * keep a log supply it, so a plain check never pays for hashing.
   */
  digest?(bytes: Uint8Array): string;
  readWorkbookIsolated?(bytes: Uint8Array, options: { limits: Limits; prefix: string }): Promise<ReadResult>;
  /**
   * Reads a PDF with pdf.js under the same heap and time limits: a damaged PDF can make any parser
   * allocate without end. Without it, pdf.js runs in-process.
   */
  readPdfIsolated?(bytes: Uint8Array, options: { limits: Limits; prefix: string }): Promise<PdfRead>;
}
