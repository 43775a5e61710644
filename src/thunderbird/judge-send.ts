import type { Engine } from "../core.js";
import type { Draft } from "../model/draft.js";
import type { Override } from "../model/override.js";
import type { DraftVerdict } from "../model/verdict.js";
import { applyOverride } from "../policy/apply-override.js";
import type { EmbeddedRules } from "../portable/build-engine.js";
import { auditRecord } from "../report/audit-record.js";
import type { LogEntry } from "./append-log.js";
import type { Dialogs } from "./ask-sender.js";
import { dialogView, errorView } from "./dialog-view.js";
import { type LoadedEngine, loadPolicy } from "./load-policy.js";
import { readCompose } from "./read-compose.js";
import type { BeforeSendResult, ComposeDetails, Tab, ThunderbirdApi } from "./thunderbird-api.js";

/** What judging a send needs from the add-on; tests hand in fakes of the same shape. */
export interface SendDeps {
  api: ThunderbirdApi;
  embedded: () => Promise<EmbeddedRules>;
  dialogs: Dialogs;
  /** The core's judgement of a draft in parts (inspectParsedDraft). */
  inspect: (draft: Draft, engine: Engine) => Promise<DraftVerdict>;
  log: (entry: LogEntry) => Promise<void>;
  /** Milliseconds, for the time from Send to verdict. */
  now: () => number;
  /** The wall clock, for the log. */
  clock: () => Date;
}

const CANCEL: BeforeSendResult = { cancel: true };

/** Logs one decision on a verdict; a log that cannot be written does not change the decision. */
async function record(
  deps: SendDeps,
  draft: Draft,
  verdict: DraftVerdict,
  facts: {
    outcome: "sent" | "refused";
    ms: number;
    loaded: LoadedEngine;
    override?: Override;
    before?: DraftVerdict;
  },
): Promise<void> {
  const {
    messageSha256: _digest,
    attachments: _names,
    ...rest
  } = auditRecord(verdict, {
    time: deps.clock().toISOString(),
    mode: "thunderbird",
    via: "compose.onBeforeSend",
    outcome: facts.outcome,
    messageSha256: "",
    attachments: [],
    override: facts.override ?? null,
    verdictBefore: facts.before?.action,
  });
  const attachments = draft.attachments.map((a) => ({ filename: a.filename, size: a.bytes.length }));
  await deps
    .log({ ...rest, attachments, ms: Math.round(facts.ms), policy: facts.loaded.source })
    .catch(() => {});
}

/** Reads the window, judges it, and asks the sender where the verdict and the policy allow. */
async function decideSend(deps: SendDeps, tabId: number, details: ComposeDetails): Promise<BeforeSendResult> {
  const start = deps.now();
  const loaded = await loadPolicy(deps.api, await deps.embedded());
  if (!loaded.ok) throw new Error(loaded.error);
  const draft = await readCompose(deps.api, tabId, details);
  const verdict = await deps.inspect(draft, loaded.value.engine);
  const facts = { ms: deps.now() - start, loaded: loaded.value };
  if (verdict.action === "allow") {
    await record(deps, draft, verdict, { ...facts, outcome: "sent" });
    return {};
  }
  const view = dialogView(verdict, loaded.value.engine.policy, details.subject ?? "");
  if (verdict.action === "block" && !view.canOverride) {
    await record(deps, draft, verdict, { ...facts, outcome: "refused" });
    deps.dialogs.tell(view).catch(() => {});
    return CANCEL;
  }
  const answer = await deps.dialogs.ask(view);
  if (!answer.send) {
    await record(deps, draft, verdict, { ...facts, outcome: "refused" });
    return CANCEL;
  }
  if (verdict.action === "warn") {
    await record(deps, draft, verdict, { ...facts, outcome: "sent" });
    return {};
  }
  // A block is lifted only by a written justification the policy accepts for every blocking rule.
  const override: Override | undefined = answer.reason
    ? { reason: answer.reason, sources: ["dialog"] }
    : undefined;
  const after = applyOverride(verdict, override ?? null, loaded.value.engine.policy);
  const outcome = after.action === "block" ? "refused" : "sent";
  await record(deps, draft, { ...verdict, ...after }, { ...facts, outcome, override, before: verdict });
  return outcome === "sent" ? {} : CANCEL;
}

/** An error as a line for the sender and the log. */
const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : `error: ${String(error)}`;

/**
 * The compose.onBeforeSend listener's work: judge the message and let it go, ask, or cancel.
 * It fails closed: Thunderbird waits on this promise with no time limit, and a listener that
 * throws leaves the send hanging with the window locked, so every error cancels the send, is
 * logged, and is shown to the sender.
 */
export async function judgeSend(
  deps: SendDeps,
  tab: Tab,
  details: ComposeDetails,
): Promise<BeforeSendResult> {
  const start = deps.now();
  try {
    if (tab.id === undefined) throw new Error("the compose window has no tab id");
    return await decideSend(deps, tab.id, details);
  } catch (error) {
    const reason = describeError(error);
    try {
      await deps.log({
        time: deps.clock().toISOString(),
        mode: "thunderbird",
        outcome: "error",
        error: reason,
        ms: Math.round(deps.now() - start),
      });
    } catch {
      // The send is stopped whether or not the log can be written.
    }
    try {
      deps.dialogs.tell(errorView(reason)).catch(() => {});
    } catch {
      // Nor does a dialog that cannot open let it through.
    }
    return CANCEL;
  }
}
