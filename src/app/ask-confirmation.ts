import type { DraftVerdict } from "../model/verdict.js";
import { confirmKey } from "./confirm-key.js";
import type { Host } from "./host.js";

/** What `--on-warn` may say: send with the warnings printed, refuse, or hold once for confirmation. */
export const ON_WARN = ["send", "block", "confirm"];

/** A held or confirmed warning: whether the message waits, and the lines that tell the sender. */
export interface Confirmation {
  held: boolean;
  why: string[];
}

/**
 * `--on-warn=confirm`: the first send of a warned message is held (refused, and remembered in
 * the state folder); the same message sent again within the policy's `confirm.windowMinutes`
 * goes. A mail client shows a refusal's reasons but throws away a success's standard error, so
 * a warning that lets the mail go is never seen (issue 18: 30 visible addresses went with
 * nothing on screen). `again` says how to send again in the client's words.
 */
export function askConfirmation(
  verdict: DraftVerdict,
  window: { minutes: number; again: string },
  host: Pick<Host, "sha256" | "takeConfirmation" | "holdConfirmation">,
): Confirmation {
  const key = confirmKey(verdict, host.sha256);
  if (host.takeConfirmation(key, window.minutes * 60_000)) return { held: false, why: [] };
  const remembered = host.holdConfirmation(key);
  const again = remembered.ok
    ? `To send it anyway, ${window.again} within ${window.minutes === 1 ? "1 minute" : `${window.minutes} minutes`}.`
    : `guard cannot remember it (${remembered.error}), so sending again will not confirm it: fix that, or send with --on-warn=send.`;
  return { held: true, why: ["Held for confirmation: read the warnings above.", again] };
}
