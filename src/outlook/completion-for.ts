import type { Finding } from "../model/finding.js";
import type { DraftVerdict } from "../model/verdict.js";
import { adviceFor, describeFinding } from "../report/describe-finding.js";
import type { CompletedOptions } from "./office.js";

/** Outlook shows at most 500 characters of errorMessage (SmartAlertsEventCompletedOptions). */
export const MESSAGE_LIMIT = 500;

/** `text` cut to Outlook's limit, with an ellipsis where it was cut. */
export const clip = (text: string): string =>
  text.length <= MESSAGE_LIMIT ? text : `${text.slice(0, MESSAGE_LIMIT - 1)}…`;

/**
 * `head`, `why` and `tail` within Outlook's limit, cutting `why`: the closing sentence (Choose
 * Send Anyway, ask your administrator) is what the user acts on, so a long finding never hides it.
 */
export function fitMessage(head: string, why: string, tail: string): string {
  const room = MESSAGE_LIMIT - head.length - tail.length;
  const cut = why.length <= room ? why : `${why.slice(0, Math.max(0, room - 1))}…`;
  return clip(`${head}${cut}${tail}`);
}

/**
 * The first finding of the verdict's action in one sentence, with the attachment it is about and
 * what to do; how many more there are comes first, so cutting the message never loses it.
 */
function explain(findings: Finding[], action: "warn" | "block"): string {
  const standing = findings.filter((f) => !f.overridden);
  const first = standing.find((f) => f.action === action) ?? standing[0];
  if (first === undefined) return "";
  const more = standing.length > 1 ? ` (${standing.length} findings; the first:)` : "";
  const where = first.where ? ` (${first.where.attachment})` : "";
  return `${more} ${describeFinding(first)}${where} ${adviceFor(first)}`;
}

/**
 * What event.completed gets for a verdict. Allow sends. Block stops the send with the reason. Warn
 * stops it with the reason and offers Send Anyway by overriding the manifest's Block mode with
 * PromptUser (Mailbox 1.14, the only override the API allows); where the client lacks 1.14 it
 * cannot offer that, so it stops the send and says so.
 */
export function completionFor(verdict: DraftVerdict, canPromptUser: boolean): CompletedOptions {
  if (verdict.action === "allow") return { allowEvent: true };
  const why = explain(verdict.findings, verdict.action);
  if (verdict.action === "block")
    return { allowEvent: false, errorMessage: clip(`guard: do not send this as it is.${why}`) };
  if (canPromptUser)
    return {
      allowEvent: false,
      errorMessage: fitMessage(
        "guard: check before sending.",
        why,
        " Choose Send Anyway only if you are sure.",
      ),
      sendModeOverride: "promptUser",
    };
  return {
    allowEvent: false,
    errorMessage: fitMessage(
      "guard: check before sending.",
      why,
      " This version of Outlook cannot offer Send Anyway: change the message, or ask your administrator.",
    ),
  };
}

/** What event.completed gets when the check itself failed: the send stops (fail closed), and says why. */
export function completionForError(error: unknown): CompletedOptions {
  const why = error instanceof Error ? error.message : String(error);
  return {
    allowEvent: false,
    errorMessage: fitMessage(
      "guard could not check this message, so it was not sent (",
      why,
      "). Try again; if it keeps happening, tell your administrator.",
    ),
  };
}
