import { type FileReport, unfinishedReport } from "../app/check-file-bytes.js";
import type { IssueCode } from "../model/table.js";
import { browserEngine } from "./browser-engine.js";
import type { CheckReply, CheckRequest } from "./serve-checks.js";

/** The part of the browser's Worker this uses (the core's build has no DOM types). */
interface WorkerHandle {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { preventDefault?(): void }) => void) | null;
}
type WorkerClass = new (url: string) => WorkerHandle;

/** How a host runs a check off its main thread. */
export interface WorkerOptions {
  /** A URL of this very bundle (a file of the add-in, or a blob: URL of the page's inline script). */
  workerUrl: string;
  /** When the check is stopped and the file reported uninspectable (TIMEOUT); default 60 s. */
  timeoutMs?: number;
  policyYaml?: string;
}

/** Whether a worker's message is the check's reply (serve-checks.ts) rather than pdf.js's own. */
const isReply = (data: unknown): data is CheckReply =>
  typeof data === "object" && data !== null && typeof (data as { ok?: unknown }).ok === "boolean";

/** Generous beside the core's own 20 s budget: the bound is for a reader that never returns. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Checks one file in a Web Worker running this bundle, so the page stays responsive and a reader
 * that hangs or crashes (SheetJS on a damaged workbook) costs only that worker: at the time limit
 * the worker is ended and the file is reported uninspectable (TIMEOUT); a crash reports it CORRUPT.
 * One worker per file, ended after it answers, so no file's state outlives its check.
 */
export function checkInWorker(
  file: { name: string; bytes: Uint8Array },
  options: WorkerOptions,
): Promise<FileReport> {
  const WorkerCtor = (globalThis as { Worker?: WorkerClass }).Worker;
  return new Promise((resolve, reject) => {
    if (WorkerCtor === undefined) return reject(new Error("this host has no Web Workers"));
    const worker = new WorkerCtor(options.workerUrl);
    let settled = false;
    const finish = (report: FileReport | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      report instanceof Error ? reject(report) : resolve(report);
    };
    const unfinished = (code: IssueCode): void => {
      const engine = browserEngine(options.policyYaml);
      finish(
        engine.ok ? unfinishedReport(file.name, file.bytes, code, engine.value) : new Error("invalid policy"),
      );
    };
    const timer = setTimeout(() => unfinished("TIMEOUT"), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    worker.onmessage = ({ data }) => {
      // pdf.js, once loaded in the worker, announces itself on the same port ("ready"): not a reply.
      if (!isReply(data)) return;
      finish(data.ok ? data.report : new Error(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      unfinished("CORRUPT");
    };
    const request: CheckRequest = { name: file.name, bytes: file.bytes, policyYaml: options.policyYaml };
    worker.postMessage(request);
  });
}
