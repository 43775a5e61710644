import type { AttachmentStatus, FileType } from "./attachment.js";
import type { ClassifiedTable } from "./classified.js";
import type { Finding } from "./finding.js";
import type { Action } from "./policy.js";
import type { ReadIssue } from "./table.js";

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
  /** Skipped because it holds only images: a scanned PDF. */
  imagesOnly?: boolean;
  /** The decoded bytes' digest, when the platform computes one (for the audit log). */
  sha256?: string;
  tables: ClassifiedTable[];
}

/** A draft's verdict plus what the edges need to know about the draft itself. */
export interface DraftVerdict extends Verdict {
  from: string | null;
  subject: string | null;
}

/** One message of an input that holds several (an mbox, a Drafts folder), judged on its own. */
export interface MessageVerdict {
  /** 1-based position in the input. */
  index: number;
  verdict: DraftVerdict;
}

/** The outcome for one draft or one scanned file. */
export interface Verdict {
  /** The strongest action among the findings still standing (JSON: "verdict", as the contract fixes). */
  action: Action;
  findings: Finding[];
  recipients: Recipient[];
  attachments: InspectedAttachment[];
  /** A draft sent to no one yet, judged as if it went to one external recipient. */
  noRecipients?: true;
}
