import { Command, CommanderError, Option } from "commander";
import { checkCommand } from "./check-command.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { explainCommand } from "./explain-command.js";
import { scanCommand } from "./scan-command.js";

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
      .argument("<paths...>", "files or folders")
      .addOption(
        new Option("--format <format>", "report format").choices(["text", "json", "sarif"]).default("text"),
      ),
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
  return cmd;
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
