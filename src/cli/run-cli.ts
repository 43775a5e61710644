import { Command, CommanderError, Option } from "commander";
import { buildRegister, makeRegisterKey, rotateRegisters } from "../app/build-register.js";
import { checkDraft } from "../app/check-draft.js";
import { type CommandOutput, output, usageError } from "../app/command-output.js";
import { EXIT } from "../app/exit-codes.js";
import { explainFile } from "../app/explain-file.js";
import type { Host } from "../app/host.js";
import { installHook } from "../app/install-hook.js";
import { judgeForHook } from "../app/judge-for-hook.js";
import { scanPaths } from "../app/scan-paths.js";
import { failSend, sendGuarded } from "../app/send-guarded.js";
import { showConfig } from "../app/show-config.js";
import { writePage } from "../app/write-page.js";
import { describeErrno } from "../node/describe-errno.js";
import { runSmtpFilter } from "./smtp-filter.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const EXAMPLES = `
Examples:
  guard check draft.eml                      check a draft before sending it
  guard check - < draft.eml --format json    the same from standard input, as JSON
  guard check draft.eml --recipient x@example.org --policy our-policy.yaml
  guard scan exports/ --format sarif         check exported files in CI
  guard sendmail -- /usr/sbin/sendmail -oi -t   as a mail client's sendmail
  guard smtp-filter --listen 127.0.0.1:10025 --reinject 127.0.0.1:10026   Postfix's before-queue filter

Exit codes: 0 allow, 1 warn, 2 block, 3 error (unreadable input or wrong options).`;

const CHECK_HELP = `
Exit codes: 0 allow (nothing to stop), 1 warn (findings that do not block), 2 block (do not send
it as it is), 3 error (the draft could not be read, or the options are wrong; hooks treat it as block).`;

const SENDMAIL_HELP = `
Exit codes: the real sendmail's status when the message went to it; 77 (EX_NOPERM) when refused,
the reasons on standard error; 70 (EX_SOFTWARE) when guard could not judge it. Nothing is sent
unless allowed, and the bytes handed on are exactly those read.`;

const SCAN_HELP = `
Reviewed files: list them in .guardignore (.gitignore syntax, any folder under the repository
root), or accept their findings with --write-baseline FILE once and --baseline FILE after.

