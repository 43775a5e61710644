import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { type Limits, limitMet } from "../model/limits.js";
import type { IssueCode, LimitMet, ReadResult } from "../model/table.js";

/**
 * The heap a reader may use before it is stopped: 256 MB plus 30 times the file (a real 1.5 MB xls
 * of 8,500 rows needs ~150 MB), at most 2 GB. Scaled to the file, so a damaged 2 KB file that would
 * allocate gigabytes is stopped within a second, not after filling a gigabyte.
 */
const heapMb = (bytes: number): number => Math.min(2048, Math.ceil(256 + (30 * bytes) / (1024 * 1024)));

/** A worker entry beside the bundle in dist/; when running from src/ (tests), the built one. */
export function workerUrl(file: string): URL {
  const besideUs = new URL(`./${file}`, import.meta.url);
  return existsSync(besideUs) ? besideUs : new URL(`../../dist/${file}`, import.meta.url);
}

/**
 * Runs one file's reader in a worker thread with a heap limit and a time limit: a parser can
 * allocate gigabytes on a damaged record, which in-process would crash the guard. A worker that
 * runs out of memory or time gives a coded issue instead. `what` names the reader in details.
 */
export function runIsolated<T extends ReadResult>(
  worker: URL,
  bytes: Uint8Array,
  options: { limits: Limits; prefix: string },
  what: string,
): Promise<T | ReadResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: T | ReadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void thread.terminate();
      resolve(result);
    };
    const refuse = (code: IssueCode, detail: string, limit?: LimitMet): void =>
      settle({ tables: [], issues: [{ code, path: "", detail, ...(limit ? { limit } : {}) }] });
    const thread = new Worker(worker, {
      workerData: { bytes, limits: options.limits, prefix: options.prefix },
      resourceLimits: { maxOldGenerationSizeMb: heapMb(bytes.length), maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(
      () =>
        refuse("TIMEOUT", `the ${what} reader took too long`, limitMet(options.limits, "maxSecondsPerDraft")),
      options.limits.maxSecondsPerDraft * 1000,
    );
    thread.once("message", (result: T) => settle(result));
    thread.once("error", (error: Error & { code?: string }) =>
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? refuse("TOO_LARGE", `the ${what} reader ran out of memory`)
        : refuse("CORRUPT", error.message.split("\n")[0].slice(0, 120)),
    );
    thread.once("exit", (code) => refuse("CORRUPT", `the ${what} reader stopped (${code})`));
  });
}
