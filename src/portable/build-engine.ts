import type { Engine } from "../core.js";
import type { Platform } from "../model/platform.js";
import { compileDetectors } from "../ruleset/compile-detectors.js";
import { compilePolicy } from "../ruleset/compile-policy.js";
import type { ContextFile, DetectorSpec } from "../ruleset/detector-schema.js";
import type { PolicyFile } from "../ruleset/policy-schema.js";

/** The rules the build validated and embedded (dist/embedded.json): detectors, context, default policy. */
export interface EmbeddedRules {
  detectors: Omit<DetectorSpec, "examples">[];
  context: ContextFile;
  policy: PolicyFile;
}

/**
 * Builds the engine from the embedded rules, with a policy file (already parsed and validated by
 * parsePolicyText) read over the embedded default when one is given. Every host (the CLI, a page,
 * an add-in) builds it this one way.
 */
export function buildEngine(embedded: EmbeddedRules, platform: Platform, policyFile?: PolicyFile): Engine {
  const base = compilePolicy(embedded.policy);
  const policy = policyFile === undefined ? base : compilePolicy(policyFile, base);
  const ruleset = compileDetectors(embedded.detectors, embedded.context, policy.publicMailDomains);
  return { ruleset, policy, platform };
}
