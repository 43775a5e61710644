import type { NumericSeries } from "../model/classified.js";
import type { Ruleset } from "../model/ruleset.js";
import type { RawTable } from "../model/table.js";
import { normaliseHeader } from "../ruleset/normalise-header.js";
import type { HeaderPosition } from "./find-header-row.js";
import { matchHeader } from "./match-header.js";
import { numericSeries } from "./numeric-series.js";

/** Values tested per column: enough for a stable share, few enough to stay fast on wide tables. */
const MAX_VALUES_TESTED = 200;

/** A column as the detectors see it: its header, its sampled cells and the values they test. */
export interface ColumnInput {
  index: number;
  /** The header text, "" for an empty header cell, null in a table without a header row. */
  header: string | null;
  /** Every sampled data cell, trimmed, empty ones included. */
  cells: string[];
  /** The non-empty cells tested, bounded and spread over the column. */
  values: string[];
  /** The header text the detectors read: with a two-row header's group label where that was used. */
  headerRead: string | null;
  /** `headerRead` normalised: the tokens the detectors match. */
  tokens: string[];
  /** The values are a numeric series (row numbers, timestamps, stock IDs), or null. */
  series: NumericSeries | null;
}

/** Cuts a table's sample into columns below its header row, each with the header words to match. */
export function readColumns(
  table: RawTable,
  position: HeaderPosition | null,
  ruleset: Ruleset,
): ColumnInput[] {
  const headerRow = position?.row ?? null;
  const data = table.sample.slice(headerRow === null ? 0 : headerRow + 1);
  const width = Math.max(0, ...table.sample.map((row) => row.length));
  const headers = headerRow === null ? [] : table.sample[headerRow];
  // In a two-row header the group label right above ("Canvass" over "2024") is part of the column's
  // header. Only right above: without merge information, carrying it to the right is a guess.
  const groups = position?.groupRow == null ? [] : table.sample[position.groupRow].map((c) => c.trim());
  return Array.from({ length: width }, (_, index) => {
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
    const withGroup = group !== "" && own !== "" && !ownSaysSomething;
    const headerRead = withGroup ? `${group} ${own}` : header;
    const tokens = withGroup ? normaliseHeader(headerRead ?? "") : ownTokens;
    return { index, header, cells, values, headerRead, tokens, series: numericSeries(values) };
  });
}

/** Takes up to `max` items spread evenly over the list, so a sorted column is sampled fairly. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}
