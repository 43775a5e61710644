/** People found in free text: a row per record (a short paragraph or a line) and the people count. */
export interface PeopleList {
  /** A header row (`Name`, `Email`, `Phone`, `Postcode`), then one row per record. */
  rows: string[][];
  /** People the records name: a line of 300 addresses is one record and 300 people. */
  people: number;
}

/**
 * Whether a match is a phone number or a postcode: the validators, handed in by the core (parse
 * knows nothing of validators/), so free text and table columns are judged by the same checks.
 */
export interface IdentifierChecks {
  phone: (value: string) => boolean;
  postcode: (value: string) => boolean;
}

/** People a text must name before it counts as a list: one signature or two is not. */
export const MIN_PEOPLE = 5;
/** A paragraph of at most this many lines can be one person's details (a signature, an address). */
const RECORD_LINES = 8;

const EMAIL = /[a-z0-9._%+'-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/gi;
const POSTCODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/gi;
// A run of digits as people write phone numbers; the phone check decides (Ofcom numbering).
const PHONE = /(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(?0)\d[\d ()-]{7,14}\d/g;
// First run of two to four capitalised words or initials: where a record names its person, if it does.
const NAME =
  /\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr)\.? )?(?:[A-Z][a-z'-]+|[A-Z]\.?)(?: (?:[A-Z][a-z'-]+|[A-Z]\.?)){1,3}\b/;
/** Header lines of a quoted message and reply attributions: its correspondents, not a pasted list. */
const QUOTE_HEADER =
  /^\s*(?:(?:from|to|cc|bcc|sent|date|reply-to|von|an|de|à|para)\s*:|on .{0,200} wrote:\s*$)/i;

interface Found {
  emails: string[];
  phones: string[];
  postcodes: string[];
}

/**
 * Finds a list of people in free text (a pasted list in sentences, a line of addresses copied out
 * of a To field): email addresses, UK phone numbers and UK postcodes, each counted once. A record is
 * a short paragraph (one person's details) or, in a longer one, a line; it names as many people
 * as it holds addresses or postcodes, or phone numbers when it holds three or more (a person has a
 * phone and a mobile). `ignore` holds identifiers not to count (the message's own correspondents,
 * values already read in a table), compared as identifiersIn gives them. Null when fewer than MIN_PEOPLE people are named.
 * `tick` is the draft's clock, asked per record; it throws when time is up.
 */
export function readPeopleList(
  text: string,
  checks: IdentifierChecks,
  ignore: ReadonlySet<string> = new Set(),
  tick: () => void = () => {},
): PeopleList | null {
  const seen = new Set<string>([...ignore].map(key));
  const rows: string[][] = [["Name", "Email", "Phone", "Postcode"]];
  let people = 0;
  for (const record of records(text)) {
    tick();
    const found = findIn(record, seen, checks);
    const phones = found.phones.length >= 3 ? found.phones.length : Math.min(1, found.phones.length);
    const count = Math.max(found.emails.length, found.postcodes.length, phones);
    if (count === 0) continue;
    people += count;
    rows.push([
      NAME.exec(record)?.[0] ?? "",
      found.emails[0] ?? "",
      found.phones[0] ?? "",
      found.postcodes[0] ?? "",
    ]);
  }
  if (people < MIN_PEOPLE) return null;
  // Only the kinds found: an empty `Phone` column would be tagged by its header alone.
  const kept = rows[0].map((_, c) => c).filter((c) => rows.some((row, r) => r > 0 && row[c] !== ""));
  return { rows: rows.map((row) => kept.map((c) => row[c])), people };
}

/** The identifiers a text holds, in lower case and without spaces, for `ignore` and de-duplication. */
export function identifiersIn(text: string, checks: IdentifierChecks): string[] {
  const found = findIn(text, new Set(), checks);
  return [...found.emails, ...found.phones, ...found.postcodes].map(key);
}

const key = (value: string): string => value.toLowerCase().replace(/[\s()-]/g, "");

/**
 * Short paragraphs whole (one person's details); longer or crowded ones line by line and sentence
 * by sentence, so each person in a pasted list is a row. Quote headers and attributions are left out.
 */
function records(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    const lines = paragraph.split("\n").filter((line) => line.trim() !== "" && !QUOTE_HEADER.test(line));
    if (lines.length === 0) continue;
    if (lines.length <= RECORD_LINES && !lines.some(crowded)) out.push(lines.join("\n"));
    else for (const line of lines) out.push(...line.split(/(?<=[a-z0-9][.!?])\s+(?=[A-Z])/));
  }
  return out;
}

/** A line naming more than one person: two addresses or postcodes, or three phone numbers. */
const crowded = (line: string): boolean =>
  (line.match(EMAIL)?.length ?? 0) > 1 ||
  (line.match(POSTCODE)?.length ?? 0) > 1 ||
  (line.match(PHONE)?.length ?? 0) > 2;

/** New identifiers in a record (not in `seen`, which it extends), each kind in order of appearance. */
function findIn(record: string, seen: Set<string>, checks: IdentifierChecks): Found {
  const take = (matches: Iterable<RegExpMatchArray>, valid: (v: string) => boolean): string[] => {
    const out: string[] = [];
    for (const m of matches) {
      const value = m[0].trim();
      const k = key(value);
      if (seen.has(k) || !valid(value)) continue;
      seen.add(k);
      out.push(value);
    }
    return out;
  };
  const emails = take(record.matchAll(EMAIL), () => true);
  // Addresses are taken out first: digits in `j.smith1970@...` are no phone number.
  const rest = record.replace(EMAIL, " ");
  return {
    emails,
    phones: take(rest.matchAll(PHONE), checks.phone),
    postcodes: take(rest.matchAll(POSTCODE), checks.postcode),
  };
}
