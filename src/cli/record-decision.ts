import { appendAudit } from "../node/audit-log.js";
import { sha256 } from "../node/digest.js";
import { type AuditFacts, auditRecord } from "../report/audit-record.js";
import type { Judged } from "./judge-message.js";

/**
 * Appends the decision to the audit log. A log that cannot be written does not change the
 * decision (a full disk must not stop a clean mail, nor let a refused one through): the reason
 * goes to standard error so the sender sees it.
 */
export async function recordDecision(
  logPath: string,
  message: Uint8Array,
  judged: Judged,
  facts: Pick<AuditFacts, "mode" | "via" | "outcome" | "status">,
): Promise<void> {
  const record = auditRecord(judged.verdict, {
    ...facts,
    time: new Date().toISOString(),
    messageSha256: sha256(message),
    attachments: judged.verdict.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 ?? "" })),
    override: judged.override,
    verdictBefore: judged.before,
  });
  const written = appendAudit(logPath, record);
  if (!written.ok) process.stderr.write(`guard: warning: ${written.message}\n`);
}
