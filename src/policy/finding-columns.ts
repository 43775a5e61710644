import type { Finding } from "../model/finding.js";

/**
 * The names a finding is known by in the JSON report's `columns` and in its fingerprint: the
 * labels of its columns, or for `denied-domain` the domain, where version 1 put it and where
 * baselines and JSON readers still expect it. Undefined for a finding about no column.
 */
export function findingColumns(f: Finding): string[] | undefined {
  if (f.rule === "denied-domain") return [f.args.domain];
  return "columns" in f.args ? f.args.columns.map((c) => c.label) : undefined;
}
