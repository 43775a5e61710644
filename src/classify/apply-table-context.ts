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
  /** Some column identifies people. */
  aboutPeople: boolean;
}

/**
 * The classifier's table-level policy: which tags stand beside which. Returns every column's passes,
 * each tagged pass the table rules out given the reason. Addresses and postcodes describe people only
 * beside something that identifies them (a list of public buildings' postcodes is not personal data);
 * phones and emails identify people, but not in a list of organisations with no name column (a
 * switchboard, a role mailbox); some tags stand only beside special-category data.
 */
export function applyTableContext(columns: ContextColumn[], ruleset: Ruleset): DetectorPass[][] {
  const byId = new Map(ruleset.detectors.map((d) => [d.id, d]));
  const detectorOf = (p: DetectorPass): Detector => {
    const d = byId.get(p.detector);
    if (d === undefined) throw new Error(`evidence from unknown detector ${p.detector}`);
    return d;
  };
  const context = readTableContext(columns, detectorOf, ruleset);
  return columns.map((c) =>
    c.passes.map((p) => {
      if (p.outcome !== "tagged") return p;
      const reason = ruleOut(detectorOf(p), context);
      return reason === null ? p : { ...p, outcome: reason };
    }),
  );
}

/** Why the table's context rules out a detector's evidence, or null when it stands. */
function ruleOut(d: Detector, context: TableContext): ContextReason | null {
  if (d.needsSensitiveContext && !context.sensitive) return "needs-sensitive-context";
  if (d.needsPersonContext && !context.aboutPeople) return "needs-person-context";
  if (context.organisations && d.weakIdentifier) return "organisation-list";
  return null;
}

function readTableContext(
  columns: ContextColumn[],
  detectorOf: (p: DetectorPass) => Detector,
  ruleset: Ruleset,
): TableContext {
  const tagged = (c: ContextColumn) => c.passes.filter((p) => p.outcome === "tagged");
  const all = columns.flatMap(tagged);
  const sensitive = all.some((p) => p.tag.startsWith("sensitive.") && p.tag !== "sensitive.profile");
  const inContext = (p: DetectorPass) => !detectorOf(p).needsSensitiveContext || sensitive;
  const named = all.some((p) => p.tag === "pii.name" && inContext(p));
  // Only untagged columns are read for organisation words: "Oak Court" in an address is a street.
  const organisations =
    !named &&
    columns.some((c) => namesOrganisations(c.header, tagged(c).length === 0 ? c.values : [], ruleset));
  const aboutPeople = all.some((p) => {
    const d = detectorOf(p);
    return d.identifiesPeople && inContext(p) && !(organisations && d.weakIdentifier);
  });
  return { sensitive, organisations, aboutPeople };
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
