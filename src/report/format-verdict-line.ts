import type { Action } from "../model/policy.js";
import type { InspectedAttachment } from "../model/verdict.js";
import { plural } from "./format-count.js";

const HEADLINE = {
  allow: "ALLOW: nothing found that should stop this.",
  warn: "WARN: it may go, but read the warnings first.",
  block: "BLOCK: do not send this as it is.",
} as const;

/** An allow that did not read everything says only what it can vouch for. */
const PARTIAL_ALLOW = "ALLOW: what was read holds nothing that should stop this.";

/**
 * The verdict line: the action, and every attachment that was not checked (images, audio, video,
 * signatures: status `skipped`) named with its type, so "nothing found" is never said about
 * content that was not read: "ALLOW: ... 1 attachment not checked: photo.png (image)."
 */
export function formatVerdictLine(
  action: Action,
  attachments: readonly InspectedAttachment[],
  overridden = 0,
): string {
  const skipped = attachments.filter((a) => a.status === "skipped");
  // After an override the line says what happened, never "nothing found" above lifted findings.
  if (overridden > 0 && action !== "block") return overriddenLine(action, overridden);
  if (skipped.length === 0) return HEADLINE[action];
  const names = skipped.map((a) => `${a.filename} (${a.imagesOnly ? "scanned images" : a.type})`).join(", ");
  const head = action === "allow" ? PARTIAL_ALLOW : HEADLINE[action];
  return `${head} ${plural(skipped.length, "attachment")} not checked: ${names}.`;
}

/** The verdict line when a justification lifted findings: what was lifted, and what still stands. */
function overriddenLine(action: Exclude<Action, "block">, overridden: number): string {
  const lifted = `${plural(overridden, "finding")} overridden on the justification given`;
  return action === "allow" ? `ALLOW: ${lifted}.` : `WARN: ${lifted}; read the warnings left.`;
}
