import type { Override } from "../model/override.js";
import type { Action } from "../model/policy.js";
import type { Verdict } from "../model/verdict.js";
import type { DeferReason } from "./format-smtp-reply.js";

/** Where a decision was made. */
export type AuditMode = "sendmail" | "hook" | "smtp-filter" | "thunderbird";

/** An attachment as the audit log knows it: its name and the SHA-256 of its decoded bytes. */
export interface AttachmentDigest {
  filename: string;
  sha256: string;
}

/** What the edge knows beyond the verdict when it records a decision. */
export interface AuditFacts {
  time: string;
  mode: AuditMode;
  /** The client, for hooks (`git`); the real sendmail's name, for the wrapper. */
  via: string;
  /**
   * What guard did: sent (with the real sendmail's exit status, or the SMTP reply code of the
   * mail system the filter re-injected into), refused, or failed; deferred is the SMTP filter's
   * 451 (the client tries again), with its reason.
   */
  outcome: "sent" | "refused" | "passed" | "error" | "deferred";
  status?: number;
  reason?: DeferReason;
  messageSha256: string;
  attachments: AttachmentDigest[];
  override: Override | null;
  /** The verdict before any override, when an override changed it. */
  verdictBefore?: Action;
  /** --on-warn=confirm: the first send was held (`asked`), or this send confirmed it (`given`). */
  confirm?: "asked" | "given";
}

/** One line of the audit log, as an object. Never a cell value nor a recipient's full address. */
export interface AuditRecord {
  time: string;
  mode: AuditMode;
  via: string;
  verdict: Action;
  verdictBefore?: Action;
  outcome: AuditFacts["outcome"];
  status?: number;
  reason?: DeferReason;
  rules: { rule: string; action: string; overridden?: true }[];
  tags: Record<string, { rows: number; columns: number }>;
  recipients: { total: number; external: number; domains: string[] };
  attachments: AttachmentDigest[];
  messageSha256: string;
  override?: Override;
  confirm?: "asked" | "given";
}

/**
 * Builds the audit record of one decision: rule ids, counts of rows and columns per tag, recipient
 * domains (never whole addresses: the log must not hold the recipient list of a blocked mail),
 * attachment names and digests, and the justification of an override.
 */
export function auditRecord(verdict: Verdict, facts: AuditFacts): AuditRecord {
  const tags: AuditRecord["tags"] = {};
  for (const a of verdict.attachments)
    for (const t of a.tables)
      for (const tag of new Set(t.columns.flatMap((c) => c.tags))) {
        const entry = tags[tag] ?? { rows: 0, columns: 0 };
        entry.rows += t.rows;
        entry.columns += t.columns.filter((c) => c.tags.includes(tag)).length;
        tags[tag] = entry;
      }
  const domains = [...new Set(verdict.recipients.map((r) => r.domain))].sort();
  return {
    time: facts.time,
    mode: facts.mode,
    via: facts.via,
    verdict: verdict.action,
    ...(facts.verdictBefore !== undefined && facts.verdictBefore !== verdict.action
      ? { verdictBefore: facts.verdictBefore }
      : {}),
    outcome: facts.outcome,
    ...(facts.status !== undefined ? { status: facts.status } : {}),
    ...(facts.reason !== undefined ? { reason: facts.reason } : {}),
    rules: verdict.findings.map((f) => ({
      rule: f.rule,
      action: f.action,
      ...(f.overridden ? { overridden: true as const } : {}),
    })),
    tags: Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b))),
    recipients: {
      total: verdict.recipients.length,
      external: verdict.recipients.filter((r) => r.external).length,
      domains,
    },
    attachments: facts.attachments,
    messageSha256: facts.messageSha256,
    ...(facts.override !== null ? { override: facts.override } : {}),
    ...(facts.confirm !== undefined ? { confirm: facts.confirm } : {}),
  };
}

/** A decision the SMTP filter made without a verdict (too large, timed out, busy): counts only. */
export interface DeferredAuditRecord {
  time: string;
  mode: "smtp-filter";
  via: string;
  outcome: "deferred";
  reason: DeferReason;
  recipients: { total: number; domains: string[] };
  bytes: number;
  messageSha256: string;
}

/** Any line of the audit log. */
export type AuditLine = AuditRecord | DeferredAuditRecord;

/** The recipients' domains, lower case and sorted, never the addresses. */
export const recipientDomains = (addresses: readonly string[]): string[] =>
  [...new Set(addresses.map((a) => a.slice(a.lastIndexOf("@") + 1).toLowerCase()))].sort();
