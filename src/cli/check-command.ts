import { basename } from "node:path";
import { inspectDraft } from "../core.js";
import { loadEngine } from "../node/load-engine.js";
import { readInput } from "../node/read-input.js";
import { describeDraftError } from "../report/describe-draft-error.js";
import { formatJson } from "../report/format-json.js";
import { formatText } from "../report/format-text.js";
import { exitFor, UsageError } from "./exit-codes.js";

/** Options shared by check and scan. */
export interface CommonOptions {
  policy?: string;
  format: string;
  recipient: string[];
}

/** `guard check DRAFT`: prints the report and returns the exit code. */
export async function checkCommand(draftPath: string, options: CommonOptions): Promise<number> {
  if (options.format !== "text" && options.format !== "json")
    throw new UsageError(`--format must be text or json, not ${options.format}`);
  const loaded = await loadEngine(options.policy);
  if (!loaded.ok) throw new UsageError(loaded.message);
  const input = await readInput(draftPath);
  if (!input.ok) throw new UsageError(input.message);
  const result = await inspectDraft(input.bytes, loaded.engine, options.recipient);
  if (!result.ok) throw new UsageError(`cannot read ${draftPath}: ${describeDraftError(result.error)}`);
  const name = draftPath === "-" ? "(standard input)" : basename(draftPath);
  process.stdout.write(
    options.format === "json"
      ? formatJson(result.verdict)
      : formatText(result.verdict, { subject: name, showRecipients: true }),
  );
  return exitFor(result.verdict.action);
}
