import type { RuleId } from "../model/finding.js";
import type { MessageVerdict } from "../model/verdict.js";
import { strongest } from "../policy/decide.js";
import { formatCount as n } from "./format-count.js";
import { formatText } from "./format-text.js";
import { formatVerdictLine } from "./format-verdict-line.js";

/** Names a message by its place, subject and sender, for the line that gives its verdict. */
function describeMessage(m: MessageVerdict, total: number): string {
  const about = [
    m.verdict.subject ? `"${m.verdict.subject}"` : "no subject",
    m.verdict.from ? `from ${m.verdict.from}` : undefined,
  ].filter(Boolean);
  return `Message ${n(m.index)} of ${n(total)} (${about.join(", ")})`;
}

/**
 * The text report for an input holding several messages: the strongest verdict first, then each
 * message with its own verdict line and its report as `guard check` gives it for one message.
 */
export function formatMessagesText(
  messages: readonly MessageVerdict[],
  subject: string,
  overridable?: readonly RuleId[],
): string {
  const action = strongest(messages.map((m) => m.verdict.action));
  const attachments = messages.flatMap((m) => m.verdict.attachments);
  const counts = (["block", "warn", "allow"] as const)
    .map((a) => [a, messages.filter((m) => m.verdict.action === a).length] as const)
    .filter(([, count]) => count > 0)
    .map(([a, count]) => `${n(count)} ${a}`);
  const out = [
    `guard ${subject}: ${formatVerdictLine(action, attachments)}`,
    `  ${n(messages.length)} messages, each judged on its own: ${counts.join(", ")}`,
  ];
  for (const m of messages) {
    // The single-message report without its own first line, indented under this message's.
    const [, ...rest] = formatText(m.verdict, { subject, showRecipients: true, overridable })
      .trimEnd()
      .split("\n");
    out.push(
      "",
      `  ${describeMessage(m, messages.length)}: ${formatVerdictLine(m.verdict.action, m.verdict.attachments)}`,
    );
    out.push(...rest.map((line) => (line === "" ? line : `  ${line}`)));
  }
  return `${out.join("\n")}\n`;
}
