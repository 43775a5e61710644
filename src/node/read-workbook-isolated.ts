import type { Limits } from "../model/limits.js";
import type { ReadResult } from "../model/table.js";
import { runIsolated, workerUrl } from "./run-isolated.js";

const WORKER = workerUrl("sheetjs-worker.js");

/**
 * Reads an xls/ods/xlsb workbook with SheetJS in a worker thread under heap and time limits:
 * SheetJS can allocate gigabytes on a corrupted record, which in-process would crash the guard.
 */
export function readWorkbookIsolated(
  bytes: Uint8Array,
  options: { limits: Limits; prefix: string },
): Promise<ReadResult> {
  return runIsolated(WORKER, bytes, options, "workbook");
}