Exit codes: 0 allow, 1 warn, 2 block, 3 error. A verdict weaker than --fail-on exits 0:
--fail-on block lets warnings pass a CI step; --fail-on never only reports (errors still exit 3).`;

const CONFIG_HELP = `
The policy is found by itself, first found wins: --policy FILE, $GUARD_POLICY, .guard.yaml beside
the checked path or in any folder above it, $XDG_CONFIG_HOME/guard/policy.yaml
(~/.config/guard/policy.yaml), /etc/guard/policy.yaml, else the embedded default. check, scan,
sendmail and the hooks all use it.`;

const AUDIT_LOG =
  "append the decision to this file (default: $GUARD_AUDIT_LOG, else ~/.local/state/guard/audit.jsonl)";

/** One run of the CLI: its host and version, and where the command's output lands. */
interface Run {
  host: Host;
  version: string;
  /** What commander printed itself (help, version). */
  printed: { stdout: string; stderr: string };
  /** The command's output, once it ran. */
  result?: CommandOutput;
}

/** Options every judging command takes. */
const common = (c: Command): Command =>
  c
    .option("--policy <file>", "YAML policy read over the embedded default")
    .option("--recipient <address>", "an envelope recipient (repeatable)", collect, [])
    .exitOverride();

/** `check` and `explain`: one draft or file. */
function addFileCommands(cmd: Command, run: Run): void {
  common(
    cmd
      .command("check")
      .description("inspect one draft (.eml; - reads standard input) and decide allow / warn / block")
      .argument("<draft>", "the draft message, or - for standard input")
      .addOption(new Option("--format <format>", "report format").choices(["text", "json"]).default("text"))
      .addOption(new Option("--quiet", "text: the verdict line only").conflicts("verbose"))
      .option("--verbose", "text: also each tagged column, its evidence and masked samples")
      .addHelpText("after", CHECK_HELP),
  ).action(async (draft, options) => {
    run.result = await checkDraft(draft, options, run.host);
  });
  cmd
    .command("explain")
    .description("print each table's column profiles and why each column was or was not tagged")
    .argument("<file>", "a spreadsheet, CSV, archive or draft (- reads standard input)")
    .option("--policy <file>", "YAML policy read over the embedded default")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .exitOverride()
    .action(async (file, options) => {
      run.result = await explainFile(file, options, run.host);
    });
}

/** `config`: which policy file is in force, and the merged result. */
function addConfigCommand(cmd: Command, run: Run): void {
  cmd
    .command("config")
    .description("show which policy file applies (to PATH, else here) and the policy in force")
    .argument("[path]", "the draft, file or folder the policy is looked for from")
    .option("--policy <file>", "YAML policy read over the embedded default")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", CONFIG_HELP)
    .exitOverride()
    .action(async (path, options) => {
      run.result = await showConfig(path, options, run.host);
    });
}

/** `scan`: files and folders, as in CI. */
function addScanCommand(cmd: Command, run: Run): void {
  common(
    cmd
      .command("scan")
      .description("inspect files and folders as if sent outside (the CI check on exported files)")
      .argument("[paths...]", "files or folders (in a git work tree, .gitignore applies)")
      .addOption(
        new Option("--format <format>", "report format").choices(["text", "json", "sarif"]).default("text"),
      )
      .option("--output <file>", "write the report to this file instead of standard output")
      .option("--exclude <glob>", "leave out matching files (.gitignore syntax; repeatable)", collect, [])
      .option("--staged", "scan only the files staged in git, as staged (for a pre-commit hook)")
      .addOption(
        new Option("--fail-on <verdict>", "weakest verdict that exits non-zero (block: warnings exit 0)")
          .choices(["warn", "block", "never"])
          .default("warn"),
      )
      .option("--baseline <file>", "accept the findings recorded in this baseline file")
      .option("--write-baseline <file>", "record every finding of this scan as accepted, in this file")
      .option("--no-color", "no colours (also: NO_COLOR set, or output not a terminal)")
      .option("--no-vcs-ignore", "read folders whole, files .gitignore excludes included")
      .option(
        "--allow-empty",
        "a scan that reads no file exits 0 (else 3: nothing read is not nothing found)",
      )
      .addHelpText("after", SCAN_HELP),
  ).action(async (paths, options) => {
    run.result = await scanPaths(paths, options, run.host, run.version);
  });
}

/** `sendmail`: the drop-in wrapper; it reads the whole message before anything can fail. */
function addSendmailCommand(cmd: Command, run: Run): void {
  common(
    cmd
      .command("sendmail")
      .description("a drop-in sendmail: check the message on standard input, then run the real sendmail")
      .argument("<command...>", "the real sendmail and its arguments, after --")
      .option(
        "--on-warn <what>",
        "on warnings: send, block, or confirm (refuse once; the same message sent again within the policy's confirm.windowMinutes, 10 by default, goes)",
        "send",
      )
      .option("--audit-log <file>", AUDIT_LOG)
      .addHelpText("after", SENDMAIL_HELP)
      .allowUnknownOption(),
  ).action(async (command, options) => {
    try {
      // Read to the end before anything can fail: a client writing into the pipe must not get SIGPIPE.
      const bytes = await run.host.readStdin();
      run.result = await sendGuarded(bytes, command, options, run.host);
    } catch (error) {
      run.result = failSend(`internal error: ${describeErrno(error)}`);
    }
  });
}

/** Resolves when the process is asked to stop: the filter then finishes and says how it went. */
const stopSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once("SIGTERM", () => resolve());
    process.once("SIGINT", () => resolve());
  });

/** `smtp-filter`: Postfix's before-queue content filter (smtpd_proxy_filter); runs until stopped. */
function addSmtpFilterCommand(cmd: Command, run: Run): void {
  cmd
    .command("smtp-filter")
    .description("Postfix's before-queue filter: 550 5.7.1 on block, re-inject the same bytes otherwise")
    .option(
      "--listen <host:port>",
      "where Postfix's smtpd_proxy_filter connects (loopback)",
      "127.0.0.1:10025",
    )
    .option("--reinject <host:port>", "Postfix's re-injection smtpd (filter off)", "127.0.0.1:10026")
    .option("--policy <file>", "YAML policy read over the embedded default")
    .option("--workers <n>", "messages judged at once, one thread each (default: the CPU count)")
    .option("--timeout <seconds>", "time for one message, waiting included; past it 451 4.3.0", "60")
    .option("--max-size <MB>", "largest message judged; a larger one gets 451 4.3.0", "50")
    .option("--max-sessions <n>", "mail transactions at once; one more gets 451 4.3.0", "100")
    .option("--on-warn <what>", "send or block on warnings", "send")
    .option("--audit-log <file>", AUDIT_LOG)
    .option("--stats <seconds>", "print a status line this often (0: only when stopping)", "300")
    .option("--allow-remote", "allow a --listen address other than loopback")
    .option("--name <host>", "the name in the greeting and EHLO (default: this host's name)")
    .exitOverride()
    .action(async (options) => {
      const { host } = run;
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const proc = { cwd: host.cwd, env: host.env, home: host.home, log, stopped: stopSignal() };
      run.result = await runSmtpFilter(options, proc);
    });
}

/** `hook run` / `hook install`: mail-client hooks. */
function addHookCommands(cmd: Command, run: Run): void {
  const hook = cmd.command("hook").description("run or install a mail client's hook").exitOverride();
  common(
    hook
      .command("run")
      .description("judge one mail for a client's validate hook (git: FILE [HEADERS]); exit 0/1/2/3")
      .argument("<client>", "git")
      .argument("<file>", "the mail file")
      .argument("[headers]", "git >= 2.41: the file of SMTP headers")
      .option(
        "--on-warn <what>",
        "send, block or confirm (hold once; run again within the policy's confirm.windowMinutes to send): then exit 0 lets the mail go, else stop",
      )
      .option("--audit-log <file>", AUDIT_LOG),
  ).action(async (client, file, headers, options) => {
    run.result = await judgeForHook(client, file, headers, options, run.host);
  });
  hook
    .command("install")
    .description(
      "write git's sendemail-validate hook, or a sendmail wrapper for neomutt, mutt, msmtp, s-nail, mailx",
    )
    .argument("<client>", "git, neomutt, mutt, msmtp, s-nail or mailx")
    .argument("[sendmail...]", "after --: the real sendmail and its arguments, for wrappers")
    .option("--force", "replace an existing hook or wrapper")
    .option("--path <file>", "write here instead of the default place")
    .option("--on-warn <what>", "send, block or confirm on warnings (default: confirm)")
    .option("--policy <file>", "always use this policy file (default: found as guard finds it)")
    .exitOverride()
    .action((client, sendmail, options) => {
      run.result = installHook(client, sendmail, options, run.host);
    });
}

/** `guard register rotate` and `guard register key rotate` (the name): one command, two places. */
function addRotateCommand(parent: Command, run: Run, hidden = false): void {
  parent
    .command("rotate", { hidden })
    .description("rebuild registers in place with a new key, from the files they were built from")
    .argument("<registers...>", "the register files to rebuild")
    .requiredOption("--key <file>", "the new key file (guard register key --out)")
    .option("--policy <file>", "YAML policy read over the embedded default")
    .exitOverride()
    .action(async (registers, options) => {
      run.result = await rotateRegisters(registers, options, run.host);
    });
}

/** `register key`, `register build` and `register key rotate`: registers of people to recognise (exact data match). */
function addRegisterCommands(cmd: Command, run: Run): void {
  const register = cmd
    .command("register")
    .description("build registers of people guard recognises by keyed hashes")
    .exitOverride();
  const key = register
    .command("key")
    .description(
      "write a new random key for registers (keep it apart from them); `key rotate` re-keys registers",
    )
    .option("--out <file>", "where to write the key (required)")
    .exitOverride()
    .action((options) => {
      run.result =
        options.out === undefined
          ? usageError(
              "guard register key needs --out FILE (or: guard register key rotate REGISTER... --key NEW)",
            )
          : makeRegisterKey(options.out, run.host);
    });
  addRotateCommand(key, run);
  register
    .command("build")
    .description("build a register file of keyed hashes from CSV, xlsx, xls or ods files")
    .argument("<files...>", "the register's files (electoral roll, members, volunteers)")
    .requiredOption("--name <name>", "the register's name, shown in findings")
    .option("--fields <list>", "fields to use", "name,postcode,email,phone,elector")
    .requiredOption("--key <file>", "the key file (guard register key)")
    .requiredOption("--out <file>", "the register file to write")
    .option("--policy <file>", "YAML policy read over the embedded default")
    .exitOverride()
    .action(async (files, options) => {
      run.result = await buildRegister(files, options, run.host);
    });
  // The first name this command had; kept working, listed once (under `key`).
  addRotateCommand(register, run, true);
}

function program(run: Run): Command {
  const cmd = new Command("guard")
    .description("Looks inside outbound mail and exported files for personal and special-category data.")
    .version(run.version, "-V, --version")
    .addHelpText("after", EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        run.printed.stdout += text;
      },
      writeErr: (text) => {
        run.printed.stderr += text;
      },
      outputError: () => {},
    });
  addFileCommands(cmd, run);
  addScanCommand(cmd, run);
  addSendmailCommand(cmd, run);
  addConfigCommand(cmd, run);
  addHookCommands(cmd, run);
  addRegisterCommands(cmd, run);
  addSmtpFilterCommand(cmd, run);
  cmd
    .command("page")
    .description("write the offline check page (one HTML file to open in a browser) to standard output")
    .option("--out <file>", "write it to this file instead")
    .exitOverride()
    .action((options) => {
      run.result = writePage(options, run.host);
    });
  return cmd;
}

/** What commander printed (help, version), before what the command said. */
const withPrinted = (run: Run, result: CommandOutput): CommandOutput => ({
  exitCode: result.exitCode,
  stdout: run.printed.stdout + result.stdout,
  stderr: run.printed.stderr + result.stderr,
});

/** A command line commander refused, in the words and exit code of the command it was for. */
async function refused(error: CommanderError, argv: string[], run: Run): Promise<CommandOutput> {
  if (error.exitCode === 0) return output(0);
  const message = error.message.replace(/^error: /, "");
  // A mail client reads sysexits, and may still be writing the message into our standard input.
  if (argv[2] === "sendmail") {
    if (!run.host.stdinIsTTY) await run.host.readStdin();
    return failSend(message);
  }
  // `guard hook` without a subcommand has printed its help already; the rest get one line.
  return error.code === "commander.help" ? output(EXIT.error) : usageError(message);
}

/**
 * Runs the CLI on `argv` (as process.argv: node, script, arguments) against a host, and returns
 * what to print and the exit code; it writes nothing itself, so tests call it as a function.
 */
export async function runCli(argv: string[], host: Host, version: string): Promise<CommandOutput> {
  const run: Run = { host, version, printed: { stdout: "", stderr: "" } };
  try {
    await program(run).parseAsync(argv);
    return withPrinted(run, run.result ?? output(0));
  } catch (error) {
    if (error instanceof CommanderError) return withPrinted(run, await refused(error, argv, run));
    return withPrinted(run, usageError(`internal error: ${describeErrno(error)}`));
  }
}
