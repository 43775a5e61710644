import { columnLabel } from "../classify/column-label.js";
import type { ScanResult } from "../model/scan.js";
import { adviceFor, describeFinding, describeIssue } from "./describe-finding.js";
import { formatCount as n, plural } from "./format-count.js";

/** Options for the scan's text report. */
export interface ScanTextOptions {
  /** ANSI colours (the CLI decides: a terminal, and neither NO_COLOR nor --no-color). */
  color: boolean;
}

const ANSI = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;

/** The scan's closing line: "3 files, 2 blocked, 1 warned, 0 allowed", plus what was set aside. */
export function summaryLine(scan: ScanResult): string {
  const count = (v: string) => scan.files.filter((f) => f.verdict.action === v).length;
  const accepted = scan.files.reduce((sum, f) => sum + f.suppressed.length, 0);
  const extra = [
    accepted > 0 ? `${plural(accepted, "finding")} accepted by the baseline` : "",
    scan.ignored > 0 ? `${plural(scan.ignored, "file")} ignored` : "",
    (scan.leftOut?.vcsIgnored ?? 0) > 0
      ? `${n(scan.leftOut?.vcsIgnored ?? 0)} left out by .gitignore: --no-vcs-ignore reads them`
      : "",
    (scan.leftOut?.notDataLike ?? 0) > 0 ? `${n(scan.leftOut?.notDataLike ?? 0)} not data-like` : "",
  ].filter(Boolean);
  return `${plural(scan.files.length, "file")}, ${n(count("block"))} blocked, ${n(count("warn"))} warned, ${n(count("allow"))} allowed${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`;
}

/**
 * The scan's text report, grouped by file: each file with findings, what they mean and what to do,
 * its tagged columns (samples masked); files with nothing to say are only counted. Ends with
 * the summary line.
 */
export function formatScanText(scan: ScanResult, options: ScanTextOptions): string {
  const paint = (code: number, text: string): string =>
    options.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  const mark = { block: paint(ANSI.red, "x BLOCK"), warn: paint(ANSI.yellow, "! WARN") } as const;
  const out: string[] = [];
  for (const file of scan.files) {
    const attachment = file.verdict.attachments[0];
    const hasIssues = (attachment?.issues.length ?? 0) > 0;
    if (file.findings.length === 0 && !hasIssues) continue;
    const verdict = file.verdict.action;
    const color = verdict === "block" ? ANSI.red : verdict === "warn" ? ANSI.yellow : ANSI.green;
    out.push(`${paint(ANSI.bold, file.path)}: ${paint(color, verdict.toUpperCase())}`);
    for (const { finding: f } of file.findings) {
      // A lone CSV's table is the file itself: naming it again says nothing.
      const lone = attachment?.tables.length === 1 && attachment.tables[0].raw.origin === "csv";
      out.push(`  ${mark[f.action]} ${f.rule}${f.where?.table && !lone ? `  "${f.where.table}"` : ""}`);
      out.push(`    ${describeFinding(f)}`);
      out.push(`    ${paint(ANSI.dim, `What to do: ${adviceFor(f)}`)}`);
    }
    for (const t of attachment?.tables ?? []) {
      const tagged = t.columns.filter((c) => c.tags.length > 0);
      if (tagged.length === 0) continue;
      out.push(`  "${t.raw.name}": ${plural(t.rows, "data row")}`);
      for (const c of tagged) {
        const samples = c.maskedSamples.length > 0 ? `  e.g. ${c.maskedSamples.join(" | ")}` : "";
        out.push(`    ${columnLabel(c)}${c.hidden ? " [hidden]" : ""}: ${c.tags.join(", ")}${samples}`);
      }
    }
    for (const issue of attachment?.issues ?? [])
      out.push(`  ${issue.path || file.path}: not inspected, ${describeIssue(issue)}`);
    out.push("");
  }
  out.push(summaryLine(scan));
  return `${out.join("\n")}\n`;
}
