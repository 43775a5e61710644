import type { RegisterMatch } from "../model/classified.js";
import type { LoadedRegister } from "../model/register.js";
import { columnKinds, rowKeys, textKeys } from "./identity-keys.js";

/** A row's or a line's keys: the strong ones, and the names with postcodes, made when asked. */
type Keys = { strong: string[]; names: () => string[] };

/** Whether the keys are a person of `register`: the strong keys first, the names only if those do not tell. */
const known = (register: LoadedRegister, keys: Keys): boolean =>
  keys.strong.some((key) => register.has(key)) || keys.names().some((key) => register.has(key));

/** Rows looked up per table at most, spread over it: enough to tell a register's people, and cheap. */
const LOOKUP_ROWS = 200;

/** At most `n` of `rows`, spread evenly from the first to the last. */
function spread<T>(rows: readonly T[], n: number): readonly T[] {
  if (rows.length <= n) return rows;
  return Array.from({ length: n }, (_, i) => rows[Math.floor((i * rows.length) / n)]);
}

/**
 * The registers whose people a table's rows are: a row is a person of a register when any key it
 * holds is one of the register's, and the table counts when enough rows are (the register's
 * minMatches and minShare). Layout does not matter: headers, column order and name order are not read.
 * Up to LOOKUP_ROWS rows are looked up; where the table (`tableRows`) has more, the count is their
 * share of it, marked as estimated.
 */
export function matchRows(
  rows: readonly (readonly string[])[],
  registers: readonly LoadedRegister[],
  tableRows = rows.length,
): RegisterMatch[] {
  if (registers.length === 0 || rows.length === 0) return [];
  const looked = spread(rows, LOOKUP_ROWS);
  const kinds = columnKinds(looked);
  const matches = counted(
    looked.map((row) => rowKeys(row, kinds)),
    looked.length,
    registers,
  );
  const total = Math.max(tableRows, rows.length);
  if (looked.length === total) return matches;
  return matches.map((m) => ({
    ...m,
    people: twoFigures((m.people * total) / looked.length),
    estimated: true,
  }));
}

/** An estimate to two significant figures (2,887 -> 2,900): it says "about", not more than it knows. */
function twoFigures(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** The registers whose people a free text names, a line a person. */
export function matchText(text: string, registers: readonly LoadedRegister[]): RegisterMatch[] {
  if (registers.length === 0) return [];
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  // A line with no key is not a line about a person: the share is of the lines that have one.
  const keyed = lines.map(textKeys).filter((keys) => keys.length > 0);
  return counted(
    keyed.map((keys) => ({ strong: keys, names: () => [] })),
    keyed.length,
    registers,
  );
}

function counted(keyed: Keys[], total: number, registers: readonly LoadedRegister[]): RegisterMatch[] {
  const out: RegisterMatch[] = [];
  for (const register of registers) {
    const people = keyed.filter((keys) => known(register, keys)).length;
    if (people >= register.minMatches && people >= register.minShare * total)
      out.push({ register: register.name, people });
  }
  return out;
}
