// The add-on's background (an event page): registers the compose.onBeforeSend listener at top
// level, as manifest v3 requires for Thunderbird to wake the page on Send.
import { type Engine, inspectParsedDraft } from "../core.js";
import type { Draft } from "../model/draft.js";
import type { EmbeddedRules } from "../portable/build-engine.js";
import { appendLog } from "./append-log.js";
import { createDialogs } from "./ask-sender.js";
import { inflateAhead } from "./inflate-ahead.js";
import { judgeSend } from "./judge-send.js";
import type { ThunderbirdApi } from "./thunderbird-api.js";

declare const browser: ThunderbirdApi;
/** Set by the build: true only in the test build of the add-on (see scripts/build-thunderbird.mjs). */
declare const GUARD_TEST_FAULTS: boolean;

/** The subject that makes the test build's core throw, to prove a failing core still stops Send. */
const THROW_MARK = "[guard-test:throw]";

/** The rules the build embedded (dist/embedded.json, copied into the .xpi), read once. */
let rules: Promise<EmbeddedRules> | undefined;
const embedded = (): Promise<EmbeddedRules> => {
  rules ??= fetch(browser.runtime.getURL("embedded.json"))
    .then((r) => r.json() as Promise<EmbeddedRules>)
    .catch((error: unknown) => {
      rules = undefined; // the next Send tries again; this one is refused
      throw error;
    });
  return rules;
};

const inspect = async (draft: Draft, engine: Engine) => {
  if (GUARD_TEST_FAULTS && draft.subject?.includes(THROW_MARK)) throw new Error("test fault: the core threw");
  const platform = await inflateAhead(draft.attachments, engine.policy.limits, engine.platform);
  return inspectParsedDraft(draft, { ...engine, platform });
};

const dialogs = createDialogs(browser);

browser.compose.onBeforeSend.addListener((tab, details) =>
  judgeSend(
    {
      api: browser,
      embedded,
      dialogs,
      inspect,
      log: (entry) => appendLog(browser, entry),
      now: () => performance.now(),
      clock: () => new Date(),
    },
    tab,
    details,
  ),
);
