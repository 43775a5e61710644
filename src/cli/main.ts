import { Command, CommanderError, Option } from "commander";
import { checkCommand } from "./check-command.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { explainCommand } from "./explain-command.js";
import { hookInstallCommand, hookRunCommand } from "./hook-command.js";
import { scanCommand } from "./scan-command.js";
import { failSendmail, sendmailCommand } from "./sendmail-command.js";

declare const GUARD_VERSION: string;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const EXAMPLES = `
Examples:
  guard check draft.eml                      check a draft before sending it
  guard check - < draft.eml --format json    the same from standard input, as JSON
  guard check draft.eml --recipient x@example.org --policy our-policy.yaml
  guard scan exports/ --format sarif         check exported files in CI
  guard sendmail -- /usr/sbin/sendmail -oi -t   as a mail client's sendmail

Exit codes: 0 allow, 1 warn, 2 block, 3 error (unreadable input or wrong options).`;

const SCAN_HELP = `
Reviewed files: list them in .guardignore (.gitignore syntax, any folder under the repository
root), or accept their findings with --write-baseline FILE once and --baseline FILE after.

Exit codes: 0 allow, 1 warn, 2 block, 3 error. A verdict weaker than --fail-on exits 0:
--fail-on block lets warnings pass a CI step; --fail-on never only reports (errors still exit 3).`;

function program(): Command {
  const cmd = new Command("guard")
    .description("Looks inside outbound mail and exported files for personal and special-category data.")
    .version(GUARD_VERSION, "-V, --version")
    .addHelpText("after", EXAMPLES)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  const common = (c: Command): Command =>
    c
      .option("--policy <file>", "YAML policy read over the embedded default")
      .option("--recipient <address>", "an envelope recipient (repeatable)", collect, [])
      .exitOverride();
  common(
    cmd
      .command("check")
      .description("inspect one draft (.eml; - reads standard input) and decide allow / warn / block")
      .argument("<draft>", "the draft message, or - for standard input")
      .addOption(new Option("--format <format>", "report format").choices(["text", "json"]).default("text")),
  ).action(async (draft, options) => {
    process.exitCode = await checkCommand(draft, options);
  });
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
      .addHelpText("after", SCAN_HELP),
  ).action(async (paths, options) => {
    process.exitCode = await scanCommand(paths, options);
  });
  cmd
    .command("explain")
    .description("print each table's column profiles and why each column was or was not tagged")
    .argument("<file>", "a spreadsheet, CSV, archive or draft (- reads standard input)")
    .option("--policy <file>", "YAML policy read over the embedded default")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .exitOverride()
    .action(async (file, options) => {
      process.exitCode = await explainCommand(file, options);
    });
  addMailCommands(cmd, common);
  return cmd;
}

/** `sendmail` (the drop-in wrapper) and `hook run` / `hook install` (mail-client hooks). */
function addMailCommands(cmd: Command, common: (c: Command) => Command): void {
  const auditLog =
    "append the decision to this file (default: $GUARD_AUDIT_LOG, else ~/.local/state/guard/audit.jsonl)";
  common(
    cmd
      .command("sendmail")
      .description("a drop-in sendmail: check the message on standard input, then run the real sendmail")
      .argument("<command...>", "the real sendmail and its arguments, after --")
      .option("--on-warn <what>", "send or block on warnings", "send")
      .option("--audit-log <file>", auditLog)
      .allowUnknownOption(),
  ).action(async (command, options) => {
    process.exitCode = await sendmailCommand(command, options);
  });
  const hook = cmd.command("hook").description("run or install a mail client's hook").exitOverride();
  common(
    hook
      .command("run")
      .description("judge one mail for a client's validate hook (git: FILE [HEADERS]); exit 0/1/2/3")
      .argument("<client>", "git")
      .argument("<file>", "the mail file")
      .argument("[headers]", "git >= 2.41: the file of SMTP headers")
      .option("--audit-log <file>", auditLog),
  ).action(async (client, file, headers, options) => {
    process.exitCode = await hookRunCommand(client, file, headers, options);
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
    .exitOverride()
    .action(async (client, sendmail, options) => {
      process.exitCode = await hookInstallCommand(client, sendmail, options);
    });
}

/** Runs the CLI; only this function decides the exit status. */
export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) {
        process.exitCode = 0;
        return;
      }
      // A mail client reads sysexits, and may still be writing the message into our standard input.
      if (argv[2] === "sendmail") {
        process.exitCode = await failSendmail(error.message.replace(/^error: /, ""));
        return;
      }
      // `guard hook` without a subcommand has printed its help already; the rest get one line.
      if (error.code !== "commander.help")
        process.stderr.write(`guard: ${error.message.replace(/^error: /, "")}\n`);
      process.exitCode = EXIT.error;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`guard: ${error.message}\n`);
      process.exitCode = EXIT.error;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`guard: internal error: ${message.split("\n")[0]}\n`);
    process.exitCode = EXIT.error;
  }
}
