import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import type { FileReport } from "../../src/app/check-file-bytes.js";
import type { Engine } from "../../src/core.js";
import type { Result } from "../../src/model/result.js";
import { ROOT } from "./cli.js";

/** What the bundle's `guard` global offers that the tests use. */
export interface BundleGuard {
  version: string;
  browserEngine(policyYaml?: string): Result<Engine, string[]>;
  checkFileBytes(name: string, bytes: Uint8Array, engine: Engine): Promise<FileReport>;
}

/**
 * Loads the built dist/guard-core.js into a fresh node:vm context that holds only globals every
 * browser has (no require, process, Buffer or node:*), as a page or an add-in would run it.
 */
export function loadCoreBundle(): BundleGuard {
  const context = vm.createContext({
    atob,
    btoa,
    Blob,
    URL,
    TextDecoder,
    TextEncoder,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    console,
  });
  vm.runInContext(readFileSync(join(ROOT, "dist/guard-core.js"), "utf8"), context);
  return context.guard as BundleGuard;
}

/** A report in this realm's objects (the vm's arrays are not this realm's, for toEqual). */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));
