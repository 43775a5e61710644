import type { Baseline, BaselineEntry } from "../model/baseline.js";
import { err, ok, type Result } from "../model/result.js";
import type { ScanFinding } from "../model/scan.js";
import type { Verdict } from "../model/verdict.js";
import { strongest } from "./decide.js";

/**
 * Splits a file's findings into those still standing and those the baseline accepted, and judges
 * the file again on what stands, so one reviewed file is let through without loosening any rule.
 */
export function applyBaseline(
  verdict: Verdict,
  findings: ScanFinding[],
  accepted: ReadonlySet<string>,
): { verdict: Verdict; findings: ScanFinding[]; suppressed: ScanFinding[] } {
  const kept = findings.filter((f) => !accepted.has(f.fingerprint));
  const suppressed = findings.filter((f) => accepted.has(f.fingerprint));
  const standing = kept.map((f) => f.finding);
  return {
    verdict: { ...verdict, action: strongest(standing.map((f) => f.action)), findings: standing },
    findings: kept,
    suppressed,
  };
}

/** Reads a baseline file's text; problems come back as values, one line each. */
export function parseBaseline(text: string): Result<Baseline> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return err(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const doc = data as { version?: unknown; accepted?: unknown };
  if (typeof doc !== "object" || doc === null || doc.version !== 1 || !Array.isArray(doc.accepted))
    return err('expected {"version": 1, "accepted": [...]}');
  const accepted: BaselineEntry[] = [];
  for (const [i, entry] of doc.accepted.entries()) {
    const e = entry as Partial<BaselineEntry> | null;
    if (typeof e?.fingerprint !== "string" || !/^[0-9a-f]{16,128}$/.test(e.fingerprint))
      return err(`accepted[${i}] has no valid "fingerprint"`);
    accepted.push({
      fingerprint: e.fingerprint,
      rule: String(e.rule ?? ""),
      path: String(e.path ?? ""),
      ...(typeof e.table === "string" ? { table: e.table } : {}),
    });
  }
  return ok({ version: 1, accepted });
}
