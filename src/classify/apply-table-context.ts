import type { ContextReason, DetectorPass } from "../model/classified.js";
import type { Detector, Ruleset } from "../model/ruleset.js";
import { containsPhrase, normaliseHeader } from "../ruleset/normalise-header.js";

/** A column's detector passes with what the table context reads besides them. */
export interface ContextColumn {
  header: string | null;
  values: string[];
  passes: DetectorPass[];
}

/** What a table says about its rows, read from every column's evidence. */
interface TableContext {
  /** Special-category data other than a profile stands beside the columns. */
  sensitive: boolean;
  /** The rows are organisations or places (and nothing names a person). */
  organisations: boolean;
  /** Some column identifies people (or households: an address beside special-category data). */
  aboutPeople: boolean;
  /** The rows are elected members or candidates with their party: public record. */
  publicOffice: boolean;
  /** Per column: its email addresses are mostly people's own mailboxes (gmail.com, hotmail.co.uk). */
  personalMail: boolean[];
  /** Street names stand without their numbers in an address column: a bare number column is theirs. */
  streetsApart: boolean;
}

type DetectorOf = (p: DetectorPass) => Detector;

/**
 * The classifier's table-level policy: which tags stand beside which. Returns every column's passes,
 * each tagged pass the table rules out given the reason. Addresses and postcodes describe people only
 * beside something that identifies them (a list of public buildings' postcodes is not personal data),
 * or, for a house's address, beside special-category data (a walk sheet of addresses with voting
 * intentions identifies households); phones and emails identify people, but not in a list of
 * organisations with no name column (a switchboard, a role mailbox), unless the addresses are
 * people's own mailboxes; some tags stand only beside special-category data; a list of elected
 * members or candidates with their party (one constituency a row) is public record, neither
 * personal data to guard nor anyone's opinion; and a header alone says nothing about a column
 * whose values identify people.
 */
export function applyTableContext(columns: ContextColumn[], ruleset: Ruleset): DetectorPass[][] {
  const byId = new Map(ruleset.detectors.map((d) => [d.id, d]));
  const detectorOf: DetectorOf = (p) => {
    const d = byId.get(p.detector);
    if (d === undefined) throw new Error(`evidence from unknown detector ${p.detector}`);
    return d;
  };
  const context = readTableContext(columns, detectorOf, ruleset);
  return columns.map((c, i) => {
    const identified = c.passes.some(
      (p) => p.outcome === "tagged" && p.evidence?.valueTest != null && detectorOf(p).identifiesPeople,
    );
    return c.passes.map((p) => {
      if (p.outcome !== "tagged") return p;
      const headerAlone =
        p.evidence !== null && p.evidence.valueTest === null && p.evidence.headerMatch !== null;
      if (headerAlone && identified && !detectorOf(p).identifiesPeople)
        return { ...p, outcome: "values-identify-people" as const };
      const houseNumber = context.streetsApart && p.tag === "pii.elector_number" && smallNumbers(c.values);
      const reason = houseNumber ? "house-number" : ruleOut(detectorOf(p), context, context.personalMail[i]);
      return reason === null ? p : { ...p, outcome: reason };
    });
  });
}

/** Why the table's context rules out a detector's evidence, or null when it stands. */
function ruleOut(d: Detector, context: TableContext, personalMail: boolean): ContextReason | null {
  if (context.publicOffice && (d.tag === "sensitive.political_opinion" || d.tag.startsWith("pii.")))
    return "public-office";
  if (d.needsSensitiveContext && !context.sensitive) return "needs-sensitive-context";
  if (d.needsPersonContext && !context.aboutPeople) return "needs-person-context";
  if (context.organisations && d.weakIdentifier && !personalMail) return "organisation-list";
  return null;
}

