import { type Engine, inspectDraft } from "../core.js";
import type { Override } from "../model/override.js";
import type { Action } from "../model/policy.js";
import { err, ok, type Result } from "../model/result.js";
import type { DraftVerdict } from "../model/verdict.js";
import { headerValues, readHeaders } from "../parse/mail/read-headers.js";
import { applyOverride, findOverride } from "../policy/apply-override.js";
import { describeDraftError } from "../report/describe-draft-error.js";

/** A message's verdict after any justified override, with the verdict it had before. */
export interface Judged {
  verdict: DraftVerdict;
  before: Action;
  override: Override | null;
}

/** The header a sender adds in the mail client to justify sending a refused message. */
export const OVERRIDE_HEADER = "X-Guard-Override";

/** Who a message goes to besides its headers, and the sender's justification from the environment. */
export interface JudgeOptions {
  envelope: string[];
  /** `GUARD_OVERRIDE`. */
  overrideEnv: string | undefined;
  /** The SHA-256 of an attachment's bytes, for the audit log. */
  digest: (bytes: Uint8Array) => string;
  /** Judged as the recipient when neither headers nor envelope name one (see inspectDraft). */
  ifNoRecipient?: string;
}

/**
 * Inspects a message (its attachments and the files in its patch, if it is one) for its header
 * and envelope recipients, then applies the sender's justification (the `X-Guard-Override`
 * header and `GUARD_OVERRIDE`). The error is why the message could not be read at all.
 */
export async function judgeMessage(
  bytes: Uint8Array,
  engine: Engine,
  options: JudgeOptions,
): Promise<Result<Judged>> {
  // The audit log records each attachment's SHA-256: digested while the bytes are at hand.
  const withDigests = { ...engine, platform: { ...engine.platform, digest: options.digest } };
  const result = await inspectDraft(bytes, withDigests, options.envelope, options.ifNoRecipient);
  if (!result.ok) return err(describeDraftError(result.error.code));
  const override = findOverride(headerValues(readHeaders(bytes), OVERRIDE_HEADER), options.overrideEnv);
  const after = applyOverride(result.value, override, engine.policy);
  return ok({ verdict: { ...result.value, ...after }, before: result.value.action, override });
}
