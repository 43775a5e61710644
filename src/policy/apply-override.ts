import type { Override } from "../model/override.js";
import type { Policy } from "../model/policy.js";
import type { Verdict } from "../model/verdict.js";
import { strongest } from "./decide.js";

/**
 * The justification given for one send: the `X-Guard-Override` header values and the
 * `GUARD_OVERRIDE` environment variable together. A blank reason is no justification, so null.
 */
export function findOverride(headerValues: string[], envValue: string | undefined): Override | null {
  const fromHeader = headerValues.map((v) => v.trim()).filter((v) => v !== "");
  const fromEnv = (envValue ?? "").trim();
  const reasons = [...fromHeader, ...(fromEnv !== "" ? [fromEnv] : [])];
  if (reasons.length === 0) return null;
  const sources: Override["sources"] = [];
  if (fromHeader.length > 0) sources.push("header");
  if (fromEnv !== "") sources.push("env");
  return { reason: [...new Set(reasons)].join("; "), sources };
}

/**
 * Marks the findings the policy lets a sender override as `overridden` and recomputes the verdict
 * from the rest. Without a justification nothing changes. A rule absent from `override.allowed`
 * (by default `sensitive-to-external`: special-category data needs a policy change) still counts.
 */
export function applyOverride(verdict: Verdict, override: Override | null, policy: Policy): Verdict {
  if (override === null || override.reason.trim() === "") return verdict;
  const allowed = new Set(policy.override.allowed);
  const findings = verdict.findings.map((f) => (allowed.has(f.rule) ? { ...f, overridden: true } : f));
  const standing = findings.filter((f) => !f.overridden).map((f) => f.action);
  return { ...verdict, findings, action: strongest(standing) };
}
