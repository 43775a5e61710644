import type { RuleId } from "./finding.js";
import type { Limits } from "./limits.js";

export type Action = "allow" | "warn" | "block";

/** The counts at which rules fire (see rules/policies/default.yaml). */
export interface Thresholds {
  /** Personal-data rows (all attachments together) to external recipients that block. */
  personalDataRows: number;
  /** Recipients from which personal data counts as sent to many. */
  manyRecipients: number;
  /** Visible recipients (To, Cc) from which any attachment warns. */
  visibleRecipients: number;
}

/** The embedded default's thresholds; a test keeps them equal to rules/policies/default.yaml. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  personalDataRows: 10,
  manyRecipients: 20,
  visibleRecipients: 20,
};

/** The embedded default's confirm window; a test keeps it equal to rules/policies/default.yaml. */
export const DEFAULT_CONFIRM = { windowMinutes: 10 };

/** A policy ready for the engine: every field set, defaults merged in. */
export interface Policy {
  internalDomains: string[];
  deniedDomains: string[];
  /** Public mailbox providers, nobody's organisation: domains, or `name.*` for any suffix. */
  publicMailDomains: string[];
  thresholds: Thresholds;
  /** `off` disables a rule. */
  actions: Record<RuleId, "block" | "warn" | "off">;
  limits: Limits;
  override: { allowed: RuleId[]; removeHeader: boolean };
  /** `--on-warn=confirm`: how long a held message stays confirmable by sending it again. */
  confirm: { windowMinutes: number };
  /** Registers to recognise people by (guard register build); paths as the policy file gives them. */
  registers: RegisterSpec[];
}

/** A register named by a policy: its file, its key file, and when a table counts as its people. */
export interface RegisterSpec {
  path: string;
  key: string;
  minMatches: number;
  minShare: number;
  /** The folder the policy file was read from: relative paths are taken from there. */
  base?: string;
}
