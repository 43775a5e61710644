import { appendFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { err, ok, type Result } from "../model/result.js";
import type { AuditLine } from "../report/audit-record.js";
import { describeErrno } from "./describe-errno.js";
import { makeFolders } from "./make-folders.js";

/**
 * The audit log's path: `--audit-log`, else `GUARD_AUDIT_LOG`, else
 * `$XDG_STATE_HOME/guard/audit.jsonl` (the XDG base-directory spec's place for logs),
 * `~/.local/state/guard/audit.jsonl` when that is unset.
 */
export function auditLogPath(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = env.HOME || homedir(),
): string {
  if (option !== undefined && option !== "") return option;
  if (env.GUARD_AUDIT_LOG) return env.GUARD_AUDIT_LOG;
  const state = env.XDG_STATE_HOME || join(home, ".local", "state");
  return join(state, "guard", "audit.jsonl");
}

/**
 * Appends one record as one JSON line, creating folders as needed; a one-line reason (naming
 * the file as the user gave it, `shown`) when it cannot.
 */
export function appendAudit(path: string, record: AuditLine, shown: string = path): Result<void> {
  try {
    makeFolders(dirname(path));
    // One write call per line: appends of a few KB are atomic enough for one user's concurrent sends.
    appendFileSync(path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    return ok(undefined);
  } catch (error) {
    return err(`cannot write the audit log ${shown}: ${describeErrno(error)}`);
  }
}
