import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { err, ok, type Result } from "../model/result.js";
import { describeErrno } from "./describe-errno.js";
import { makeFolders } from "./make-folders.js";

/**
 * Where warned messages wait to be confirmed: `$XDG_STATE_HOME/guard/confirm`
 * (`~/.local/state/guard/confirm`), beside the audit log; one small file per message key
 * holding the time it was first refused.
 */
export function confirmFolder(env: Readonly<Record<string, string | undefined>>, home: string): string {
  return join(env.XDG_STATE_HOME || join(home, ".local", "state"), "guard", "confirm");
}

/** Keys are hex digests; anything else is refused so a key never names a path. */
const safeKey = (key: string): boolean => /^[0-9a-f]{16,128}$/.test(key);

/**
 * Whether `key` was held less than `maxAgeMs` ago; the entry is used up either way, so a third
 * send asks again. Entries older than the window count as never held.
 */
export function takeConfirmation(folder: string, key: string, maxAgeMs: number, now: number): boolean {
  if (!safeKey(key)) return false;
  const path = join(folder, key);
  let held: number;
  try {
    held = Date.parse(readFileSync(path, "utf8").trim());
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return Number.isFinite(held) && now - held >= 0 && now - held <= maxAgeMs;
}

/** Remembers that `key` was refused for its warnings at `now`; a one-line reason when it cannot. */
export function holdConfirmation(folder: string, key: string, now: number): Result<void> {
  if (!safeKey(key)) return err(`not a message key: ${key}`);
  try {
    makeFolders(folder);
    writeFileSync(join(folder, key), `${new Date(now).toISOString()}\n`, { mode: 0o600 });
    return ok(undefined);
  } catch (error) {
    return err(`cannot write ${folder}: ${describeErrno(error)}`);
  }
}
