import type { TableExplanation } from "../classify/explain-table.js";
import type { ReadAttachment } from "../model/attachment.js";
import { describeIssue } from "./describe-finding.js";

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** The text of `guard explain`: each table's column profiles and the evidence for and against tags. */
export function formatExplanation(file: string, read: ReadAttachment, tables: TableExplanation[]): string {
  const out = [
    `${file}: ${read.type}, ${read.status}${read.reason ? ` (${describeIssue(read.reason.code)})` : ""}`,
  ];
  for (const issue of read.issues) out.push(`  ${issue.path}: not inspected, ${describeIssue(issue.code)}`);
  for (const { table, columns } of tables) {
    const raw = table.raw;
    out.push("");
    out.push(
      `  table "${raw.name}" (${raw.origin}${raw.state !== "visible" ? `, ${raw.state}` : ""}): ${table.rows} data rows, ` +
        (table.headerRow === null ? "no header row found" : `header on non-empty row ${table.headerRow + 1}`),
    );
    for (const column of table.columns) {
      const p = column.profile;
      const label = column.header === null ? `column ${column.index + 1}` : `"${column.header}"`;
      out.push(
        `    [${column.index + 1}] ${label}${column.hidden ? " (hidden)" : ""}: ${p.kind}, ${p.nonEmpty} values sampled, ${pct(p.emptyShare)} empty, ${p.distinct} distinct`,
      );
      out.push(`        tags: ${column.tags.length > 0 ? column.tags.join(", ") : "none"}`);
      for (const e of column.evidence) {
        const why = [
          e.headerMatch ? `header matched "${e.headerMatch}"` : "no header match",
          e.valueTest
            ? `${pct(e.valueShare)} of ${e.sampled} values pass ${e.valueTest}`
            : "header alone decides",
        ];
        out.push(`        + ${e.tag} ${pct(e.score)} via ${e.detector}: ${why.join("; ")}`);
      }
      if (column.maskedSamples.length > 0)
        out.push(`        samples (masked): ${column.maskedSamples.join(" | ")}`);
      const tagged = new Set<string>(column.tags);
      for (const o of columns.find((c) => c.index === column.index)?.outcomes ?? []) {
        if (tagged.has(o.tag)) continue;
        const tests = o.tests
          .filter((t) => t.share > 0)
          .map(
            (t) =>
              `${pct(t.share)} pass ${t.label} (needs ${pct(t.minShare)}${t.needsHeader ? " and a header" : ""})`,
          );
        const header = o.headerMatch ? `header matched "${o.headerMatch}"` : "no header match";
        out.push(`        - not ${o.tag} via ${o.detector}: ${[header, ...tests].join("; ")}`);
      }
    }
  }
  return `${out.join("\n")}\n`;
}
