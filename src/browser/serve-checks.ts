import { checkFileBytes, type FileReport, unfinishedReport } from "../app/check-file-bytes.js";
import type { Engine } from "../core.js";
import { browserEngine } from "./browser-engine.js";

/** What the page posts to the worker: one file to check, with the policy YAML if any. */
export interface CheckRequest {
  name: string;
  bytes: Uint8Array;
  policyYaml?: string;
}

/** What the worker posts back: the report, or the policy's problems. */
export type CheckReply = { ok: true; report: FileReport } | { ok: false; error: string };

/** The part of a worker's global scope this uses (no DOM or WebWorker types in the core's build). */
export interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: CheckRequest }) => void) | null;
}

/** Checks one file; anything the core throws becomes an unfinished (CORRUPT) report: fail closed. */
export async function checkRequest(request: CheckRequest): Promise<CheckReply> {
  const built = browserEngine(request.policyYaml);
  if (!built.ok) return { ok: false, error: `invalid policy:\n  ${built.error.join("\n  ")}` };
  const engine: Engine = built.value;
  try {
    return { ok: true, report: await checkFileBytes(request.name, request.bytes, engine) };
  } catch {
    return { ok: true, report: unfinishedReport(request.name, request.bytes, "CORRUPT", engine) };
  }
}

/** Makes this worker answer each posted CheckRequest with a CheckReply. */
export function serveChecks(scope: WorkerScope): void {
  scope.onmessage = (event) => {
    void checkRequest(event.data).then((reply) => scope.postMessage(reply));
  };
}
