import { type Engine, inspectDraft } from "../core.js";
import type { Override } from "../model/override.js";
import type { Action } from "../model/policy.js";
import type { DraftVerdict } from "../model/verdict.js";
import { sha256 } from "../node/digest.js";
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

/**
 * Inspects a message (its attachments and the files in its patch, if it is one) for its header
 * and envelope recipients, then applies the sender's
 * justification (the `X-Guard-Override` header and `overrideEnv`, i.e. `GUARD_OVERRIDE`).
 */
export async function judgeMessage(
  bytes: Uint8Array,
  engine: Engine,
  envelope: string[],
  overrideEnv: string | undefined,
): Promise<{ ok: true; judged: Judged } | { ok: false; message: string }> {
  // The audit log records each attachment's SHA-256: digested while the bytes are at hand.
  const withDigests = { ...engine, platform: { ...engine.platform, digest: sha256 } };
  const result = await inspectDraft(bytes, withDigests, envelope);
  if (!result.ok) return { ok: false, message: describeDraftError(result.error) };
  const override = findOverride(headerValues(readHeaders(bytes), OVERRIDE_HEADER), overrideEnv);
  const after = applyOverride(result.verdict, override, engine.policy);
  return {
    ok: true,
    judged: { verdict: { ...result.verdict, ...after }, before: result.verdict.action, override },
  };
}
