import type { Finding } from "../model/finding.js";
import { findingColumns } from "./finding-columns.js";

/** A hash of text to a hex digest (SHA-256 in node/); handed in so the core stays free of node:*. */
export type HashText = (text: string) => string;

/**
 * The stable identity of a finding: rule, file path from the root, table (sheet) and the headers of
 * the columns concerned. Never a cell value: values are low-entropy (a surname, a postcode) and a
 * hash of one could be reversed by trying every candidate. The same file re-exported with other
 * rows keeps its fingerprints, which is what a baseline of reviewed files needs.
 */
export function fingerprintFinding(finding: Finding, uri: string, hash: HashText): string {
  const columns = [...(findingColumns(finding) ?? [])].sort();
  const key = JSON.stringify(["guard/v1", finding.rule, uri, finding.where?.table ?? "", columns]);
  return hash(key);
}
