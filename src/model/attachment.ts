import type { RawTable, ReadIssue } from "./table.js";

/** File types told apart by their bytes (see parse/sniff-type.ts). */
export type FileType =
  | "csv"
  | "tsv"
  | "xlsx"
  | "xlsm"
  | "xlsb"
  | "xls"
  | "ods"
  | "zip"
  | "gzip"
  | "tar"
  | "eml"
  /** An Outlook item (.msg): a compound file of MAPI properties. */
  | "msg"
  | "tnef"
  | "encrypted-ooxml"
  | "encrypted"
  | "signature"
  | "cfb"
  | "pdf"
  /** Legacy Word (.doc): a compound file with a WordDocument stream. */
  | "doc"
  | "image"
  | "docx"
  | "html"
  | "spreadsheetml"
  | "fods"
  | "sylk"
  | "odt"
  | "document"
  | "archive"
  | "text"
  /** Fixed-width text (Excel's .prn, a report printed to a file): columns by aligned blanks. */
  | "fixed"
  /** A JSON export: arrays of records. */
  | "json"
  /** vCard contacts (.vcf). */
  | "vcard"
  /** An LDIF address book. */
  | "ldif"
  | "other"
  /** The message's own text (plain or HTML), reported as `(body)`, `(body 2)`, ... */
  | "body";

export type AttachmentStatus = "inspected" | "skipped" | "uninspectable";

/** A file attached to a draft, before reading. */
export interface AttachmentSource {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
  /** A file taken from the body of a patch mail (git format-patch), not a MIME attachment. */
  fromBody?: boolean;
  /**
   * Set (to why, in a few words) when the host has no bytes to give: a cloud attachment that goes
   * as a link, an attached item the mail client would not hand over. It is then UNAVAILABLE.
   */
  unavailable?: string;
}

/** An attachment after reading: its tables and what could not be read. */
export interface ReadAttachment {
  filename: string;
  type: FileType;
  status: AttachmentStatus;
  /** Set when status is uninspectable. */
  reason?: ReadIssue;
  tables: RawTable[];
  /** Members (of a ZIP, an attached message, a workbook) that could not be read. */
  issues: ReadIssue[];
  size: number;
  /** Read from the body of a patch mail rather than attached. */
  fromBody?: boolean;
  /** Skipped because it holds only images: a scanned PDF. */
  imagesOnly?: boolean;
}
