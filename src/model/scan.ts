import type { Finding } from "./finding.js";
import type { Action } from "./policy.js";
import type { Verdict } from "./verdict.js";

/** A finding of a scanned file with its stable fingerprint (see policy/fingerprint-finding.ts). */
export interface ScanFinding {
  finding: Finding;
  fingerprint: string;
}

/** One file of a scan, after the baseline took out the findings a team accepted. */
export interface ScannedFile {
  /** The path as shown to the user: relative to the current directory. */
  path: string;
  /** The path from the root (git top level, or the current directory), with forward slashes. */
  uri: string;
  /** The file's verdict; its findings are those the baseline did not accept. */
  verdict: Verdict;
  /** verdict.findings with their fingerprints, in the same order. */
  findings: ScanFinding[];
  /** Findings the baseline accepted. */
  suppressed: ScanFinding[];
  /** For a CSV file: the 1-based line of each table's header row, by table name. */
  headerLines: Record<string, number>;
}

/** One file to scan. */
export interface ScanTarget {
  /** Absolute path in the work tree. */
  abs: string;
  /** The path as shown to the user: relative to the current directory. */
  path: string;
  /** The path from the root, with forward slashes (SARIF's uri, the fingerprint's path). */
  uri: string;
  /** Set with --staged: the file's path from the top of the work tree, whose staged blob is read. */
  staged?: { top: string; path: string };
}

/** A scanned file's verdict, and for a CSV the line of its header row. */
export interface InspectedFile {
  verdict: Verdict;
  headerLines: Record<string, number>;
}

/** What a scan found in all its files. */
export interface ScanResult {
  /** The strongest action of all files. */
  action: Action;
  files: ScannedFile[];
  /** Files left out by .guardignore or --exclude. */
  ignored: number;
  /** Files in the scanned folders not read: ignored by git (.gitignore), or not data-like by name. */
  leftOut?: LeftOut;
}

/** Files a scan's folders held but it did not read, counted so the summary never hides them. */
export interface LeftOut {
  /** Untracked data-like files git ignores (.gitignore, info/exclude); --no-vcs-ignore reads them. */
  vcsIgnored: number;
  /** Files whose names are not data-like (inside folders; a file named directly is always read). */
  notDataLike: number;
}
