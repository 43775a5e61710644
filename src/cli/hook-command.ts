import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { auditLogPath } from "../node/audit-log.js";
import { loadEngine } from "../node/load-engine.js";
import { readInput } from "../node/read-input.js";
import { parseDraft } from "../parse/mail/parse-draft.js";
import { describeOverride } from "../report/describe-override.js";
import { formatText } from "../report/format-text.js";
import { exitFor, UsageError } from "./exit-codes.js";
import { CLIENTS, type Client, gitHookScript, installAdvice, wrapperScript } from "./hook-scripts.js";
import { judgeMessage } from "./judge-message.js";
import { recordDecision } from "./record-decision.js";

/** Options of `guard hook run`. */
export interface HookRunOptions {
  policy?: string;
  recipient: string[];
  auditLog?: string;
}

/** Options of `guard hook install`. */
export interface HookInstallOptions {
  force?: boolean;
  path?: string;
}

// git before 2.41 gives the hook the patch file only, without the --to/--cc recipients: judge
// such a mail as if it went outside, the safe side (a reserved .invalid domain is never internal).
const UNKNOWN_RECIPIENT = "unknown-recipients@git-send-email.invalid";

/** The addresses in a header file (git's `$2`: the SMTP headers git send-email will send). */
async function headerRecipients(path: string): Promise<string[]> {
  const input = await readInput(path);
  if (!input.ok) throw new UsageError(input.message);
  const parsed = await parseDraft(input.bytes);
  return parsed.ok ? parsed.draft.recipients.map((r) => r.address) : [];
}

/**
 * `guard hook run <client> FILE [HEADERS]`: judges one mail for a client's validate hook, prints
 * the reasons on standard error, records the decision and returns the contract's exit code.
 */
export async function hookRunCommand(
  client: string,
  file: string,
  headers: string | undefined,
  options: HookRunOptions,
): Promise<number> {
  if (client !== "git") throw new UsageError(`hook run knows git only, not ${client}`);
  const loaded = await loadEngine(options.policy);
  if (!loaded.ok) throw new UsageError(loaded.message);
  const input = await readInput(file);
  if (!input.ok) throw new UsageError(input.message);
  const envelope = [...options.recipient, ...(headers !== undefined ? await headerRecipients(headers) : [])];
  let judged = await judgeMessage(input.bytes, loaded.engine, envelope, process.env.GUARD_OVERRIDE);
  if (!judged.ok) throw new UsageError(`cannot read ${file}: ${judged.message}`);
  const unknown = judged.judged.verdict.recipients.length === 0;
  if (unknown) {
    judged = await judgeMessage(input.bytes, loaded.engine, [UNKNOWN_RECIPIENT], process.env.GUARD_OVERRIDE);
    if (!judged.ok) throw new UsageError(`cannot read ${file}: ${judged.message}`);
  }
  const { verdict, override } = judged.judged;
  if (verdict.findings.length > 0) {
    const subject = verdict.subject ? `"${verdict.subject}"` : "mail";
    const notes = unknown ? ["(git did not pass the recipients: judged as if sent outside)"] : [];
    const advice = describeOverride(verdict, override, loaded.engine.policy);
    process.stderr.write(
      `${formatText(verdict, { subject, showRecipients: !unknown })}${[...notes, ...advice].map((l) => `${l}\n`).join("")}`,
    );
  }
  const outcome = verdict.action === "block" ? "refused" : "passed";
  await recordDecision(auditLogPath(options.auditLog), input.bytes, judged.judged, {
    mode: "hook",
    via: client,
    outcome,
  });
  return exitFor(verdict.action);
}

/** How hooks call guard: this node and this checkout's bin/guard.js, by absolute path (clients run with a thin PATH). */
function guardCommand(): string[] {
  return [process.execPath, realpathSync(process.argv[1])];
}

/** Where git looks for hooks here: `core.hooksPath` (also a global one) or the repository's hooks folder. */
function gitHookPath(): string {
  try {
    const out = execFileSync("git", ["rev-parse", "--git-path", "hooks/sendemail-validate"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return resolve(out.trim());
  } catch {
    try {
      const global = execFileSync("git", ["config", "--global", "core.hooksPath"], {
        encoding: "utf8",
      }).trim();
      if (global !== "") return join(global.replace(/^~(?=\/)/, homedir()), "sendemail-validate");
    } catch {}
    throw new UsageError(
      "not in a git repository and no global core.hooksPath: run it inside the repository, or give --path",
    );
  }
}

const DEFAULT_SENDMAIL: Record<Exclude<Client, "git">, string[]> = {
  neomutt: ["/usr/sbin/sendmail"],
  mutt: ["/usr/sbin/sendmail"],
  msmtp: ["/usr/bin/msmtp"],
  "s-nail": ["/usr/sbin/sendmail"],
  mailx: ["/usr/sbin/sendmail"],
};

/**
 * `guard hook install <client> [-- REAL_SENDMAIL ARGS...]`: writes git's validate hook or a
 * sendmail wrapper script, never over an existing file without `--force`, and says what it did.
 */
export async function hookInstallCommand(
  client: string,
  real: string[],
  options: HookInstallOptions,
): Promise<number> {
  if (!(CLIENTS as readonly string[]).includes(client))
    throw new UsageError(`unknown client ${client}: one of ${CLIENTS.join(", ")}`);
  const c = client as Client;
  const guard = guardCommand();
  const home = process.env.HOME || homedir();
  const wrapperName = c === "msmtp" ? "guard-msmtp" : "guard-sendmail";
  const path = resolve(
    options.path ?? (c === "git" ? gitHookPath() : join(home, ".local", "bin", wrapperName)),
  );
  const text =
    c === "git" ? gitHookScript(guard) : wrapperScript(guard, real.length > 0 ? real : DEFAULT_SENDMAIL[c]);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { mode: 0o755, flag: options.force ? "w" : "wx" });
    chmodSync(path, 0o755);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new UsageError(`${path} exists; not overwritten (use --force to replace it)`);
    throw new UsageError(`cannot write ${path}: ${code ?? error}`);
  }
  const what = c === "git" ? "git's sendemail-validate hook" : "a sendmail wrapper";
  process.stdout.write(
    `guard: wrote ${what} to ${path}${options.force ? " (replacing any file there)" : ""}\n${installAdvice(
      c,
      path,
    )
      .map((l) => `  ${l}\n`)
      .join("")}`,
  );
  return 0;
}
