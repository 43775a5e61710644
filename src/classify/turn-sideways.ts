import type { Ruleset } from "../model/ruleset.js";
import type { RawTable } from "../model/table.js";
import { normaliseHeader } from "../ruleset/normalise-header.js";
import { matchHeader } from "./match-header.js";

/** Excel's widest sheet: a sideways table holds at most this many people. */
const MAX_COLUMNS = 16_384;
/** Kinds of field down column A that make a table sideways: Name, Address and Phone at least. */
const MIN_FIELDS = 3;
/** A sideways table is a record card: more field rows than this is a list, not a card. */
const MAX_FIELDS = 60;

/**
 * A table pasted with "Transpose" (field names down its first column, one person per column), read
 * turned so its rows are people, as every count and rule expects; any other table as it is. Only a
 * table whose every row was sampled can be turned (its columns must be whole), which a card of at
 * most MAX_FIELDS rows always is. The first column must name at least three kinds of field (by the
 * detectors' header words), and over twice as many as the first row does, so a contact log whose
 * first column says "Phone" or "Email", or a list of "Member ..." names, stays put.
 */
export function turnSideways(table: RawTable, ruleset: Ruleset): RawTable {
  if (table.origin === "comments" || table.turned) return table;
  const rows = table.sample;
  if (rows.length !== table.rowCount || rows.length < MIN_FIELDS || rows.length > MAX_FIELDS) return table;
  /** The detectors whose header words a cell holds. */
  const detectorsOf = (cell: string | undefined): string[] => {
    const tokens = normaliseHeader((cell ?? "").trim());
    return tokens.length === 0
      ? []
      : ruleset.detectors.filter((d) => matchHeader(d, tokens) !== null).map((d) => d.id);
  };
  // Field names are different fields: "Member Alice Brown" on every row is a value, not a card.
  const down = new Set(rows.flatMap((row) => detectorsOf(row[0]))).size;
  const across = new Set(rows[0].flatMap((cell) => detectorsOf(cell))).size;
  const width = Math.min(MAX_COLUMNS, Math.max(...rows.map((row) => row.length)));
  if (down < MIN_FIELDS || down <= 2 * across || width < 2) return table;
  return turn(table, width);
}

/** The table turned: column c becomes row c, hidden columns hidden rows and hidden rows hidden columns. */
function turn(table: RawTable, width: number): RawTable {
  const hiddenColumns = new Set(table.hiddenColumns);
  const sample: string[][] = [];
  const sampleHidden: boolean[] = [];
  let rowCount = 0;
  let hiddenRowCount = 0;
  for (let c = 0; c < width; c++) {
    const row = table.sample.map((r) => r[c] ?? "");
    if (!row.some((cell) => cell.trim() !== "")) continue;
    const hidden = hiddenColumns.has(c);
    rowCount++;
    if (hidden) hiddenRowCount++;
    sample.push(row);
    sampleHidden.push(hidden);
  }
  return {
    ...table,
    sample,
    sampleHidden,
    rowCount,
    hiddenRowCount,
    hiddenColumns: table.sampleHidden.flatMap((hidden, r) => (hidden ? [r] : [])),
    turned: true,
  };
}
