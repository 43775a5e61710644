import type {
  Finding,
  FindingColumn,
  HiddenWhere,
  RecipientCounts,
  RuleId,
  TagSource,
} from "../model/finding.js";
import { RULES } from "../model/rule-catalogue.js";
import type { IssueCode, LimitMet, ReadIssue } from "../model/table.js";
import type { Tag } from "../model/tags.js";
import { adviseAudience } from "./advise-audience.js";
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
  UNAVAILABLE: "guard was not given its content (a cloud attachment goes as a link; the file stays online)",
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

/**
 * What some detectors find, where their tag's words would mislead: a polling district is half an
 * electoral roll number, an age no date of birth, a `Title` column only part of a name.
 */
const DETECTOR_TEXT: Record<string, string> = {
  "polling-district": "polling districts",
  age: "ages",
  "age-shape": "ages",
  "date-of-birth": "dates of birth",
  "birth-date-shape": "dates of birth",
  "name-title": "titles (Mr, Mrs)",
  mosaic: "MOSAIC segments",
  "mosaic-type-shape": "MOSAIC segments",
  "mosaic-group-shape": "MOSAIC segments",
  acorn: "ACORN segments",
  "party-membership": "party membership or support",
  "voting-intention": "voting intentions or party support",
  "canvass-codes-shape": "canvass responses",
};

