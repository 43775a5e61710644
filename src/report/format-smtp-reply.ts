import type { SmtpReply } from "../model/smtp.js";
import type { Verdict } from "../model/verdict.js";
import { describeFinding } from "./describe-finding.js";

/** Why the SMTP filter deferred a message instead of judging it: stable codes for the audit log. */
export type DeferReason = "TOO_LARGE" | "TIMEOUT" | "BUSY" | "UNREADABLE" | "INTERNAL" | "REINJECT";

const DEFER_TEXT: Record<DeferReason, string> = {
  TOO_LARGE: "the message is larger than the filter's size limit",
  TIMEOUT: "checking the message took longer than the filter's time limit",
  BUSY: "too many messages are being checked at once",
  UNREADABLE: "the message could not be read as mail",
  INTERNAL: "internal error",
  REINJECT: "the mail system behind the filter did not take the message",
};

// RFC 5321 4.5.3.1.5: a reply line is at most 512 octets with its code and CRLF; replies are
// 7-bit. The sender's client shows this text at Send time, so the first reason comes first.
const MAX_TEXT = 400;

/** The text as one printable ASCII line within the reply's length limit. */
function oneLine(text: string): string {
  const flat = text
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, (c) => (/\s/.test(c) ? " " : ""))
    .replace(/ {2,}/g, " ")
    .trim();
  return flat.length <= MAX_TEXT ? flat : `${flat.slice(0, MAX_TEXT - 3)}...`;
}

/**
 * `550 5.7.1` for a blocked message (RFC 3463: delivery not authorized, message refused), naming
 * the attachment and saying what the first blocking finding is about, with how many more there are.
 */
export function blockReply(verdict: Verdict): SmtpReply {
  const blocking = verdict.findings.filter((f) => f.action === "block" && !f.overridden);
  const first = blocking[0];
  const where = first?.where ? `${first.where.attachment}: ` : "";
  const reason = first ? `${where}${describeFinding(first)} [${first.rule}]` : "refused by policy";
  const more = blocking.length > 1 ? ` (+${blocking.length - 1} more)` : "";
  return { code: 550, text: oneLine(`5.7.1 guard: not sent: ${reason}${more}`) };
}

/**
 * `451 4.3.0` (RFC 3463: other or undefined mail system status, temporary): the filter could not
 * decide, so it fails closed; the client keeps the message and tries again later.
 */
export function deferReply(reason: DeferReason, detail = ""): SmtpReply {
  const extra = detail === "" ? "" : ` (${detail})`;
  return {
    code: 451,
    text: oneLine(`4.3.0 guard: not checked, try again later: ${DEFER_TEXT[reason]}${extra}`),
  };
}
