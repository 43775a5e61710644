import type { RawTable } from "../model/table.js";

/** Addresses a row must hold before each counts as a person: two may be one person's home and work. */
const MANY_ADDRESSES = 3;
const EMAIL = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

/**
 * The people a table names: its reader's count when it made one (a list in free text), else its
 * data rows, plus, for each sampled row holding three or more email addresses, each address after
 * the first: a line of 300 addresses copied out of a To field is one row and 300 people. Rows past
 * the sample count one person each, so the count never falls below the rows.
 */
export function countPeople(table: RawTable, headerRow: number | null, rows: number): number {
  if (table.people !== undefined) return table.people;
  let extra = 0;
  for (const row of table.sample.slice(headerRow === null ? 0 : headerRow + 1)) {
    const addresses = new Set<string>();
    for (const cell of row) {
      if (!cell.includes("@")) continue;
      for (const m of cell.matchAll(EMAIL)) addresses.add(m[0].toLowerCase());
    }
    if (addresses.size >= MANY_ADDRESSES) extra += addresses.size - 1;
  }
  return rows + extra;
}
