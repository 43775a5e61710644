import type { Engine } from "../core.js";
import { err, ok, type Result } from "../model/result.js";
import { buildEngine, type EmbeddedRules } from "../portable/build-engine.js";
import { portablePlatform } from "../portable/platform.js";
import { parsePolicyText } from "../ruleset/parse-rules.js";

// The rules the build validated (dist/embedded.json), put into the bundle by scripts/build.mjs:
// a page opened from file:// can fetch nothing, so the rules travel inside the script.
declare const GUARD_EMBEDDED: EmbeddedRules;

/**
 * The engine for a browser or mail-client host: the embedded detectors and default policy, a
 * policy's YAML text read over that default when given, and the fflate platform. The error lists
 * every problem of the policy at once, as the CLI's `--policy` does.
 */
export function browserEngine(policyYaml?: string, policyName = "policy.yaml"): Result<Engine, string[]> {
  if (policyYaml === undefined) return ok(buildEngine(GUARD_EMBEDDED, portablePlatform));
  const parsed = parsePolicyText({ path: policyName, text: policyYaml });
  if (!parsed.ok) return err(parsed.error);
  return ok(buildEngine(GUARD_EMBEDDED, portablePlatform, parsed.value));
}
