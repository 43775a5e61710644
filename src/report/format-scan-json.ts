import type { Finding } from "../model/finding.js";
import type { ScanResult } from "../model/scan.js";
import type { Verdict } from "../model/verdict.js";
import { strongest } from "../policy/decide.js";
import { toJsonDocument } from "./format-json.js";

/** All files of a scan as one verdict, the shape the contract's JSON describes. */
export function mergeScan(scan: ScanResult): Verdict {
  return {
    action: strongest(scan.files.map((f) => f.verdict.action)),
    findings: scan.files.flatMap((f) => f.verdict.findings),
    recipients: [],
    attachments: scan.files.flatMap((f) => f.verdict.attachments),
  };
}

const where = (f: Finding) => ({
  rule: f.rule,
  action: f.action,
  ...(f.where !== null ? { attachment: f.where.attachment } : {}),
  ...(f.where?.table !== undefined ? { table: f.where.table } : {}),
});

/**
 * The contract's JSON document for a scan, with fields added: each finding's `fingerprint` (what a
 * baseline accepts), `files` (one verdict per file) and `suppressed` (findings the baseline accepted).
 */
export function formatScanJson(scan: ScanResult): string {
  const doc = toJsonDocument(mergeScan(scan));
  const fingerprints = scan.files.flatMap((f) => f.findings.map((x) => x.fingerprint));
  const findings = (doc.findings as Record<string, unknown>[]).map((f, i) => ({
    ...f,
    fingerprint: fingerprints[i],
  }));
  return `${JSON.stringify(
    {
      ...doc,
      findings,
      files: scan.files.map((f) => ({ path: f.path, uri: f.uri, verdict: f.verdict.action })),
      suppressed: scan.files.flatMap((f) =>
        f.suppressed.map((s) => ({ ...where(s.finding), fingerprint: s.fingerprint })),
      ),
      ignored: scan.ignored,
      ...((scan.leftOut?.vcsIgnored ?? 0) + (scan.leftOut?.notDataLike ?? 0) > 0
        ? { leftOut: scan.leftOut }
        : {}),
    },
    null,
    2,
  )}\n`;
}
