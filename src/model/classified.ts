import type { RawTable } from "./table.js";
import type { Tag } from "./tags.js";

/** Why a column got a tag: which header phrase matched, what share of sampled values passed. */
export interface TagEvidence {
  tag: Tag;
  detector: string;
  /** 0..1: how sure the classifier is. */
  score: number;
  /** The header phrase or pattern that matched, or null. */
  headerMatch: string | null;
  /** The value test that passed, or null when the header alone decided. */
  valueTest: string | null;
  /** Share of sampled non-empty values that passed that test. */
  valueShare: number;
  /** How many non-empty values were sampled. */
  sampled: number;
}

/** How one value test of a detector fared on a column's sampled values. */
export interface TestPass {
  label: string;
  /** Values that passed, out of `sampled`; counted to the end only when explaining. */
  hits: number;
  sampled: number;
  minShare: number;
  needsHeader: boolean;
  /**
   * `passed`; `no-values` (nothing sampled); `needs-header` (no header match, so not run);
   * `too-few-distinct` (one value repeated is not a list of people); `below-share`; `numeric-series`
   * (the column's numbers are a series, not people's numbers, and no header says otherwise).
   */
  outcome: "passed" | "no-values" | "needs-header" | "too-few-distinct" | "below-share" | "numeric-series";
}

/**
 * What became of one detector's evidence on a column: `tagged` (it stands), `no-evidence` (header
 * and values not enough), `headerless` / `header-excluded` (ruled out by the header), a table-context
 * reason (`needs-sensitive-context`, `needs-person-context`, `organisation-list`), or lost to other
 * evidence on the column (`header-preferred`, `weaker-same-tag`).
 */
export type PassOutcome =
  | "tagged"
  | "no-evidence"
  | "headerless"
  | "header-excluded"
  | ContextReason
  | "header-preferred"
  | "weaker-same-tag";

/** Why the table around a column rules its evidence out. */
export type ContextReason =
  | "needs-sensitive-context"
  | "needs-person-context"
  | "organisation-list"
  /** A header alone cannot say what a column is whose values identify people (`Committee member`). */
  | "values-identify-people"
  /** A list of elected members or candidates with their party (public MPs) is public record. */
  | "public-office"
  /** A bare number beside street names without theirs is the house number, not an elector number. */
  | "house-number";

/** One detector's pass over one column, as the classifier decided it (Presidio's decision process). */
export interface DetectorPass {
  detector: string;
  tag: Tag;
  headerMatch: string | null;
  tests: TestPass[];
  /** The evidence the header and values gave, before the table's context was weighed; or null. */
  evidence: TagEvidence | null;
  outcome: PassOutcome;
}

/** What a column's sampled values look like, in the spirit of column data profiles. */
export interface ColumnProfile {
  /** The dominant kind of value, or "mixed" when none covers 80% of the values. */
  kind: "empty" | "number" | "date" | "text" | "mixed";
  nonEmpty: number;
  /** Share of sampled data rows where this column is empty. */
  emptyShare: number;
  /** Distinct non-empty values among those sampled. */
  distinct: number;
  /** Set when the values are a numeric series (see classify/numeric-series.ts). */
  series?: NumericSeries;
}

/** Numbers that count, stamp or measure things rather than reach people. */
export type NumericSeries = "sequence" | "timestamps" | "fixed-id" | "measurements";

/** A column with its tags. Never holds cell values, only masked samples for tagged columns. */
export interface ClassifiedColumn {
  index: number;
  header: string | null;
  hidden: boolean;
  tags: Tag[];
  evidence: TagEvidence[];
  profile: ColumnProfile;
  /** Up to three masked values, for tagged columns only. */
  maskedSamples: string[];
  /** With `{explain: true}` only: the header as read and every detector's pass over the column. */
  explanation?: ColumnExplanation;
}

/** How the classifier read a column: the header tokens it matched and each detector's outcome. */
export interface ColumnExplanation {
  /** The header text the detectors read: a two-row header's group label included where it was used. */
  headerRead: string | null;
  /** That text normalised: the tokens the header phrases were matched against. */
  headerTokens: string[];
  passes: DetectorPass[];
}

/** A table after classification. */
export interface ClassifiedTable {
  raw: Omit<RawTable, "sample" | "sampleHidden">;
  /** Index of the header row within the sample, or null for a headerless table. */
  headerRow: number | null;
  /** Data rows: non-empty rows below the header (all rows when headerless). */
  rows: number;
  /** Data rows that are hidden. */
  hiddenRows: number;
  /** People the rows name: the rows, or more where a row lists many (see classify/count-people.ts). */
  people: number;
  columns: ClassifiedColumn[];
  /** Registers whose people the rows are (policy `registers`), with how many. */
  registers?: RegisterMatch[];
}

/** How many people of one register a table or text holds. */
export interface RegisterMatch {
  register: string;
  people: number;
  /** Counted on the rows looked up and scaled to the table's rows (a large table). */
  estimated?: boolean;
}
