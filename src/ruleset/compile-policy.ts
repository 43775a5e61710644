import type { Policy } from "../model/policy.js";
import type { PolicyFile } from "./policy-schema.js";

const MB = 1024 * 1024;

/** Reads a validated policy file over a base policy (the embedded default); fields left out keep the base's. */
export function compilePolicy(file: PolicyFile, base?: Policy): Policy {
  const limits = file.limits ?? {};
  const b = base;
  return {
    internalDomains: file.internalDomains ?? b?.internalDomains ?? [],
    deniedDomains: file.deniedDomains ?? b?.deniedDomains ?? [],
    thresholds: { ...(b?.thresholds ?? defaultThresholds), ...file.thresholds },
    actions: { ...(b?.actions as Policy["actions"]), ...file.actions } as Policy["actions"],
    limits: {
      maxAttachmentBytes: mb(limits.maxAttachmentMB) ?? b?.limits.maxAttachmentBytes ?? 100 * MB,
      maxPartBytes: mb(limits.maxPartMB) ?? b?.limits.maxPartBytes ?? 512 * MB,
      maxTotalInflatedBytes: mb(limits.maxTotalInflatedMB) ?? b?.limits.maxTotalInflatedBytes ?? 1024 * MB,
      maxCompressionRatio: limits.maxCompressionRatio ?? b?.limits.maxCompressionRatio ?? 200,
      maxDepth: limits.maxDepth ?? b?.limits.maxDepth ?? 4,
      sampleRows: limits.sampleRows ?? b?.limits.sampleRows ?? 1000,
      maxSecondsPerDraft: limits.maxSecondsPerDraft ?? b?.limits.maxSecondsPerDraft ?? 20,
    },
    override: {
      allowed: file.override?.allowed ?? b?.override.allowed ?? [],
      removeHeader: file.override?.removeHeader ?? b?.override.removeHeader ?? false,
    },
  };
}

const defaultThresholds = { personalDataRows: 10, manyRecipients: 20, visibleRecipients: 20 };
const mb = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n * MB));
