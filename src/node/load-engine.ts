import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Engine } from "../core.js";
import { err, ok, type Result } from "../model/result.js";
import { buildEngine, type EmbeddedRules } from "../portable/build-engine.js";
import { describeErrno } from "./describe-errno.js";
import { loadRegisters } from "./load-registers.js";
import { nodePlatform } from "./platform.js";

// Beside the bundle in dist/; when running from src/ (tests), the built one.
const besideUs = new URL("./embedded.json", import.meta.url);
const EMBEDDED = existsSync(besideUs) ? besideUs : new URL("../../dist/embedded.json", import.meta.url);

/** Reads the rules the build validated and embedded beside the bundle (dist/embedded.json). */
function readEmbedded(): EmbeddedRules {
  return JSON.parse(readFileSync(EMBEDDED, "utf8")) as EmbeddedRules;
}

/**
 * Builds the engine: embedded detectors, the embedded default policy, and the policy file read
 * over it when one is given. The YAML and zod modules load only in that case.
 */
export async function loadEngine(policyPath?: string, cwd = "."): Promise<Result<Engine>> {
  const embedded = readEmbedded();
  if (policyPath === undefined) return ok(buildEngine(embedded, nodePlatform));
  let text: string;
  try {
    text = readFileSync(resolve(cwd, policyPath), "utf8");
  } catch (error) {
    return err(`cannot read policy ${policyPath}: ${describeErrno(error)}`);
  }
  const { parsePolicyText } = await import("../ruleset/parse-rules.js");
  const parsed = parsePolicyText({ path: policyPath, text });
  if (!parsed.ok) return err(`invalid policy:\n  ${parsed.error.join("\n  ")}`);
  const engine = buildEngine(embedded, nodePlatform, parsed.value);
  if (engine.policy.registers.length === 0) return ok(engine);
  // Register paths are taken from the policy file's folder, as a reader of the policy would.
  const { registers, notices } = loadRegisters(engine.policy.registers, dirname(resolve(cwd, policyPath)));
  return ok({ ...engine, registers, notices });
}
