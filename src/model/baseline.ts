/** One accepted finding in a baseline file; everything but the fingerprint is for the reviewer's eyes. */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  table?: string;
}

/** A baseline: the findings a team reviewed and accepted, keyed by fingerprint. */
export interface Baseline {
  version: 1;
  accepted: BaselineEntry[];
}
