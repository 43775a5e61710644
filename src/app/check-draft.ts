import { inspectMessages } from "../core.js";
import { strongest } from "../policy/decide.js";
import { describeDraftError } from "../report/describe-draft-error.js";
import { formatJson } from "../report/format-json.js";
import { formatMessagesJson } from "../report/format-messages-json.js";
import { formatMessagesText } from "../report/format-messages-text.js";
import { formatText } from "../report/format-text.js";
import { type CommandOutput, output, usageError } from "./command-output.js";
import { exitFor } from "./exit-codes.js";
import type { Host } from "./host.js";

/** Options shared by check and scan. */
export interface CommonOptions {
  policy?: string;
  format: string;
  recipient: string[];
  /** Text reports: the verdict line alone. */
  quiet?: boolean;
  /** Text reports: each tagged column too, with its evidence and masked samples. */
  verbose?: boolean;
}

/** The last part of a path, as the report names a draft (no node:path in app/). */
export const baseName = (path: string): string => path.replace(/\/+$/, "").replace(/^.*\//, "");

/** `guard check DRAFT`: the report of one draft and the contract's exit code for its verdict. */
export async function checkDraft(
  draftPath: string,
  options: CommonOptions,
  host: Pick<Host, "loadEngine" | "readInput">,
): Promise<CommandOutput> {
  if (options.format !== "text" && options.format !== "json")
    return usageError(`--format must be text or json, not ${options.format}`);
  const loaded = await host.loadEngine(options.policy, draftPath);
  if (!loaded.ok) return usageError(loaded.error);
  const input = await host.readInput(draftPath);
  if (!input.ok) return usageError(input.error);
  const result = await inspectMessages(input.value, loaded.value, options.recipient);
  if (!result.ok) {
    const { index, of } = result.error;
    const which = of > 1 ? `message ${index} of ${of}: ` : "";
    return usageError(`cannot read ${draftPath}: ${which}${describeDraftError(result.error.code)}`);
  }
  const messages = result.value;
  const notes = noticesOf(loaded.value);
  const name = draftPath === "-" ? "(standard input)" : baseName(draftPath);
  // guard check's advice says which blocks a justification lifts under this policy.
  const overridable = loaded.value.policy.override.allowed;
  if (messages.length > 1) {
    const action = strongest(messages.map((m) => m.verdict.action));
    const report =
      options.format === "json"
        ? formatMessagesJson(messages)
        : formatMessagesText(messages, name, overridable);
    return output(exitFor(action), report, notes);
  }
  const verdict = messages[0].verdict;
  const report =
    options.format === "json"
      ? formatJson(verdict)
      : formatText(verdict, {
          subject: name,
          showRecipients: true,
          detail: options.quiet ? "quiet" : options.verbose ? "verbose" : "normal",
          overridable,
        });
  return output(exitFor(verdict.action), report, notes);
}

/** The engine's notices as lines for standard error ("guard: register roll.guardreg not used: ..."). */
export const noticesOf = (engine: { notices?: string[] }): string =>
  (engine.notices ?? []).map((n) => `guard: ${n}\n`).join("");
