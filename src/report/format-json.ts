import type { Verdict } from "../model/verdict.js";
import { findingColumns } from "../policy/finding-columns.js";
import { describeFinding } from "./describe-finding.js";

/** The contract's JSON document for one verdict (docs/contract.md, "--format json"). */
export function toJsonDocument(verdict: Verdict): Record<string, unknown> {
  return {
    verdict: verdict.action,
    findings: verdict.findings.map((f) => ({
      action: f.action,
      rule: f.rule,
      message: describeFinding(f),
      ...(f.where !== null ? { attachment: f.where.attachment } : {}),
      ...(f.where?.table !== undefined ? { table: f.where.table } : {}),
      ...("rows" in f.args ? { rows: f.args.rows } : {}),
      ...(findingColumns(f) !== undefined ? { columns: findingColumns(f) } : {}),
      ...("issue" in f.args ? { issue: f.args.issue.code } : {}),
      ...(f.overridden ? { overridden: true } : {}),
    })),
    recipients: verdict.recipients.map((r) => ({ address: r.address, external: r.external, field: r.field })),
    ...(verdict.noRecipients ? { noRecipients: true } : {}),
    attachments: verdict.attachments.map((a) => ({
      filename: a.filename,
      type: a.type,
      status: a.status,
      ...(a.fromBody ? { fromBody: true } : {}),
      // A scanned PDF: skipped because it holds only images.
      ...(a.imagesOnly ? { imagesOnly: true } : {}),
      ...(a.reason !== undefined ? { reason: a.reason.code } : {}),
      ...(a.issues.length > 0 ? { issues: a.issues.map((i) => ({ code: i.code, path: i.path })) } : {}),
      tables: a.tables.map((t) => ({
        name: t.raw.name,
        hidden: t.raw.state !== "visible",
        ...(t.raw.state !== "visible" ? { state: t.raw.state } : {}),
        ...(t.raw.origin !== "sheet" && t.raw.origin !== "csv" ? { origin: t.raw.origin } : {}),
        // Laid out one person per column, read turned: its rows are the columns.
        ...(t.raw.turned ? { turned: true } : {}),
        rows: t.rows,
        // People where they differ from rows: a line of 300 addresses is 1 row and 300 people.
        ...(t.people !== t.rows ? { people: t.people } : {}),
        hiddenRows: t.hiddenRows,
        headerRow: t.headerRow,
        columns: t.columns.map((c) => ({
          index: c.index,
          header: c.header,
          tags: c.tags,
          ...(c.hidden ? { hidden: true } : {}),
          ...(c.evidence.length > 0
            ? {
                confidence: Object.fromEntries(c.evidence.map((e) => [e.tag, e.score])),
                evidence: c.evidence,
                samples: c.maskedSamples,
              }
            : {}),
          profile: c.profile,
        })),
      })),
    })),
  };
}

/** The JSON report as printed: one object, two-space indented, ending in a newline. */
export function formatJson(verdict: Verdict, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...toJsonDocument(verdict), ...extra }, null, 2)}\n`;
}
