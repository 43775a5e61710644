import type { ClassifiedColumn, ClassifiedTable, TagEvidence } from "../model/classified.js";
import type { Ruleset } from "../model/ruleset.js";
import type { RawTable } from "../model/table.js";
import type { Tag } from "../model/tags.js";
import { containsPhrase, normaliseHeader } from "../ruleset/normalise-header.js";
import { findHeaderRow } from "./find-header-row.js";
import { maskValue } from "./mask-value.js";
import { matchHeader } from "./match-header.js";
import { profileColumn } from "./profile-column.js";
import { scoreColumn } from "./score-column.js";

/** Values tested per column: enough for a stable share, few enough to stay fast on wide tables. */
const MAX_VALUES_TESTED = 200;

/** Tags every column of a table from its header and a bounded sample of its values. */
export function classifyTable(table: RawTable, ruleset: Ruleset): ClassifiedTable {
  // Comments are `[cell, text]` rows: no header to find, and a first comment is not one.
  const position = table.origin === "comments" ? null : findHeaderRow(table.sample, ruleset);
  const headerRow = position?.row ?? null;
  const dataStart = headerRow === null ? 0 : headerRow + 1;
  const data = table.sample.slice(dataStart);
  const width = Math.max(0, ...table.sample.map((row) => row.length));
  const headers = headerRow === null ? [] : table.sample[headerRow];
  // In a two-row header the group label right above ("Canvass" over "2024") is part of the column's
  // header. Only right above: without merge information, carrying it to the right is a guess.
  const groups = position?.groupRow == null ? [] : table.sample[position.groupRow].map((c) => c.trim());

  const columns = Array.from({ length: width }, (_, index) => {
    const own = (headers[index] ?? "").trim();
    const group = groups[index] ?? "";
    // The contract keeps null for tables without a header row; an empty header cell is "".
    const header = headerRow === null ? null : own || group;
    const cells = data.map((row) => (row[index] ?? "").trim());
    const values = spread(
      cells.filter((c) => c !== ""),
      MAX_VALUES_TESTED,
    );
    const ownTokens = header === null ? [] : normaliseHeader(header);
    const ownSaysSomething = ruleset.detectors.some((d) => matchHeader(d, ownTokens) !== null);
    const tokens = group && own && !ownSaysSomething ? normaliseHeader(`${group} ${own}`) : ownTokens;
    const evidence = ruleset.detectors
      .map((detector) => scoreColumn(detector, tokens, values))
      .filter((e): e is TagEvidence => e !== null);
    return { index, header, cells, values, evidence };
  });

  // Addresses and postcodes describe people only beside something that identifies them: a list of
  // public buildings' postcodes is not personal data. Phones and emails identify people too, but not
  // in a list of organisations with no name column (a switchboard, a role mailbox).
  const byId = new Map(ruleset.detectors.map((d) => [d.id, d]));
  const sensitive = columns.some((c) =>
    c.evidence.some((e) => e.tag.startsWith("sensitive.") && e.tag !== "sensitive.profile"),
  );
  const inContext = (e: TagEvidence): boolean => {
    const d = byId.get(e.detector);
    return d !== undefined && (!d.needsSensitiveContext || sensitive);
  };
  const hasName = columns.some((c) => c.evidence.some((e) => e.tag === "pii.name" && inContext(e)));
  // Only untagged columns are read for organisation words: "Oak Court" in an address is a street.
  const organisations =
    !hasName &&
    columns.some((c) => namesOrganisations(c.header, c.evidence.length === 0 ? c.values : [], ruleset));
  const identifies = (e: TagEvidence): boolean => {
    const d = byId.get(e.detector);
    return d?.identifiesPeople === true && inContext(e) && !(organisations && d.weakIdentifier);
  };
  const aboutPeople = columns.some((c) => c.evidence.some(identifies));
  const keep = (e: TagEvidence): boolean => {
    const d = byId.get(e.detector);
    if (d === undefined || !inContext(e)) return false;
    if (d.needsPersonContext && !aboutPeople) return false;
    return !(organisations && d.weakIdentifier);
  };

  const hiddenColumns = new Set(table.hiddenColumns);
  const classified: ClassifiedColumn[] = columns
    .filter((c) => (c.header ?? "") !== "" || c.values.length > 0)
    .map((c) => {
      const evidence = bestPerTag(preferHeader(c.evidence.filter(keep)));
      const tags = evidence.map((e) => e.tag);
      return {
        index: c.index,
        header: c.header,
        hidden: hiddenColumns.has(c.index),
        tags,
        evidence,
        profile: profileColumn(c.cells),
        maskedSamples:
          tags.length === 0 ? [] : [...new Set(c.values)].slice(0, 3).map((v) => maskValue(v, tags[0])),
      };
    });

  const titleRows = dataStart;
  const hiddenAbove = table.sampleHidden.slice(0, dataStart).filter(Boolean).length;
  const { sample: _s, sampleHidden: _h, ...raw } = table;
  return {
    raw,
    headerRow,
    rows: Math.max(0, table.rowCount - titleRows),
    hiddenRows: Math.max(0, table.hiddenRowCount - hiddenAbove),
    columns: classified,
  };
}

/** The non-empty values of a column below the header that the classifier tests (bounded, spread). */
export function columnValues(table: RawTable, headerRow: number | null, index: number): string[] {
  const data = table.sample.slice(headerRow === null ? 0 : headerRow + 1);
  return spread(
    data.map((row) => (row[index] ?? "").trim()).filter((c) => c !== ""),
    MAX_VALUES_TESTED,
  );
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

/**
 * A header that says what a column is, confirmed by its values, outweighs value evidence alone for
 * another tag: "White British" under `Ethnicity` is not a surname, a locality under `Address 2` not a name.
 */
function preferHeader(evidence: TagEvidence[]): TagEvidence[] {
  if (!evidence.some((e) => e.headerMatch !== null && e.valueTest !== null)) return evidence;
  return evidence.filter((e) => e.headerMatch !== null);
}

function bestPerTag(evidence: TagEvidence[]): TagEvidence[] {
  const best = new Map<Tag, TagEvidence>();
  for (const e of evidence) {
    const current = best.get(e.tag);
    if (current === undefined || e.score > current.score) best.set(e.tag, e);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** Takes up to `max` items spread evenly over the list, so a sorted column is sampled fairly. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}
