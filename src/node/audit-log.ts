import { appendFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { AuditRecord } from "../report/audit-record.js";

/**
 * The audit log's path: `--audit-log`, else `GUARD_AUDIT_LOG`, else
 * `$XDG_STATE_HOME/guard/audit.jsonl` (the XDG base-directory spec's place for logs),
 * `~/.local/state/guard/audit.jsonl` when that is unset.
 */
export function auditLogPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option !== undefined && option !== "") return option;
  if (env.GUARD_AUDIT_LOG) return env.GUARD_AUDIT_LOG;
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), ".local", "state");
  return join(state, "guard", "audit.jsonl");
}

/** Appends one record as one JSON line, creating folders as needed; a one-line reason when it cannot. */
export function appendAudit(
  path: string,
  record: AuditRecord,
): { ok: true } | { ok: false; message: string } {
  try {
    mkdirSync(dirname(path), { recursive: true });
    // One write call per line: appends of a few KB are atomic enough for one user's concurrent sends.
    appendFileSync(path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, message: `cannot write the audit log ${path}: ${code}` };
  }
}
