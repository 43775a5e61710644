import type { Engine } from "../core.js";
import { err, ok, type Result } from "../model/result.js";
import { buildEngine, type EmbeddedRules } from "../portable/build-engine.js";
import { portablePlatform } from "../portable/platform.js";
import { parsePolicyText } from "../ruleset/parse-rules.js";
import type { PolicyFile } from "../ruleset/policy-schema.js";
import type { ThunderbirdApi } from "./thunderbird-api.js";

/** Where the policy in force came from. */
export type PolicySource = "managed" | "options" | "embedded";

/** The engine to judge with, and where its policy came from. */
export interface LoadedEngine {
  engine: Engine;
  source: PolicySource;
}

/** The policy text an area holds under `policy` (YAML, as for `guard check --policy`), if any. */
async function policyTextIn(area: ThunderbirdApi["storage"]["managed"]): Promise<string | undefined> {
  const { policy } = await area.get("policy");
  return typeof policy === "string" && policy.trim() !== "" ? policy : undefined;
}

/**
 * The managed policy, when there is one. Thunderbird rejects storage.managed.get when no
 * enterprise policy or managed-storage manifest names the add-on: that is "none", not a fault.
 */
async function managedText(api: ThunderbirdApi): Promise<string | undefined> {
  try {
    return await policyTextIn(api.storage.managed);
  } catch {
    return undefined;
  }
}

/** The last engine built, by its policy: compiling the detectors for every Send is wasted work. */
let last: { key: string; loaded: LoadedEngine } | undefined;

function engineFor(embedded: EmbeddedRules, source: PolicySource, file?: PolicyFile): LoadedEngine {
  const key = `${source}\n${JSON.stringify(file ?? null)}`;
  if (last?.key !== key)
    last = { key, loaded: { engine: buildEngine(embedded, portablePlatform, file), source } };
  return last.loaded;
}

/**
 * Builds the engine for one send: the policy an administrator set (managed storage, from the
 * `3rdparty` enterprise policy) wins over the one saved on the options page; without either the
 * embedded default applies. A policy that does not validate is an error, so the caller refuses
 * the send rather than judging by rules nobody chose.
 */
export async function loadPolicy(
  api: ThunderbirdApi,
  embedded: EmbeddedRules,
): Promise<Result<LoadedEngine>> {
  const managed = await managedText(api);
  const text = managed ?? (await policyTextIn(api.storage.local));
  const source: PolicySource =
    managed !== undefined ? "managed" : text !== undefined ? "options" : "embedded";
  if (text === undefined) return ok(engineFor(embedded, source));
  const parsed = parsePolicyText({ path: `${source} policy`, text });
  if (!parsed.ok) return err(`the ${source} policy is not valid: ${parsed.error.join("; ")}`);
  return ok(engineFor(embedded, source, parsed.value));
}