function readTableContext(columns: ContextColumn[], detectorOf: DetectorOf, ruleset: Ruleset): TableContext {
  const tagged = (c: ContextColumn) => c.passes.filter((p) => p.outcome === "tagged");
  const party = columns.some((c) => tagged(c).some((p) => p.tag === "sensitive.political_opinion"));
  const publicOffice = party && columns.some((c) => namesOffices(c, ruleset));
  const counts = (p: DetectorPass) => !(publicOffice && p.tag === "sensitive.political_opinion");
  const all = columns.flatMap(tagged).filter(counts);
  const sensitive = all.some((p) => p.tag.startsWith("sensitive.") && p.tag !== "sensitive.profile");
  const inContext = (p: DetectorPass) => !detectorOf(p).needsSensitiveContext || sensitive;
  const named = all.some((p) => p.tag === "pii.name" && inContext(p));
  // Only untagged columns are read for organisation words: "Oak Court" in an address is a street.
  const organisations =
    !named &&
    columns.some((c) => namesOrganisations(c.header, tagged(c).length === 0 ? c.values : [], ruleset));
  const personalMail = columns.map(
    (c) => tagged(c).some((p) => p.tag === "pii.email") && ownMailboxes(c.values, ruleset),
  );
  const identifies = columns.some((c, i) =>
    tagged(c).some((p) => {
      const d = detectorOf(p);
      return d.identifiesPeople && inContext(p) && !(organisations && d.weakIdentifier && !personalMail[i]);
    }),
  );
  // A house's address beside special-category data (not a place's: no house number) is a household.
  const special = all.some(
    (p) => p.tag.startsWith("sensitive.") && !detectorOf(p).needsPersonContext && inContext(p),
  );
  const household =
    special && columns.some((c) => tagged(c).some((p) => p.tag === "pii.address") && houseNumbers(c.values));
  const streetsApart = columns.some(
    (c) => tagged(c).some((p) => p.tag === "pii.address") && bareStreets(c.values),
  );
  return {
    sensitive,
    organisations,
    aboutPeople: identifies || household,
    publicOffice,
    personalMail,
    streetsApart,
  };
}

const STREET =
  /\b(road|rd|street|st|lane|avenue|ave|close|drive|way|court|crescent|place|grove|gardens|terrace|hill|park|row|walk|green|view|mews|square|rise|parade|meadows?|fields|croft)$/i;

/** Whether most values are street names with no house number (`Mill Lane`): the number is elsewhere. */
function bareStreets(values: string[]): boolean {
  const bare = values.filter((v) => !/\d/.test(v) && STREET.test(v.trim()));
  return values.length > 0 && bare.length >= 0.6 * values.length;
}

/** Whether nearly all values are house numbers (`12`, `33a`), not roll numbers with a district. */
function smallNumbers(values: string[]): boolean {
  const small = values.filter((v) => /^\d{1,3}[a-z]?$/i.test(v.trim()));
  return values.length > 0 && small.length >= 0.9 * values.length;
}

/** Whether most values start with a house or flat number (`12 Mill Lane`, `Flat 3`, `12a`). */
function houseNumbers(values: string[]): boolean {
  const numbered = values.filter((v) => /^(flat|apartment|apt|unit)?\s*\d{1,4}[a-z]?\b/i.test(v));
  return values.length > 0 && numbered.length >= 0.5 * values.length;
}

/** Whether most addresses are at public mailbox providers: a person's own, not an organisation's. */
function ownMailboxes(values: string[], ruleset: Ruleset): boolean {
  const own = values.filter((v) => {
    const at = v.lastIndexOf("@");
    return at > 0 && ruleset.isPublicMailDomain(v.slice(at + 1).trim());
  });
  return own.length > 0 && own.length >= 0.5 * values.length;
}

/** Whether a column names an office (`Constituency`, `Councillor`) with a different value on nearly every row. */
function namesOffices(c: ContextColumn, ruleset: Ruleset): boolean {
  if (c.header === null || c.values.length < 3) return false;
  const tokens = normaliseHeader(c.header);
  if (!ruleset.publicOfficeHeaders.some((phrase) => containsPhrase(tokens, phrase))) return false;
  return new Set(c.values.map((v) => v.toLowerCase())).size >= 0.8 * c.values.length;
}

/** Whether a column's header or most of its values say the rows are organisations or places. */
function namesOrganisations(header: string | null, values: string[], ruleset: Ruleset): boolean {
  if (header !== null) {
    const tokens = normaliseHeader(header);
    if (ruleset.organisationHeaders.some((phrase) => containsPhrase(tokens, phrase))) return true;
  }
  if (values.length === 0) return false;
  const hits = values.filter((v) =>
    v
      .toLowerCase()
      .split(/[^a-z']+/)
      .some((w) => ruleset.organisationWords.has(w)),
  );
  return hits.length >= 0.5 * values.length;
}
