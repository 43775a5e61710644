import { type AuditFacts, auditRecord } from "../report/audit-record.js";
import type { Host } from "./host.js";
import type { Judged } from "./judge-message.js";

/**
 * Appends the decision to the audit log. A log that cannot be written does not change the
 * decision (a full disk must not stop a clean mail, nor let a refused one through): the
 * returned warning, for standard error, tells the sender; empty when all went well.
 */
export function recordDecision(
  host: Pick<Host, "appendAudit" | "now" | "sha256">,
  logPath: string,
  message: Uint8Array,
  judged: Judged,
  facts: Pick<AuditFacts, "mode" | "via" | "outcome" | "status" | "confirm">,
): string {
  const record = auditRecord(judged.verdict, {
    ...facts,
    time: host.now().toISOString(),
    messageSha256: host.sha256(message),
    attachments: judged.verdict.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 ?? "" })),
    override: judged.override,
    verdictBefore: judged.before,
  });
  const written = host.appendAudit(logPath, record);
  return written.ok ? "" : `guard: warning: ${written.error}\n`;
}
