import { columnLabel } from "../classify/column-label.js";
import type { RuleId } from "../model/finding.js";
import type { Verdict } from "../model/verdict.js";
import { adviceFor, describeFinding, describeIssue } from "./describe-finding.js";
import { formatCount as n } from "./format-count.js";
import { formatVerdictLine } from "./format-verdict-line.js";

const MARK = { warn: "!", block: "x" } as const;

/** Options for the text report. */
export interface TextOptions {
  /** What was checked, e.g. the draft's file name. */
  subject: string;
  /** Show recipients (not for scans, which have none). */
  showRecipients: boolean;
  /**
   * How much: `quiet` the verdict line alone; `normal` (the default) findings and what was read;
   * `verbose` also each tagged column with its evidence and masked samples, which is noise to a
   * volunteer and help to whoever tunes a policy.
   */
  detail?: "quiet" | "normal" | "verbose";
  /** The rules a justification lifts under the policy in force: the advice then says which can be. */
  overridable?: readonly RuleId[];
}

/** The text report: verdict first, then each finding with where and what to do, then what was read. */
export function formatText(verdict: Verdict, options: TextOptions): string {
  const out: string[] = [
    `guard ${options.subject}: ${formatVerdictLine(verdict.action, verdict.attachments, verdict.findings.filter((f) => f.overridden).length)}`,
  ];
  if (options.detail === "quiet") return `${out[0]}\n`;
  const verbose = options.detail === "verbose";
  if (options.showRecipients && verdict.noRecipients) {
    out.push("  no recipients yet: judged as if sent outside");
  } else if (options.showRecipients) {
    const external = verdict.recipients.filter((r) => r.external);
    const shown = external.slice(0, 5).map((r) => r.address);
    const more = external.length > shown.length ? ` and ${n(external.length - shown.length)} more` : "";
    out.push(
      `  ${n(verdict.recipients.length)} recipient(s), ${n(external.length)} external${external.length > 0 ? `: ${shown.join(", ")}${more}` : ""}`,
    );
  }
  for (const f of verdict.findings) {
    const { attachment, table } = f.where ?? {};
    const where = [attachment, table && table !== attachment ? `"${table}"` : undefined]
      .filter(Boolean)
      .join(" > ");
    out.push("");
    out.push(
      `  ${MARK[f.action]} ${f.action.toUpperCase()} ${f.rule}${where ? `  (${where})` : ""}${f.overridden ? "  [overridden]" : ""}`,
    );
    out.push(`    ${describeFinding(f)}`);
    out.push(
      `    What to do: ${f.overridden ? "nothing more: overridden on the justification given." : adviceFor(f, { overridable: options.overridable })}`,
    );
  }
  if (verdict.attachments.length > 0) {
    out.push("", "  Attachments:");
    for (const a of verdict.attachments) {
      const why = a.reason ? `: ${describeIssue(a.reason)}` : "";
      out.push(`    ${a.filename} (${a.type}, ${a.status}${why})`);
      for (const t of a.tables) {
        const state =
          t.raw.state !== "visible" ? `, ${t.raw.state === "veryHidden" ? "very hidden" : "hidden"}` : "";
        out.push(
          `      "${t.raw.name}": ${n(t.rows)} data row(s)${t.people !== t.rows ? ` naming ${n(t.people)} people` : ""}${state}${t.headerRow === null ? ", no header row" : ""}`,
        );
        for (const c of verbose ? t.columns.filter((c) => c.tags.length > 0) : []) {
          const label = columnLabel(c);
          const tags = c.evidence.map((e) => `${e.tag} (${Math.round(e.score * 100)}%)`).join(", ");
          const samples = c.maskedSamples.length > 0 ? `  e.g. ${c.maskedSamples.join(" | ")}` : "";
          out.push(`        ${label}${c.hidden ? " [hidden]" : ""}: ${tags}${samples}`);
        }
      }
      for (const issue of a.issues)
        out.push(`      ${issue.path || a.filename}: not inspected, ${describeIssue(issue)}`);
    }
  }
  return `${out.join("\n")}\n`;
}
