import { basename } from "node:path";
import { auditLogPath } from "../node/audit-log.js";
import { loadEngine } from "../node/load-engine.js";
import { readStream } from "../node/read-input.js";
import { runWithInput } from "../node/run-with-input.js";
import { removeHeader } from "../parse/mail/remove-header.js";
import { describeOverride } from "../report/describe-override.js";
import { formatText } from "../report/format-text.js";
import { judgeMessage, OVERRIDE_HEADER } from "./judge-message.js";
import { recordDecision } from "./record-decision.js";
import { parseSendmailArgs } from "./sendmail-args.js";

/** sysexits.h codes, which mail clients understand. */
export const SYSEXIT = { noperm: 77, software: 70 } as const;

/** Options of `guard sendmail`. */
export interface SendmailOptions {
  policy?: string;
  recipient: string[];
  onWarn?: string;
  auditLog?: string;
}

const fail = (message: string): number => {
  process.stderr.write(`guard: ${message}; nothing was sent\n`);
  return SYSEXIT.software;
};

/**
 * `guard sendmail [OPTIONS] -- REAL_SENDMAIL ARGS...`: reads the whole message from standard
 * input, judges it, and hands the same bytes to the real sendmail only when allowed. Returns
 * the real sendmail's status, 77 when refused, or 70 when something went wrong (nothing sent).
 */
export async function sendmailCommand(command: string[], options: SendmailOptions): Promise<number> {
  try {
    // Read to the end before anything can fail: a client writing into the pipe must not get SIGPIPE.
    const bytes = await readStream(process.stdin);
    return await guardedSend(bytes, command, options);
  } catch (error) {
    return fail(`internal error: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
  }
}

async function guardedSend(bytes: Uint8Array, command: string[], options: SendmailOptions): Promise<number> {
  const onWarn = options.onWarn ?? "send";
  if (onWarn !== "send" && onWarn !== "block") return fail(`--on-warn must be send or block, not ${onWarn}`);
  const [program, ...args] = command;
  if (program === undefined)
    return fail("no real sendmail given (guard sendmail [OPTIONS] -- SENDMAIL ARGS...)");
  // An unknown option before `--` lands here as the "program": a typo must not be run.
  if (program.startsWith("-"))
    return fail(`unknown option ${program} (guard sendmail [OPTIONS] -- SENDMAIL ARGS...)`);
  const loaded = await loadEngine(options.policy);
  if (!loaded.ok) return fail(loaded.message);
  const envelope = [...parseSendmailArgs(args).recipients, ...options.recipient];
  const judged = await judgeMessage(bytes, loaded.engine, envelope, process.env.GUARD_OVERRIDE);
  if (!judged.ok) return fail(`cannot read the message: ${judged.message}`);
  const { verdict, override } = judged.judged;
  const logPath = auditLogPath(options.auditLog);
  const via = basename(program);
  const report = formatText(verdict, {
    subject: verdict.subject ? `"${verdict.subject}"` : "message",
    showRecipients: true,
  });

  const refused = verdict.action === "block" || (verdict.action === "warn" && onWarn === "block");
  if (refused) {
    const why = verdict.action === "warn" ? ["Refused on warnings (--on-warn=block)."] : [];
    const advice = describeOverride(verdict, override, loaded.engine.policy);
    process.stderr.write(`${report}\n${[...why, ...advice, "Nothing was sent."].join("\n")}\n`);
    await recordDecision(logPath, bytes, judged.judged, { mode: "sendmail", via, outcome: "refused" });
    return SYSEXIT.noperm;
  }

  // Warnings and overrides go where the sender sees them before the client returns.
  if (verdict.findings.length > 0) process.stderr.write(report);
  const out =
    loaded.engine.policy.override.removeHeader && override?.sources.includes("header")
      ? removeHeader(bytes, OVERRIDE_HEADER)
      : bytes;
  const ran = await runWithInput(program, args, out);
  if (!ran.ok) {
    await recordDecision(logPath, bytes, judged.judged, { mode: "sendmail", via, outcome: "error" });
    return fail(ran.message);
  }
  await recordDecision(logPath, bytes, judged.judged, {
    mode: "sendmail",
    via,
    outcome: "sent",
    status: ran.status,
  });
  return ran.status;
}

/** A usage error in sendmail mode: drains standard input (unless a terminal), says so, returns 70. */
export async function failSendmail(message: string): Promise<number> {
  if (!process.stdin.isTTY) await readStream(process.stdin);
  return fail(message);
}
