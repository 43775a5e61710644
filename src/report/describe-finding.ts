import type { IssueCode } from "../model/table.js";
import type { Tag } from "../model/tags.js";
import type { Finding, HiddenWhere } from "../model/verdict.js";
import { formatCount as n, plural } from "./format-count.js";

const ISSUE_TEXT: Record<IssueCode, string> = {
  ENCRYPTED: "it is encrypted or password-protected",
  CORRUPT: "it is damaged or not what its type says",
  TOO_LARGE: "it is larger than the policy's size limit",
  ZIP_BOMB: "it would inflate far beyond its size (a decompression bomb)",
  TOO_DEEP: "it is nested too deeply in other containers",
  DTD_REFUSED: "its XML declares a DTD or entities, which are refused",
  UNSUPPORTED: "its format cannot be read by guard",
  TIMEOUT: "reading it took longer than the time limit",
};

const list = (items: string[]): string => items.map((i) => `"${i}"`).join(", ");

/** What each tag means, in the words a sender would use. */
export const TAG_TEXT: Record<Tag, string> = {
  "pii.name": "names",
  "pii.email": "email addresses",
  "pii.phone": "phone numbers",
  "pii.address": "postal addresses",
  "pii.postcode": "postcodes",
  "pii.date_of_birth": "dates of birth or ages",
  "pii.national_id": "National Insurance numbers",
  "pii.elector_number": "electoral roll numbers",
  "pii.financial": "bank or card details",
  "sensitive.political_opinion": "political opinions (voting intention, party support)",
  "sensitive.profile": "socio-economic profiles (MOSAIC, ACORN)",
  "sensitive.health": "health or disability details",
  "sensitive.ethnicity": "ethnic origin",
  "sensitive.religion": "religious beliefs",
  "sensitive.sexual_orientation": "sexual orientation",
  "sensitive.trade_union": "trade-union membership",
  "sensitive.criminal": "criminal records",
};

/** Tags as plain words: "names, postcodes and phone numbers". */
function tagWords(tags: readonly Tag[]): string {
  const words = [...new Set(tags.map((t) => TAG_TEXT[t]))];
  return words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function hiddenText(h: HiddenWhere): string {
  switch (h.kind) {
    case "sheet":
      return h.state === "veryHidden"
        ? "the sheet is very hidden (not even listed under Unhide)"
        : "the sheet is hidden";
    case "rows":
      return `${plural(h.count, "row")} hidden`;
    case "columns":
      return `hidden columns ${list(h.headers.map((x) => x ?? "(no header)"))}`;
    case "pivot-cache":
      return "it sits in a pivot table's cache, kept after the source was deleted";
    case "comments":
      return "it sits in cell comments";
    case "embedded":
      return "it sits in a workbook embedded in another";
    case "chart-cache":
      return "it sits in a chart's cached data";
    case "external-link-cache":
      return "it sits in a cached copy of another workbook linked from this one";
    case "defined-names":
      return "it sits in the workbook's defined names";
  }
}

/** Says in one sentence what a finding means; the reporters add where and what to do. */
export function describeFinding(f: Finding): string {
  const rows = f.rows ?? 0;
  const external = f.recipients?.external ?? 0;
  // A scan has no recipients: its files are judged as if sent outside.
  const to = (f.recipients?.total ?? 0) > 0 ? plural(external, "external recipient") : "anyone outside";
  switch (f.rule) {
    case "sensitive-to-external": {
      const tags = f.tags ?? [];
      const special = tagWords(tags.filter((t) => t.startsWith("sensitive.")));
      const identity = tagWords(tags.filter((t) => t.startsWith("pii.")));
      return `Special-category data about ${plural(rows, "person", "people")} would go to ${to}: ${special} in column(s) ${list(f.columns ?? [])}, beside their ${identity}.`;
    }
    case "personal-data-to-external":
    case "some-personal-data-to-external":
      return `Personal data of ${plural(rows, "person", "people")} would go to ${to}: ${tagWords(f.tags ?? [])} in column(s) ${list(f.columns ?? [])}.`;
    case "personal-data-to-many":
      return `Personal data (${plural(rows, "row")}) would go to ${plural(f.recipients?.total ?? 0, "recipient")}, ${n(external)} of them external.`;
    case "personal-data-internal-many":
      return `Personal data (${plural(rows, "row")}) would go to ${plural(f.recipients?.total ?? 0, "recipient")}, all internal.`;
    case "visible-recipients":
      return `${plural(f.recipients?.visible ?? 0, "recipient")} can all see each other's addresses in To and Cc, and the mail has attachments.`;
    case "uninspectable-to-external":
    case "uninspectable-internal":
      return `This attachment could not be inspected: ${f.issue ? ISSUE_TEXT[f.issue.code] : "unknown reason"}. Unread is not the same as clean.`;
    case "hidden-personal-data":
      return `Personal data is hidden from anyone who opens the file: ${(f.hidden ?? []).map(hiddenText).join("; ")}.`;
    case "denied-domain":
      return `A recipient's domain (${(f.columns ?? []).join(", ")}) is one the policy denies.`;
  }
}

/** What the sender could do instead, per rule. */
export const ADVICE: Record<Finding["rule"], string> = {
  "sensitive-to-external":
    "Remove the special-category columns, or send figures aggregated so no one can be identified; this rule cannot be overridden.",
  "personal-data-to-external":
    "Check the recipient really needs these people's details; send only the columns needed, or share through an approved system.",
  "some-personal-data-to-external": "Check the recipient should see these people's details.",
  "personal-data-to-many":
    "Do not send personal data to a mailing list; put recipients in Bcc and remove the attachment.",
  "personal-data-internal-many": "Check every colleague on the list needs this data.",
  "visible-recipients": "Put the recipients in Bcc so they do not see each other's addresses.",
  "uninspectable-to-external":
    "Send the file unencrypted to guard (and encrypt the channel instead), or share it through an approved system.",
  "uninspectable-internal": "Make sure the file holds nothing it should not.",
  "hidden-personal-data":
    "Unhide and review everything in the file, delete what is not meant to go, then attach it again.",
  "denied-domain": "Do not send to this domain; ask your data protection lead.",
};

/** A short, human description of an issue code. */
export const describeIssue = (code: IssueCode): string => ISSUE_TEXT[code];
