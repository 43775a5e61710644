import type { Override } from "../model/override.js";
import type { Policy } from "../model/policy.js";
import type { Verdict } from "../model/verdict.js";

/**
 * What a sender can do about a refused message: how to give a justification for the rules the
 * policy lets them override, and which rules no justification lifts.
 */
export function describeOverride(verdict: Verdict, override: Override | null, policy: Policy): string[] {
  const standing = verdict.findings.filter((f) => !f.overridden && f.action === "block");
  if (standing.length === 0) return [];
  const allowed = new Set(policy.override.allowed);
  const fixed = [...new Set(standing.filter((f) => !allowed.has(f.rule)).map((f) => f.rule))];
  const lines: string[] = [];
  if (fixed.length > 0)
    lines.push(
      `No justification lifts ${fixed.join(", ")} under this policy: remove the data, or change the policy.`,
    );
  else if (override === null)
    lines.push(
      "To send it anyway, give your reason: add the header `X-Guard-Override: <why>` to the message,",
      "or send once with GUARD_OVERRIDE='<why>' in the environment. The reason goes in the audit log.",
    );
  if (override !== null) lines.push(`Your justification was recorded: ${override.reason}`);
  return lines;
}
