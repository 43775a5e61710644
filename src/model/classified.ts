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

/** What a column's sampled values look like, in the spirit of column data profiles. */
export interface ColumnProfile {
  /** The dominant kind of value, or "mixed" when none covers 80% of the values. */
  kind: "empty" | "number" | "date" | "text" | "mixed";
  nonEmpty: number;
  /** Share of sampled data rows where this column is empty. */
  emptyShare: number;
  /** Distinct non-empty values among those sampled. */
  distinct: number;
}

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
  columns: ClassifiedColumn[];
}
