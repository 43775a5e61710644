import type { Tag } from "./tags.js";

/** One way of recognising a column's values, compiled from a detector's `values` entry. */
export interface ValueTest {
  /** Human-readable summary for explain output: `pattern`, `validator:uk-phone`, `dictionary(40)`. */
  label: string;
  test: (value: string) => boolean;
  /** Share of sampled non-empty values that must pass. */
  minShare: number;
  /** When true the test counts only beside a matching header. */
  needsHeader: boolean;
  /** Distinct values needed among 10 or more sampled. */
  minDistinct: number;
}

/** A detector ready to run: header matchers and value tests. */
export interface Detector {
  id: string;
  tag: Tag;
  description: string;
  /** Header phrases as token lists, already normalised. */
  headerPhrases: string[][];
  headerPatterns: RegExp[];
  headerExclude: string[][];
  /** A matching header alone is enough (for data that has no recognisable shape). */
  headerAlone: boolean;
  /** The tag stands only in a table that also has a column identifying people. */
  needsPersonContext: boolean;
  /** The tag stands only in a table that also has special-category data (not a profile). */
  needsSensitiveContext: boolean;
  /** Only for columns without a header. */
  headerless: boolean;
  /** This tag's column identifies people by itself (a name, email, phone...). */
  identifiesPeople: boolean;
  /** Identifies people only in tables that are not lists of organisations or places. */
  weakIdentifier: boolean;
  values: ValueTest[];
}

/** The compiled detectors. */
export interface Ruleset {
  detectors: Detector[];
  /** Normalised header phrases that say a table's rows are organisations or places. */
  organisationHeaders: string[][];
  /** Lower-case words that, in most of a column's values, say its rows are organisations or places. */
  organisationWords: Set<string>;
  /** Normalised header phrases that, over distinct values, say the rows are elected members or candidates. */
  publicOfficeHeaders: string[][];
  /** Whether an email domain is a public mailbox provider's (gmail.com, hotmail.co.uk, ...). */
  isPublicMailDomain: (domain: string) => boolean;
}
