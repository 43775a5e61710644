import type { Baseline, BaselineEntry } from "../model/baseline.js";
import type { ScannedFile } from "../model/scan.js";

// Code-unit order, not localeCompare: the file must not depend on the machine's locale.
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The baseline that accepts every finding of a scan (including those already accepted). */
export function baselineOf(files: ScannedFile[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const file of files) {
    for (const { finding, fingerprint } of [...file.findings, ...file.suppressed]) {
      byFingerprint.set(fingerprint, {
        fingerprint,
        rule: finding.rule,
        path: file.uri,
        ...(finding.where?.table !== undefined ? { table: finding.where.table } : {}),
      });
    }
  }
  // Sorted so a re-written baseline diffs cleanly in review.
  const accepted = [...byFingerprint.values()].sort(
    (a, b) => cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint),
  );
  return { version: 1, accepted };
}

/** A baseline as written to disk: two-space JSON ending in a newline. */
export const formatBaseline = (baseline: Baseline): string => `${JSON.stringify(baseline, null, 2)}\n`;
