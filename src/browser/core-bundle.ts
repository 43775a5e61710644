// Entry of dist/guard-core.js, the core as one classic script (esbuild, IIFE) for hosts without
// Node: the offline page (web/guard.html), a mail-client add-in, a Web Worker. It sets one
// global, `guard`, described in docs/browser.md; inside a Web Worker it also answers checks posted
// to it (serve-checks.ts), so the same file is both the library and its own worker.
import { checkFileBytes, isMessageName, unfinishedReport } from "../app/check-file-bytes.js";
import { inspectDraft, inspectFile, inspectMessages, inspectParsedDraft } from "../core.js";
import { buildEngine } from "../portable/build-engine.js";
import { portablePlatform } from "../portable/platform.js";
import { formatJson, toJsonDocument } from "../report/format-json.js";
import { formatText } from "../report/format-text.js";
import { browserEngine } from "./browser-engine.js";
import { checkInWorker } from "./check-in-worker.js";
import { serveChecks, type WorkerScope } from "./serve-checks.js";

declare const GUARD_VERSION: string;

/** The bundle's one global: what a host needs to build an engine, check bytes or a draft, and report. */
export const guard = {
  version: GUARD_VERSION,
  /** (policyYaml?) -> Result<Engine, string[]>: the embedded rules, the fflate platform. */
  browserEngine,
  /** (name, bytes, engine) -> Promise<FileReport>: `.eml`/`.mbox` as `guard check`, else as `guard scan`. */
  checkFileBytes,
  /** ({name, bytes}, {workerUrl, timeoutMs?, policyYaml?}) -> Promise<FileReport>, in a Web Worker. */
  checkInWorker,
  isMessageName,
  unfinishedReport,
  /** (draft, engine, envelope?, ifNoRecipient?) -> Promise<DraftVerdict>: a draft already in parts. */
  inspectParsedDraft,
  inspectDraft,
  inspectMessages,
  inspectFile,
  buildEngine,
  portablePlatform,
  toJsonDocument,
  formatJson,
  formatText,
};

const scope = globalThis as unknown as { guard?: typeof guard; importScripts?: unknown } & WorkerScope;
scope.guard = guard;
// Only a worker's global scope has importScripts: there this bundle answers posted checks.
if (typeof scope.importScripts === "function") serveChecks(scope);
