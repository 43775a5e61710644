import type { AttachmentStatus, FileType } from "./attachment.js";
import type { ClassifiedTable } from "./classified.js";
import type { Action, RuleId } from "./policy.js";
import type { ReadIssue } from "./table.js";
import type { Tag } from "./tags.js";

/** A recipient of the draft, deduplicated by address. */
export interface Recipient {
  address: string;
  domain: string;
  /** Where it first appeared. */
  field: "to" | "cc" | "bcc" | "envelope";
  external: boolean;
}

/** An attachment after reading and classification. */
export interface InspectedAttachment {
  filename: string;
  type: FileType;
  status: AttachmentStatus;
  reason?: ReadIssue;
  issues: ReadIssue[];
  size: number;
  /** Read from the body of a patch mail rather than attached. */
  fromBody?: boolean;
  /** The decoded bytes' digest, when the platform computes one (for the audit log). */
  sha256?: string;
  tables: ClassifiedTable[];
}

/** Where hidden personal data was found. */
export type HiddenWhere =
  | { kind: "sheet"; state: "hidden" | "veryHidden" }
  | { kind: "rows"; count: number }
  | { kind: "columns"; headers: (string | null)[] }
  | {
      kind: "pivot-cache" | "comments" | "embedded" | "chart-cache" | "external-link-cache" | "defined-names";
    };

/** One reason to warn or block, with the facts a reporter needs to explain it. Codes, not prose. */
export interface Finding {
  action: Exclude<Action, "allow">;
  rule: RuleId;
  attachment?: string;
  table?: string;
  /** Rows of personal data concerned: in this table, or in all tables for draft-wide rules. */
  rows?: number;
  /** Tags of the columns concerned. */
  tags?: Tag[];
  /** Headers (or 1-based column numbers) of the columns concerned. */
  columns?: string[];
  issue?: ReadIssue;
  hidden?: HiddenWhere[];
  /** Recipients counts, for recipient-based rules. */
  recipients?: { total: number; external: number; visible: number };
  /** Set when a sender overrode this finding with a justification. */
  overridden?: boolean;
}

/** The outcome for one draft or one scanned file. */
export interface Verdict {
  verdict: Action;
  findings: Finding[];
  recipients: Recipient[];
  attachments: InspectedAttachment[];
}
