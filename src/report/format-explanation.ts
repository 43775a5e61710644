import type { ReadAttachment } from "../model/attachment.js";
import type { ClassifiedColumn, ClassifiedTable, DetectorPass, PassOutcome } from "../model/classified.js";
import { describeIssue } from "./describe-finding.js";

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Why a detector's evidence did not make a tag, in words, for outcomes other than the numbers. */
const WHY_NOT: Partial<Record<PassOutcome, string>> = {
  headerless: "only for columns without a header",
  "header-excluded": "the header rules it out",
  "needs-sensitive-context": "stands only beside special-category data",
  "needs-person-context": "stands only beside a column that identifies people",
  "organisation-list": "the rows are organisations or places",
  "header-preferred": "another detector's header and values outweigh values alone",
  "values-identify-people": "the values identify people; a header alone does not say more about them",
  "public-office": "the rows are elected members or candidates with their party: public record",
  "house-number": "small numbers beside street names without theirs are house numbers",
};

/** The profile's series, in words: why numbers were not read as phones or elector numbers. */
const SERIES_TEXT = {
  sequence: "a sequence (counting up)",
  timestamps: "Unix timestamps",
  "fixed-id": "fixed-length identifiers with a long common prefix",
  measurements: "decimal measurements",
} as const;

/**
 * The text of `guard explain`: each table's column profiles, the evidence for its tags, and the
 * detectors that came near or were ruled out, from a classification made with `{explain: true}`.
 */
export function formatExplanation(file: string, read: ReadAttachment, tables: ClassifiedTable[]): string {
  const out = [
    `${file}: ${read.type}, ${read.status}${read.reason ? ` (${describeIssue(read.reason)})` : ""}`,
  ];
  for (const issue of read.issues) out.push(`  ${issue.path}: not inspected, ${describeIssue(issue)}`);
  for (const table of tables) {
    const raw = table.raw;
    out.push("");
    out.push(
      `  table "${raw.name}" (${raw.origin}${raw.state !== "visible" ? `, ${raw.state}` : ""}${raw.turned ? ", read turned: one person per column" : ""}): ${table.rows} data rows, ` +
        (table.headerRow === null ? "no header row found" : `header on non-empty row ${table.headerRow + 1}`),
    );
    for (const column of table.columns) out.push(...explainColumn(column));
  }
  return `${out.join("\n")}\n`;
}

function explainColumn(column: ClassifiedColumn): string[] {
  const p = column.profile;
  const label = column.header === null ? `column ${column.index + 1}` : `"${column.header}"`;
  const out = [
    `    [${column.index + 1}] ${label}${column.hidden ? " (hidden)" : ""}: ${p.kind}, ${p.nonEmpty} values sampled, ${pct(p.emptyShare)} empty, ${p.distinct} distinct`,
  ];
  if (p.series !== undefined)
    out.push(
      `        numbers are ${SERIES_TEXT[p.series]}: no phones or elector numbers without a header saying so`,
    );
  const read = column.explanation?.headerRead ?? column.header;
  if (read !== column.header) out.push(`        header read as "${read}" (with the group label above)`);
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
  for (const pass of column.explanation?.passes ?? []) {
    if (tagged.has(pass.tag) || !worthShowing(pass)) continue;
    const tests = pass.tests
      .filter((t) => t.hits > 0)
      .map(
        (t) =>
          `${pct(t.hits / t.sampled)} pass ${t.label} (needs ${pct(t.minShare)}${t.needsHeader ? " and a header" : ""}` +
          `${t.outcome === "too-few-distinct" ? ", and more distinct values" : ""})`,
      );
    const header = pass.headerMatch
      ? [`header matched "${pass.headerMatch}"`]
      : pass.outcome === "header-excluded"
        ? []
        : ["no header match"];
    const why = WHY_NOT[pass.outcome];
    out.push(
      `        - not ${pass.tag} via ${pass.detector}: ${[...header, ...tests, ...(why ? [why] : [])].join("; ")}`,
    );
  }
  return out;
}

/** Near misses worth reading: ruled out for a reason, the header matched, or values came within half the threshold. */
function worthShowing(pass: DetectorPass): boolean {
  if (pass.outcome === "headerless") return false;
  if (pass.outcome !== "no-evidence" || pass.headerMatch !== null) return true;
  return pass.tests.some((t) => !t.needsHeader && t.hits / t.sampled >= t.minShare / 2);
}
