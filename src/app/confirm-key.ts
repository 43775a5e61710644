import type { DraftVerdict } from "../model/verdict.js";

/**
 * What makes a warned message "the same message" when it is sent again: sender, recipients,
 * subject, and each attachment's name and decoded digest, plus the warnings themselves. Not the
 * message's bytes: a mail client writes a new Date, Message-ID and MIME boundary on every try.
 */
export function confirmKey(verdict: DraftVerdict, sha256: (text: string) => string): string {
  const same = {
    from: verdict.from,
    subject: verdict.subject,
    recipients: verdict.recipients.map((r) => `${r.field}:${r.address.toLowerCase()}`).sort(),
    attachments: verdict.attachments.map((a) => [a.filename, a.sha256 ?? "", a.status]),
    findings: verdict.findings.map((f) => f.rule).sort(),
  };
  return sha256(JSON.stringify(same));
}
