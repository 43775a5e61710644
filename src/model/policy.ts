import type { Limits } from "./limits.js";

/** The rules of the contract's default policy, plus `denied-domain` for policies that list some. */
export const RULE_IDS = [
  "sensitive-to-external",
  "personal-data-to-external",
  "some-personal-data-to-external",
  "personal-data-to-many",
  "personal-data-internal-many",
  "visible-recipients",
  "uninspectable-to-external",
  "uninspectable-internal",
  "hidden-personal-data",
  "denied-domain",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Action = "allow" | "warn" | "block";

/** A policy ready for the engine: every field set, defaults merged in. */
export interface Policy {
  internalDomains: string[];
  deniedDomains: string[];
  thresholds: { personalDataRows: number; manyRecipients: number; visibleRecipients: number };
  /** `off` disables a rule. */
  actions: Record<RuleId, "block" | "warn" | "off">;
  limits: Limits;
  override: { allowed: RuleId[]; removeHeader: boolean };
}
