import { readFileSync } from "node:fs";
import type { Engine } from "../core.js";
import { compileDetectors } from "../ruleset/compile-detectors.js";
import { compilePolicy } from "../ruleset/compile-policy.js";
import type { ContextFile, DetectorSpec } from "../ruleset/detector-schema.js";
import type { PolicyFile } from "../ruleset/policy-schema.js";
import { nodePlatform } from "./platform.js";

interface Embedded {
  detectors: Omit<DetectorSpec, "examples">[];
  context: ContextFile;
  policy: PolicyFile;
}

/** Reads the rules the build validated and embedded beside the bundle (dist/embedded.json). */
function readEmbedded(): Embedded {
  return JSON.parse(readFileSync(new URL("./embedded.json", import.meta.url), "utf8")) as Embedded;
}

/**
 * Builds the engine: embedded detectors, the embedded default policy, and the policy file read
 * over it when one is given. The YAML and zod modules load only in that case.
 */
export async function loadEngine(
  policyPath?: string,
): Promise<{ ok: true; engine: Engine } | { ok: false; message: string }> {
  const embedded = readEmbedded();
  let policy = compilePolicy(embedded.policy);
  if (policyPath !== undefined) {
    let text: string;
    try {
      text = readFileSync(policyPath, "utf8");
    } catch (error) {
      return {
        ok: false,
        message: `cannot read policy ${policyPath}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      };
    }
    const { parsePolicyText } = await import("../ruleset/parse-rules.js");
    const parsed = parsePolicyText({ path: policyPath, text });
    if (!parsed.ok) return { ok: false, message: `invalid policy:\n  ${parsed.problems.join("\n  ")}` };
    policy = compilePolicy(parsed.value, policy);
  }
  return {
    ok: true,
    engine: {
      ruleset: compileDetectors(embedded.detectors, embedded.context),
      policy,
      platform: nodePlatform,
    },
  };
}
