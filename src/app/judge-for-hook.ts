import type { DraftVerdict } from "../model/verdict.js";
import { parseDraft } from "../parse/mail/parse-draft.js";
import { describeOverride } from "../report/describe-override.js";
import { formatText } from "../report/format-text.js";
import { askConfirmation, ON_WARN } from "./ask-confirmation.js";
import { type CommandOutput, output, usageError } from "./command-output.js";
import { EXIT, exitFor } from "./exit-codes.js";
import type { Host } from "./host.js";
import { judgeMessage } from "./judge-message.js";
import { recordDecision } from "./record-decision.js";

/** Options of `guard hook run`. */
export interface HookRunOptions {
  policy?: string;
  recipient: string[];
  auditLog?: string;
  /**
   * send, block or confirm: then the exit code is the hook's own answer (0 go, else stop). Without
   * it the contract's codes (1 for warn), which hooks installed before confirm turn into 0.
   */
  onWarn?: string;
}

/** What judging for a hook needs from its host. */
export type HookHost = Pick<
  Host,
  | "loadEngine"
  | "readInput"
  | "env"
  | "sha256"
  | "auditLogPath"
  | "appendAudit"
  | "now"
  | "takeConfirmation"
  | "holdConfirmation"
>;

// git before 2.41 gives the hook the patch file only, without the --to/--cc recipients: judge
// such a mail as if it went outside, the safe side (a reserved .invalid domain is never internal).
const UNKNOWN_RECIPIENT = "unknown-recipients@git-send-email.invalid";

/** The addresses in a header file (git's `$2`: the SMTP headers git send-email will send). */
async function headerRecipients(path: string, host: HookHost): Promise<string[] | CommandOutput> {
  const input = await host.readInput(path);
  if (!input.ok) return usageError(input.error);
  const parsed = await parseDraft(input.value);
  return parsed.ok ? parsed.draft.recipients.map((r) => r.address) : [];
}

/** What the hook answers for a verdict under `--on-warn`: its exit code, what to say, and the audit's confirm. */
function hookAnswer(
  verdict: DraftVerdict,
  onWarn: string | undefined,
  windowMinutes: number,
  host: HookHost,
): { exitCode: number; why: string[]; confirm?: "asked" | "given" } {
  if (verdict.action !== "warn" || onWarn === undefined)
    return { exitCode: exitFor(verdict.action), why: [] };
  if (onWarn === "send") return { exitCode: EXIT.allow, why: [] };
  if (onWarn === "block") return { exitCode: EXIT.warn, why: ["Refused on warnings (--on-warn=block)."] };
  const again = "run git send-email again with the same patches";
  const asked = askConfirmation(verdict, { minutes: windowMinutes, again }, host);
  return asked.held
    ? { exitCode: EXIT.warn, why: asked.why, confirm: "asked" }
    : { exitCode: EXIT.allow, why: [], confirm: "given" };
}

/**
 * `guard hook run <client> FILE [HEADERS]`: judges one mail for a client's validate hook, gives
 * the reasons for standard error, records the decision and returns the exit code (see
 * HookRunOptions.onWarn). A mail whose recipients git did not pass is judged as if sent outside.
 */
export async function judgeForHook(
  client: string,
  file: string,
  headers: string | undefined,
  options: HookRunOptions,
  host: HookHost,
): Promise<CommandOutput> {
  if (client !== "git") return usageError(`hook run knows git only, not ${client}`);
  if (options.onWarn !== undefined && !ON_WARN.includes(options.onWarn))
    return usageError(`--on-warn must be send, block or confirm, not ${options.onWarn}`);
  const loaded = await host.loadEngine(options.policy);
  if (!loaded.ok) return usageError(loaded.error);
  const input = await host.readInput(file);
  if (!input.ok) return usageError(input.error);
  const fromHeaders = headers !== undefined ? await headerRecipients(headers, host) : [];
  if (!Array.isArray(fromHeaders)) return fromHeaders;
  const judged = await judgeMessage(input.value, loaded.value, {
    envelope: [...options.recipient, ...fromHeaders],
    overrideEnv: host.env.GUARD_OVERRIDE,
    digest: host.sha256,
    ifNoRecipient: UNKNOWN_RECIPIENT,
  });
  if (!judged.ok) return usageError(`cannot read ${file}: ${judged.error}`);
  const { verdict, override } = judged.value;
  const policy = loaded.value.policy;
  const answer = hookAnswer(verdict, options.onWarn, policy.confirm.windowMinutes, host);
  const unknown = verdict.recipients.length === 1 && verdict.recipients[0].address === UNKNOWN_RECIPIENT;
  let stderr = "";
  if (verdict.findings.length > 0) {
    const subject = verdict.subject ? `"${verdict.subject}"` : "mail";
    const notes = unknown ? ["(git did not pass the recipients: judged as if sent outside)"] : [];
    const advice = describeOverride(verdict, override, policy);
    stderr = `${formatText(verdict, { subject, showRecipients: !unknown })}${[...notes, ...answer.why, ...advice].map((l) => `${l}\n`).join("")}`;
  }
  // Without --on-warn a warn exits 1 and the (older) hook lets the mail go: it passed.
  const refused =
    verdict.action === "block" || (options.onWarn !== undefined && answer.exitCode !== EXIT.allow);
  stderr += recordDecision(host, host.auditLogPath(options.auditLog), input.value, judged.value, {
    mode: "hook",
    via: client,
    outcome: refused ? "refused" : "passed",
    ...(answer.confirm !== undefined ? { confirm: answer.confirm } : {}),
  });
  return output(answer.exitCode, "", stderr);
}
