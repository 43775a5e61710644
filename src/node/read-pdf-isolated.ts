import type { Limits } from "../model/limits.js";
import type { PdfRead } from "../model/platform.js";
import { runIsolated, workerUrl } from "./run-isolated.js";

const WORKER = workerUrl("pdf-worker.js");

/**
 * Reads a PDF with pdf.js in a worker thread under the same heap and time limits as SheetJS: a
 * damaged PDF (a loop of object references, a bomb of a stream) costs that thread, not the guard.
 */
export function readPdfIsolated(
  bytes: Uint8Array,
  options: { limits: Limits; prefix: string },
): Promise<PdfRead> {
  return runIsolated<PdfRead>(WORKER, bytes, options, "PDF");
}
