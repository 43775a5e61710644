import { parseDraft } from "../parse/mail/parse-draft.js";
import { describeOverride } from "../report/describe-override.js";
import { formatText } from "../report/format-text.js";
import { type CommandOutput, output, usageError } from "./command-output.js";
import { exitFor } from "./exit-codes.js";
import type { Host } from "./host.js";
import { judgeMessage } from "./judge-message.js";
import { recordDecision } from "./record-decision.js";

/** Options of `guard hook run`. */
export interface HookRunOptions {
  policy?: string;
  recipient: string[];
  auditLog?: string;
}

/** What judging for a hook needs from its host. */
export type HookHost = Pick<
  Host,
  "loadEngine" | "readInput" | "env" | "sha256" | "auditLogPath" | "appendAudit" | "now"
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

/**
 * `guard hook run <client> FILE [HEADERS]`: judges one mail for a client's validate hook, gives
 * the reasons for standard error, records the decision and returns the contract's exit code.
 * A mail whose recipients git did not pass is judged once, as if sent outside.
 */
export async function judgeForHook(
  client: string,
  file: string,
  headers: string | undefined,
  options: HookRunOptions,
  host: HookHost,
): Promise<CommandOutput> {
  if (client !== "git") return usageError(`hook run knows git only, not ${client}`);
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
  const unknown = verdict.recipients.length === 1 && verdict.recipients[0].address === UNKNOWN_RECIPIENT;
  let stderr = "";
  if (verdict.findings.length > 0) {
    const subject = verdict.subject ? `"${verdict.subject}"` : "mail";
    const notes = unknown ? ["(git did not pass the recipients: judged as if sent outside)"] : [];
    const advice = describeOverride(verdict, override, loaded.value.policy);
    stderr = `${formatText(verdict, { subject, showRecipients: !unknown })}${[...notes, ...advice].map((l) => `${l}\n`).join("")}`;
  }
  const outcome = verdict.action === "block" ? "refused" : "passed";
  stderr += recordDecision(host, host.auditLogPath(options.auditLog), input.value, judged.value, {
    mode: "hook",
    via: client,
    outcome,
  });
  return output(exitFor(verdict.action), "", stderr);
}
