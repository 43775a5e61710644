import type { Action } from "./policy.js";
import type { ReadIssue } from "./table.js";
import type { Tag } from "./tags.js";

/** A column a finding concerns: its position (exact) and how reports name it (header or "column N"). */
export interface FindingColumn {
  index: number;
  label: string;
}

/** Where a finding lies: the attachment (or scanned file) and, inside it, the table. */
export interface FindingWhere {
  attachment: string;
  table?: string;
}

/** Recipient counts when the draft was judged; a scan has none (total 0, judged as if external). */
export interface RecipientCounts {
  total: number;
  external: number;
  visible: number;
}

/** Where hidden personal data was found. */
export type HiddenWhere =
  | { kind: "sheet"; state: "hidden" | "veryHidden" }
  | { kind: "rows"; count: number }
  | { kind: "columns"; headers: (string | null)[] }
  | {
      kind: "pivot-cache" | "comments" | "embedded" | "chart-cache" | "external-link-cache" | "defined-names";
    };

/** Personal data in one table: the people (rows) it concerns, which tags, in which columns. */
export interface TableFacts {
  rows: number;
  tags: Tag[];
  columns: FindingColumn[];
  recipients: RecipientCounts;
  /** Which detector found each tag on those columns: reports name what was found by it (`ages`). */
  sources?: TagSource[];
}

/** A tag with the detector whose evidence gave it. */
export interface TagSource {
  tag: Tag;
  detector: string;
}

/**
 * Each rule's facts: what its report text, JSON fields and fingerprint need, and nothing else.
 * The keys are the rule ids; a rule added here without its entry in rule-catalogue.ts fails tsc.
 */
export interface RuleArgs {
  "sensitive-to-external": TableFacts;
  "personal-data-to-external": TableFacts;
  "some-personal-data-to-external": TableFacts;
  /** rows: personal-data rows of all attachments together. */
  "personal-data-to-many": { rows: number; recipients: RecipientCounts };
  "personal-data-internal-many": { rows: number; recipients: RecipientCounts };
  "visible-recipients": { recipients: RecipientCounts };
  "uninspectable-to-external": { issue: ReadIssue; recipients: RecipientCounts };
  "uninspectable-internal": { issue: ReadIssue; recipients: RecipientCounts };
  "hidden-personal-data": { rows: number; hidden: HiddenWhere[] };
  "denied-domain": { domain: string; recipients: RecipientCounts };
  /** people: rows (or lines of text) that are people of the named register. */
  "register-match": { register: string; people: number; estimated?: boolean; recipients: RecipientCounts };
}

/** A rule's id, e.g. `sensitive-to-external`. */
export type RuleId = keyof RuleArgs;

/** One finding of one rule (publint's `BaseMessage<Code, Args>`): codes and facts, no prose. */
export interface FindingOf<R extends RuleId> {
  rule: R;
  action: Exclude<Action, "allow">;
  /** Null for a finding about the recipients alone (denied-domain). */
  where: FindingWhere | null;
  args: RuleArgs[R];
  /** Set when a sender overrode this finding with a justification. */
  overridden?: boolean;
}

/** One reason to warn or block: a union with one member per rule, told apart by `rule`. */
export type Finding = { [R in RuleId]: FindingOf<R> }[RuleId];
