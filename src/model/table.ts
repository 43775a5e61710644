/** Where a table was found: a sheet, a CSV, or content that a reader of the file would not see. */
export type TableOrigin =
  | "sheet"
  | "csv"
  | "body"
  | "pivot-cache"
  | "comments"
  | "embedded"
  | "chart-cache"
  | "external-link-cache"
  | "defined-names";

/** Visibility of a sheet as the writing program recorded it. */
export type SheetState = "visible" | "hidden" | "veryHidden";

/**
 * A table as a reader hands it over: a bounded sample of its first non-empty rows (enough to find
 * the header and classify columns) and exact counts of all its rows. Cells are strings, "" for empty.
 */
export interface RawTable {
  /** Path inside the attachment, e.g. `Sheet1`, `inner.zip/voters.csv`, `inner.zip/book.xlsx#Voters`. */
  name: string;
  origin: TableOrigin;
  state: SheetState;
  /** The first non-empty rows, at most the reader's sample limit. */
  sample: string[][];
  /** For each sampled row, whether the row is hidden. */
  sampleHidden: boolean[];
  /** Non-empty rows in the whole table, sampled or not. */
  rowCount: number;
  /** Non-empty hidden rows in the whole table. */
  hiddenRowCount: number;
  /** Indexes (0-based) of hidden columns. */
  hiddenColumns: number[];
  /** People the table names, when its reader counted them apart from rows (a line of addresses). */
  people?: number;
  /** Read turned: the file has field names down its first column and one person per column. */
  turned?: boolean;
}

/** A coded reason why something could not be inspected; prose is made in report/. */
export type IssueCode =
  | "ENCRYPTED"
  | "CORRUPT"
  | "TOO_LARGE"
  | "ZIP_BOMB"
  | "TOO_DEEP"
  | "DTD_REFUSED"
  | "UNSUPPORTED"
  | "TIMEOUT"
  /** The host could not hand its bytes over: a cloud attachment's link, an item a mail client withheld. */
  | "UNAVAILABLE";

/** The bound an issue met, so a report can name it: a policy limit or one of the format's own. */
export interface LimitMet {
  /** The policy key (`maxSecondsPerDraft`) or the format's bound (`columns`). */
  name: string;
  value: number;
  unit: "bytes" | "seconds" | "levels" | "rows" | "fields" | "characters" | "ratio" | "pages";
}

/** Something inside an attachment that could not be read. */
export interface ReadIssue {
  code: IssueCode;
  /** Path inside the attachment, "" for the attachment itself. */
  path: string;
  detail?: string;
  /** The limit that stopped the reading, where a limit did. */
  limit?: LimitMet;
}

/** What a reader returns for one file: tables, plus issues for the parts it could not read. */
export interface ReadResult {
  tables: RawTable[];
  issues: ReadIssue[];
}
