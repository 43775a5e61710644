import { DEFAULT_LIMITS } from "../model/limits.js";
import { DEFAULT_CONFIRM, DEFAULT_THRESHOLDS, type Policy } from "../model/policy.js";
import type { PolicyFile } from "./policy-schema.js";

const MB = 1024 * 1024;

/** Reads a validated policy file over a base policy (the embedded default); fields left out keep the base's. */
export function compilePolicy(file: PolicyFile, base?: Policy): Policy {
  const limits = file.limits ?? {};
  const b = base;
  // Without a base (the embedded default itself), a field left out falls back to DEFAULT_LIMITS,
  // which a test keeps equal to rules/policies/default.yaml.
  const lim = b?.limits ?? DEFAULT_LIMITS;
  return {
    internalDomains: file.internalDomains ?? b?.internalDomains ?? [],
    deniedDomains: file.deniedDomains ?? b?.deniedDomains ?? [],
    // Extends rather than replaces: a policy cannot make a public provider someone's organisation.
    publicMailDomains: [...new Set([...(b?.publicMailDomains ?? []), ...(file.publicMailDomains ?? [])])],
    thresholds: { ...(b?.thresholds ?? DEFAULT_THRESHOLDS), ...file.thresholds },
    actions: { ...(b?.actions as Policy["actions"]), ...file.actions } as Policy["actions"],
    limits: {
      maxAttachmentBytes: mb(limits.maxAttachmentMB) ?? lim.maxAttachmentBytes,
      maxPartBytes: mb(limits.maxPartMB) ?? lim.maxPartBytes,
      maxTotalInflatedBytes: mb(limits.maxTotalInflatedMB) ?? lim.maxTotalInflatedBytes,
      maxCompressionRatio: limits.maxCompressionRatio ?? lim.maxCompressionRatio,
      maxDepth: limits.maxDepth ?? lim.maxDepth,
      sampleRows: limits.sampleRows ?? lim.sampleRows,
      maxPdfPages: limits.maxPdfPages ?? lim.maxPdfPages,
      maxSecondsPerDraft: limits.maxSecondsPerDraft ?? lim.maxSecondsPerDraft,
    },
    registers: file.registers ?? b?.registers ?? [],
    override: {
      allowed: overridable(file.override, b?.override.allowed ?? []),
      removeHeader: file.override?.removeHeader ?? b?.override.removeHeader ?? false,
    },
    confirm: {
      windowMinutes: file.confirm?.windowMinutes ?? b?.confirm.windowMinutes ?? DEFAULT_CONFIRM.windowMinutes,
    },
  };
}

/**
 * The rules a justification lifts: the base's plus the file's, or with `replace: true` the file's
 * alone. Extending is the default because a policy that adds one rule must not silently drop the
 * others (issue 18: a policy's list used to replace the default's without a word).
 */
function overridable(override: PolicyFile["override"], base: Policy["override"]["allowed"]) {
  if (override?.replace === true) return [...(override.allowed ?? [])];
  return [...new Set([...base, ...(override?.allowed ?? [])])];
}

const mb = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n * MB));