/** Tags as plain words, by the detectors that found them where known: "names, ages and postcodes". */
function tagWords(tags: readonly Tag[], sources?: readonly TagSource[]): string {
  const of = (t: Tag): string[] => {
    const own = (sources ?? [])
      .filter((s) => s.tag === t)
      .map((s) => DETECTOR_TEXT[s.detector] ?? TAG_TEXT[t]);
    return own.length > 0 ? own : [TAG_TEXT[t]];
  };
  const words = [...new Set(tags.flatMap(of))];
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

/** Who the data would go to; a scan has no recipients, its files judged as if sent outside. */
const whom = (r: RecipientCounts): string =>
  r.total > 0 ? plural(r.external, "external recipient") : "anyone outside";

const people = (rows: number): string => plural(rows, "person", "people");

const columnList = (columns: FindingColumn[]): string => list(columns.map((c) => c.label));

/** Says in one sentence what a finding means; the reporters add where and what to do. */
export function describeFinding(f: Finding): string {
  switch (f.rule) {
    case "sensitive-to-external": {
      const { rows, tags, columns, recipients, sources } = f.args;
      const special = tagWords(
        tags.filter((t) => t.startsWith("sensitive.")),
        sources,
      );
      const identity = tagWords(
        tags.filter((t) => t.startsWith("pii.")),
        sources,
      );
      return `Special-category data about ${people(rows)} would go to ${whom(recipients)}: ${special} in column(s) ${columnList(columns)}, beside their ${identity}.`;
    }
    case "personal-data-to-external":
    case "some-personal-data-to-external": {
      const { rows, tags, columns, recipients, sources } = f.args;
      return `Personal data of ${people(rows)} would go to ${whom(recipients)}: ${tagWords(tags, sources)} in column(s) ${columnList(columns)}.`;
    }
    case "personal-data-to-many":
      return `Personal data (${plural(f.args.rows, "row")}) would go to ${plural(f.args.recipients.total, "recipient")}, ${n(f.args.recipients.external)} of them external.`;
    case "personal-data-internal-many":
      return `Personal data (${plural(f.args.rows, "row")}) would go to ${plural(f.args.recipients.total, "recipient")}, all internal.`;
    case "visible-recipients":
      return `${plural(f.args.recipients.visible, "recipient")} can all see each other's addresses in To and Cc, and the mail has attachments.`;
    case "uninspectable-to-external":
    case "uninspectable-internal":
      return `This attachment could not be inspected: ${describeIssue(f.args.issue)}. Unread is not the same as clean.`;
    case "hidden-personal-data":
      return `Personal data is hidden from anyone who opens the file: ${f.args.hidden.map(hiddenText).join("; ")}.`;
    case "denied-domain":
      return `A recipient's domain (${f.args.domain}) is one the policy denies.`;
    case "register-match":
      return `${f.args.estimated ? "About " : ""}${plural(f.args.people, "person", "people")} of the register "${f.args.register}" would go to ${plural(f.args.recipients.external, "external recipient")}.`;
  }
}

const MB = 1024 * 1024;

/** A limit's value in the words of its unit: "100 MB", "20 s". */
function limitValue(limit: LimitMet): string {
  switch (limit.unit) {
    case "bytes":
      return limit.value >= MB ? `${n(Math.round(limit.value / MB))} MB` : plural(limit.value, "byte");
    case "seconds":
      return plural(limit.value, "second");
    case "levels":
      return plural(limit.value, "level");
    case "ratio":
      return `${n(limit.value)}:1`;
    default:
      return plural(limit.value, limit.unit.slice(0, -1));
  }
}

/** Why reading stopped, naming the limit that was met, so a sender knows what to change. */
function limitText(limit: LimitMet): string {
  const bound = `${limit.name}: ${limitValue(limit)}`;
  switch (limit.unit) {
    case "seconds":
      return `reading it took longer than the time limit (${bound})`;
    case "levels":
      return `it is nested too deeply in other containers (${bound})`;
    case "ratio":
      return `it would inflate far beyond its size (${bound})`;
    case "fields":
      return `its rows are wider than a spreadsheet can be (${bound})`;
    case "characters":
      return `a line in it is longer than guard reads in one piece (${bound})`;
    case "pages":
      return `it has more pages than guard reads (${bound})`;
    default:
      return `it is larger than the policy's size limit (${bound})`;
  }
}

/** A short, human description of why something was not read, naming the limit where one was met. */
export const describeIssue = (issue: Pick<ReadIssue, "code" | "limit">): string =>
  issue.limit ? limitText(issue.limit) : ISSUE_TEXT[issue.code];

/** What to do about an unread file depends on why it was not read; encryption is only one cause. */
const ISSUE_ADVICE: Record<IssueCode, string> = {
  ENCRYPTED:
    "guard cannot see inside an encrypted or password-protected file: check it yourself, or share it through an approved system; to have guard check it, attach it without the password and protect the connection instead.",
  CORRUPT: "Open the file, save it again (or export it afresh), and attach the new copy.",
  TOO_LARGE: "Send a smaller extract, or share the file through an approved system.",
  ZIP_BOMB: "Do not send this archive; attach the files it should hold instead.",
  TOO_DEEP: "Attach the inner files directly instead of archives inside archives.",
  DTD_REFUSED:
    "Save the file again from its program (without a DTD), or share it through an approved system.",
  UNSUPPORTED:
    "Check the file yourself for personal data, or save it as a spreadsheet, CSV or Word file, which guard can read.",
  TIMEOUT:
    "Reading it took longer than the policy allows: split it into smaller files, send a smaller extract, or share it through an approved system.",
  UNAVAILABLE:
    "Attach a copy of the file itself instead of a link, so it can be checked, or share it through an approved system.",
};

/** What a report knows of the policy in force, so that advice is true to it. */
export interface AdviceContext {
  /** The rules a justification lifts under the policy in force; absent where unknown (then say nothing). */
  overridable?: readonly RuleId[];
}

/** The rule's own advice: per reason for files that could not be read. */
function ruleAdvice(f: Finding): string {
  if (f.rule === "uninspectable-to-external") return ISSUE_ADVICE[f.args.issue.code];
  // Internal recipients only: the rule's own word first, then what to do about this cause.
  if (f.rule === "uninspectable-internal")
    return `${RULES[f.rule].advice} ${ISSUE_ADVICE[f.args.issue.code]}`;
  return RULES[f.rule].advice;
}

/** Whether a justification lifts a block, as the policy in force says (issue 18: "cannot be overridden" was printed whatever it said). */
function overrideAdvice(f: Finding, overridable: readonly RuleId[] | undefined): string {
  if (overridable === undefined || f.action !== "block") return "";
  return overridable.includes(f.rule)
    ? "This policy lets a sender lift it with a written justification (X-Guard-Override), kept in the audit log."
    : "Under this policy no justification lifts it.";
}

/**
 * The advice for a finding: the rule's (per reason for files that could not be read), then what
 * fits who would get the data (one person, a list, recipients already in Bcc), then what the
 * policy in force says of overriding it, where the report knows the policy.
 */
export function adviceFor(f: Finding, context: AdviceContext = {}): string {
  return [ruleAdvice(f), adviseAudience(f), overrideAdvice(f, context.overridable)]
    .filter((s) => s !== "")
    .join(" ");
}
