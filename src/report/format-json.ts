import type { Verdict } from "../model/verdict.js";
import { describeFinding } from "./describe-finding.js";

/** The contract's JSON document for one verdict (../shared/CONTRACT.md, "--format json"). */
export function toJsonDocument(verdict: Verdict): Record<string, unknown> {
  return {
    verdict: verdict.verdict,
    findings: verdict.findings.map((f) => ({
      action: f.action,
      rule: f.rule,
      message: describeFinding(f),
      ...(f.attachment !== undefined ? { attachment: f.attachment } : {}),
      ...(f.table !== undefined ? { table: f.table } : {}),
      ...(f.rows !== undefined ? { rows: f.rows } : {}),
      ...(f.columns !== undefined ? { columns: f.columns } : {}),
      ...(f.issue !== undefined ? { issue: f.issue.code } : {}),
      ...(f.overridden ? { overridden: true } : {}),
    })),
    recipients: verdict.recipients.map((r) => ({ address: r.address, external: r.external, field: r.field })),
    attachments: verdict.attachments.map((a) => ({
      filename: a.filename,
      type: a.type,
      status: a.status,
      ...(a.fromBody ? { fromBody: true } : {}),
      ...(a.reason !== undefined ? { reason: a.reason.code } : {}),
      ...(a.issues.length > 0 ? { issues: a.issues.map((i) => ({ code: i.code, path: i.path })) } : {}),
      tables: a.tables.map((t) => ({
        name: t.raw.name,
        hidden: t.raw.state !== "visible",
        ...(t.raw.state !== "visible" ? { state: t.raw.state } : {}),
        ...(t.raw.origin !== "sheet" && t.raw.origin !== "csv" ? { origin: t.raw.origin } : {}),
        rows: t.rows,
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
