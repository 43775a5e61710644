import type { ColumnProfile, NumericSeries } from "../model/classified.js";

const NUMBER = /^[-+£$€]?\d[\d,]*(\.\d+)?%?$/;
const DATE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})/;

/** Profiles a column from its sampled data cells (empty cells included, as ""), with its series if any. */
export function profileColumn(cells: string[], series: NumericSeries | null = null): ColumnProfile {
  const counts = { number: 0, date: 0, text: 0 };
  const distinct = new Set<string>();
  let nonEmpty = 0;
  for (const cell of cells) {
    if (cell === "") continue;
    nonEmpty++;
    if (distinct.size < 10_000) distinct.add(cell);
    if (NUMBER.test(cell)) counts.number++;
    else if (DATE.test(cell)) counts.date++;
    else counts.text++;
  }
  let kind: ColumnProfile["kind"] = nonEmpty === 0 ? "empty" : "mixed";
  for (const k of ["number", "date", "text"] as const)
    if (nonEmpty > 0 && counts[k] >= 0.8 * nonEmpty) kind = k;
  return {
    kind,
    nonEmpty,
    emptyShare: cells.length === 0 ? 1 : Math.round(((cells.length - nonEmpty) / cells.length) * 100) / 100,
    distinct: distinct.size,
    ...(series === null ? {} : { series }),
  };
}
