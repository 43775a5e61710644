import type { Result } from "../model/result.js";
import type { ReceivedMessage, SmtpReply } from "../model/smtp.js";
import { type AuditLine, auditRecord, recipientDomains } from "../report/audit-record.js";
import { blockReply, type DeferReason, deferReply } from "../report/format-smtp-reply.js";
import type { Judged } from "./judge-message.js";

/** What judging one message gave, in the filter's worker: a verdict, or why there is none. */
export type JudgeOutcome =
  | { kind: "judged"; judged: Judged }
  | { kind: "unreadable"; reason: string }
  | { kind: "timeout" }
  | { kind: "error"; reason: string };

/** What the SMTP filter needs from its host: a judge with a time limit, the re-injection, the log. */
export interface FilterHost {
  /** Judges the bytes for the envelope recipients, within the filter's time budget. */
  judge(bytes: Uint8Array, envelope: string[]): Promise<JudgeOutcome>;
  /** Hands the very same bytes to the mail system behind the filter; its reply to the message. */
  reinject(message: ReceivedMessage): Promise<Result<SmtpReply>>;
  now(): Date;
  sha256(data: Uint8Array | string): string;
  appendAudit(path: string, record: AuditLine): Result<void>;
}

/** How the filter decides: where the audit log goes, what warnings do, the size limit it enforces. */
export interface FilterOptions {
  auditLog: string;
  onWarn: "send" | "block";
  maxBytes: number;
}

/** The filter's answer to one message, what became of it, and any warning for the operator's log. */
export interface Filtered {
  reply: SmtpReply;
  outcome: "allow" | "warn" | "block" | "deferred";
  warning: string;
}

const FACTS = { mode: "smtp-filter", via: "smtp" } as const;

/** Writes one audit line; the warning for the operator's log when it could not be written. */
function record(host: FilterHost, options: FilterOptions, line: AuditLine): string {
  const written = host.appendAudit(options.auditLog, line);
  return written.ok ? "" : `guard: warning: ${written.error}\n`;
}

/** A 451 for a message that got no verdict, recorded with counts only. */
export function deferMessage(
  message: Pick<ReceivedMessage, "bytes" | "size" | "recipients">,
  reason: DeferReason,
  context: { host: FilterHost; options: FilterOptions; detail?: string },
): Filtered {
  const { host, options } = context;
  const addresses = message.recipients.map((r) => r.address);
  const warning = record(host, options, {
    time: host.now().toISOString(),
    ...FACTS,
    outcome: "deferred",
    reason,
    recipients: { total: addresses.length, domains: recipientDomains(addresses) },
    bytes: message.size,
    messageSha256: host.sha256(message.bytes),
  });
  return { reply: deferReply(reason, context.detail), outcome: "deferred", warning };
}

/** Records a judged message's decision: what guard did and the reply code it gave or got. */
function recordJudged(
  host: FilterHost,
  options: FilterOptions,
  message: ReceivedMessage,
  judged: Judged,
  facts: { outcome: "sent" | "refused" | "deferred" | "error"; status: number; reason?: DeferReason },
): string {
  const line = auditRecord(judged.verdict, {
    ...FACTS,
    ...facts,
    time: host.now().toISOString(),
    messageSha256: host.sha256(message.bytes),
    attachments: judged.verdict.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 ?? "" })),
    override: judged.override,
    verdictBefore: judged.before,
  });
  return record(host, options, line);
}

/**
 * The before-queue filter's decision on one message, for its envelope recipients: block gives
 * `550 5.7.1` with the reason; allow and warn re-inject exactly the received bytes and answer with
 * the downstream reply once it has taken them; anything that leaves the message undecided (too
 * large, timed out, unreadable, an internal error, re-injection failed) gives `451 4.3.0`, so the
 * client keeps the message and tries again: the filter fails closed. Every decision is logged.
 */
export async function filterMessage(
  message: ReceivedMessage,
  host: FilterHost,
  options: FilterOptions,
): Promise<Filtered> {
  const context = { host, options };
  if (message.tooLarge)
    return deferMessage(message, "TOO_LARGE", { ...context, detail: `limit ${options.maxBytes} bytes` });
  const outcome = await host.judge(
    message.bytes,
    message.recipients.map((r) => r.address),
  );
  if (outcome.kind === "timeout") return deferMessage(message, "TIMEOUT", context);
  if (outcome.kind === "error") return deferMessage(message, "INTERNAL", context);
  if (outcome.kind === "unreadable")
    return deferMessage(message, "UNREADABLE", { ...context, detail: outcome.reason });
  const { judged } = outcome;
  const action = judged.verdict.action;
  if (action === "block" || (action === "warn" && options.onWarn === "block")) {
    const reply = blockReply(judged.verdict);
    const warning = recordJudged(host, options, message, judged, { outcome: "refused", status: reply.code });
    return { reply, outcome: "block", warning };
  }
  const sent = await host.reinject(message);
  if (!sent.ok) {
    const reply = deferReply("REINJECT", sent.error);
    const facts = { outcome: "deferred", status: reply.code, reason: "REINJECT" } as const;
    return { reply, outcome: "deferred", warning: recordJudged(host, options, message, judged, facts) };
  }
  const status = sent.value.code;
  // The downstream reply goes back as it is; the log says whether it took the message.
  const facts = { outcome: status < 400 ? "sent" : "error", status } as const;
  const warning = recordJudged(host, options, message, judged, facts);
  return { reply: sent.value, outcome: action, warning };
}
