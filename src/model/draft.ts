import type { AttachmentSource } from "./attachment.js";
import type { Recipient } from "./verdict.js";

/** An address as found in a header or given on the command line, before it is judged. */
export interface AddressIn {
  address: string;
  field: Recipient["field"];
}

/** One body of a message: its plain-text and HTML forms (both when multipart/alternative). */
export interface BodyText {
  plain?: string;
  html?: string;
}

/** A draft message: who it is from, who it goes to, what it carries. */
export interface Draft {
  from: string | null;
  /** Every address of every From header (postal-mime's `from` keeps only the first). */
  senders: string[];
  subject: string | null;
  recipients: AddressIn[];
  attachments: AttachmentSource[];
  /** Its text parts without a filename, one entry per body (a multipart/alternative is one). */
  bodies: BodyText[];
}

/**
 * Why a draft could not be read at all. TIMEOUT only where a clock was handed in: an attached
 * message whose reading outlasted its draft's time.
 */
export type DraftError = "EMPTY" | "NOT_A_MESSAGE" | "MALFORMED" | "TIMEOUT";
