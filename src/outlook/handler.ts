// The Smart Alerts event handler, built by scripts/build-outlook.ts into ONE classic ES2016 script
// (classic Outlook on Windows loads it in a JavaScript-only runtime: no imports, no DOM). The build
// puts install-globals.ts in front of it, so the web APIs it uses (TextEncoder, ...) are there.
import type { Engine } from "../core.js";
import { buildEngine, type EmbeddedRules } from "../portable/build-engine.js";
import { portablePlatform } from "../portable/platform.js";
import type { PolicyFile } from "../ruleset/policy-schema.js";
import type { OfficeApi } from "./office.js";
import { makeOnMessageSend } from "./on-message-send.js";

/** The rules the build validated (dist/embedded.json), set by esbuild's define. */
declare const GUARD_EMBEDDED: EmbeddedRules;
/** The admin's policy file, validated at build time (`--policy`), or null for the embedded default. */
declare const GUARD_POLICY: PolicyFile | null;
declare const Office: OfficeApi | undefined;

/** The name the manifests give the handler (LaunchEvent FunctionName, actionId). */
export const HANDLER_NAME = "onMessageSendHandler";

let engine: Engine | undefined;
const getEngine = (): Engine => {
  if (engine === undefined) engine = buildEngine(GUARD_EMBEDDED, portablePlatform, GUARD_POLICY ?? undefined);
  return engine;
};

// At top level, not in Office.onReady: classic Outlook's runtime never runs onReady (office-js#5166).
if (typeof Office !== "undefined")
  Office.actions.associate(HANDLER_NAME, makeOnMessageSend(Office, getEngine));
