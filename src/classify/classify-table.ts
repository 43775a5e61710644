import type { ClassifiedColumn, ClassifiedTable, TagEvidence } from "../model/classified.js";
import type { Ruleset } from "../model/ruleset.js";
import type { RawTable } from "../model/table.js";
import { isSensitiveTag, type Tag } from "../model/tags.js";
import { normaliseHeader } from "../ruleset/normalise-header.js";
import { findHeaderRow, groupLabels } from "./find-header-row.js";
import { maskValue } from "./mask-value.js";
import { profileColumn } from "./profile-column.js";
import { scoreColumn } from "./score-column.js";

/** Values tested per column: enough for a stable share, few enough to stay fast on wide tables. */
const MAX_VALUES_TESTED = 400;

/** Tags every column of a table from its header and a bounded sample of its values. */
export function classifyTable(table: RawTable, ruleset: Ruleset): ClassifiedTable {
  const position = findHeaderRow(table.sample, ruleset);
  const headerRow = position?.row ?? null;
  const dataStart = headerRow === null ? 0 : headerRow + 1;
  const data = table.sample.slice(dataStart);
  const width = Math.max(0, ...table.sample.map((row) => row.length));
  const headers = headerRow === null ? [] : table.sample[headerRow];
  // In a two-row header the group label ("Canvass" over "2024") is part of each column's header.
  const groups = position?.groupRow == null ? [] : groupLabels(table.sample[position.groupRow], width);

  const columns = Array.from({ length: width }, (_, index) => {
    const own = (headers[index] ?? "").trim();
    const group = groups[index] ?? "";
    const header = headerRow === null ? null : own || group || null;
    const cells = data.map((row) => (row[index] ?? "").trim());
    const values = spread(
      cells.filter((c) => c !== ""),
      MAX_VALUES_TESTED,
    );
    const tokens = header === null ? [] : normaliseHeader(group && own ? `${group} ${own}` : header);
    const evidence = ruleset.detectors
      .map((detector) => scoreColumn(detector, tokens, values))
      .filter((e): e is TagEvidence => e !== null);
    return { index, header, cells, values, evidence };
  });

  // Addresses and postcodes describe people only beside something that identifies them:
  // a list of public buildings' postcodes is not personal data.
  const identifying = new Set(ruleset.detectors.filter((d) => d.identifiesPeople).map((d) => d.id));
  const contextual = new Set(ruleset.detectors.filter((d) => d.needsPersonContext).map((d) => d.id));
  const aboutPeople = columns.some((c) =>
    c.evidence.some(
      (e) => identifying.has(e.detector) || (isSensitiveTag(e.tag) && e.tag !== "sensitive.profile"),
    ),
  );

  const hiddenColumns = new Set(table.hiddenColumns);
  const classified: ClassifiedColumn[] = columns
    .filter((c) => c.header !== null || c.values.length > 0)
    .map((c) => {
      const evidence = bestPerTag(c.evidence.filter((e) => aboutPeople || !contextual.has(e.detector)));
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
