import { removeHeader } from "../parse/mail/remove-header.js";
import { describeOverride } from "../report/describe-override.js";
import { formatText } from "../report/format-text.js";
import { askConfirmation, ON_WARN } from "./ask-confirmation.js";
import { baseName } from "./check-draft.js";
import { type CommandOutput, output } from "./command-output.js";
import type { Host } from "./host.js";
import { type Judged, judgeMessage, OVERRIDE_HEADER } from "./judge-message.js";
import { parseSendmailArgs } from "./parse-sendmail-args.js";
import { recordDecision } from "./record-decision.js";

/** sysexits.h codes, which mail clients understand. */
export const SYSEXIT = { noperm: 77, software: 70 } as const;

/** Options of `guard sendmail`. */
export interface SendmailOptions {
  policy?: string;
  recipient: string[];
  onWarn?: string;
  auditLog?: string;
}

/** What a guarded send needs from its host. */
export type SendHost = Pick<
  Host,
  | "loadEngine"
  | "env"
  | "sha256"
  | "auditLogPath"
  | "appendAudit"
  | "now"
  | "runWithInput"
  | "takeConfirmation"
  | "holdConfirmation"
>;

/** Nothing was sent: the reason on standard error (after `stderr`, what was said before), exit 70. */
export const failSend = (message: string, stderr = ""): CommandOutput =>
  output(SYSEXIT.software, "", `${stderr}guard: ${message}; nothing was sent\n`);

/** The real sendmail and its arguments, or why they cannot be run. */
function realSendmail(command: string[]): { program: string; args: string[] } | string {
  const [program, ...args] = command;
  if (program === undefined) return "no real sendmail given (guard sendmail [OPTIONS] -- SENDMAIL ARGS...)";
  // An unknown option before `--` lands here as the "program": a typo must not be run.
  if (program.startsWith("-"))
    return `unknown option ${program} (guard sendmail [OPTIONS] -- SENDMAIL ARGS...)`;
  return { program, args };
}

/** Hands the message to the real sendmail and records how that went; its status is the exit code. */
async function send(
  bytes: Uint8Array,
  real: { program: string; args: string[] },
  judged: Judged,
  context: { host: SendHost; logPath: string; removeOverride: boolean; stderr: string; confirmed: boolean },
): Promise<CommandOutput> {
  const { host, logPath } = context;
  const facts = {
    mode: "sendmail",
    via: baseName(real.program),
    ...(context.confirmed ? { confirm: "given" as const } : {}),
  } as const;
  const out = context.removeOverride ? removeHeader(bytes, OVERRIDE_HEADER) : bytes;
  const ran = await host.runWithInput(real.program, real.args, out);
  if (!ran.ok) {
    const warning = recordDecision(host, logPath, bytes, judged, { ...facts, outcome: "error" });
    return failSend(ran.error, `${context.stderr}${warning}`);
  }
  const { status } = ran.value;
  const warning = recordDecision(host, logPath, bytes, judged, { ...facts, outcome: "sent", status });
  return output(status, ran.value.stdout, `${context.stderr}${ran.value.stderr}${warning}`);
}

/**
 * `guard sendmail [OPTIONS] -- REAL_SENDMAIL ARGS...` once the whole message is read: judges it
 * and hands the same bytes to the real sendmail only when allowed. The exit code is the real
 * sendmail's status, 77 when refused, or 70 when something went wrong (nothing sent).
 */
export async function sendGuarded(
  bytes: Uint8Array,
  command: string[],
  options: SendmailOptions,
  host: SendHost,
): Promise<CommandOutput> {
  const onWarn = options.onWarn ?? "send";
  if (!ON_WARN.includes(onWarn)) return failSend(`--on-warn must be send, block or confirm, not ${onWarn}`);
  const real = realSendmail(command);
  if (typeof real === "string") return failSend(real);
  const loaded = await host.loadEngine(options.policy);
  if (!loaded.ok) return failSend(loaded.error);
  const judged = await judgeMessage(bytes, loaded.value, {
    envelope: [...parseSendmailArgs(real.args).recipients, ...options.recipient],
    overrideEnv: host.env.GUARD_OVERRIDE,
    digest: host.sha256,
  });
  if (!judged.ok) return failSend(`cannot read the message: ${judged.error}`);
  const { verdict, override } = judged.value;
  const logPath = host.auditLogPath(options.auditLog);
  const subject = verdict.subject ? `"${verdict.subject}"` : "message";
  const report = formatText(verdict, { subject, showRecipients: true });
  const window = { minutes: loaded.value.policy.confirm.windowMinutes, again: "send the same message again" };
  const confirm =
    verdict.action === "warn" && onWarn === "confirm" ? askConfirmation(verdict, window, host) : null;
  if (verdict.action === "block" || (verdict.action === "warn" && onWarn === "block") || confirm?.held) {
    const why =
      confirm !== null
        ? confirm.why
        : verdict.action === "warn"
          ? ["Refused on warnings (--on-warn=block)."]
          : [];
    const advice = describeOverride(verdict, override, loaded.value.policy);
    const facts = {
      mode: "sendmail",
      via: baseName(real.program),
      outcome: "refused",
      ...(confirm !== null ? { confirm: "asked" as const } : {}),
    } as const;
    const warning = recordDecision(host, logPath, bytes, judged.value, facts);
    return output(
      SYSEXIT.noperm,
      "",
      `${report}\n${[...why, ...advice, "Nothing was sent."].join("\n")}\n${warning}`,
    );
  }
  // Warnings and overrides go where the sender sees them, before the real sendmail's own words.
  const removeOverride =
    loaded.value.policy.override.removeHeader && override?.sources.includes("header") === true;
  const stderr = verdict.findings.length > 0 ? report : "";
  return send(bytes, real, judged.value, {
    host,
    logPath,
    removeOverride,
    stderr,
    confirmed: confirm !== null,
  });
}
