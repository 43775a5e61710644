import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { Limits } from "../model/limits.js";
import { limitMet } from "../model/limits.js";
import type { IssueCode, LimitMet, ReadResult } from "../model/table.js";

/**
 * The heap a SheetJS read may use before it is stopped: 256 MB plus 30 times the file (a real
 * 1.5 MB xls of 8,500 rows needs ~150 MB), at most 2 GB. Scaled to the file, so a damaged 2 KB file
 * that would allocate gigabytes is stopped within a second, not after filling a gigabyte.
 */
const heapMb = (bytes: number): number => Math.min(2048, Math.ceil(256 + (30 * bytes) / (1024 * 1024)));

// Beside the bundle in dist/; when running from src/ (tests), the built one.
const besideUs = new URL("./sheetjs-worker.js", import.meta.url);
const WORKER = existsSync(besideUs) ? besideUs : new URL("../../dist/sheetjs-worker.js", import.meta.url);

/**
 * Reads an xls/ods/xlsb workbook with SheetJS in a worker thread with a heap limit and a time
 * limit: SheetJS can allocate gigabytes on a corrupted record, which in-process would crash the
 * guard. A worker that runs out of memory or time gives a coded issue instead.
 */
export function readWorkbookIsolated(
  bytes: Uint8Array,
  options: { limits: Limits; prefix: string },
): Promise<ReadResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ReadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const refuse = (code: IssueCode, detail: string, limit?: LimitMet): void =>
      settle({ tables: [], issues: [{ code, path: "", detail, ...(limit ? { limit } : {}) }] });
    const worker = new Worker(WORKER, {
      workerData: { bytes, limits: options.limits, prefix: options.prefix },
      resourceLimits: { maxOldGenerationSizeMb: heapMb(bytes.length), maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(
      () =>
        refuse(
          "TIMEOUT",
          "the workbook reader took too long",
          limitMet(options.limits, "maxSecondsPerDraft"),
        ),
      options.limits.maxSecondsPerDraft * 1000,
    );
    worker.once("message", (result: ReadResult) => settle(result));
    worker.once("error", (error: Error & { code?: string }) =>
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? refuse("TOO_LARGE", "the workbook reader ran out of memory")
        : refuse("CORRUPT", error.message.split("\n")[0].slice(0, 120)),
    );
    worker.once("exit", (code) => refuse("CORRUPT", `the workbook reader stopped (${code})`));
  });
}
