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

/** The golden ratio's fraction: its multiples fall evenly over [0, 1) in no period. */
const GOLDEN = 0.6180339887498949;

/**
 * At most `n` of `rows`, one from each n-th part of them, at a place within it that varies from
 * part to part (by the golden ratio, the same on every run): a table with a period (a person on two
 * lines, people alternating with notes) is not read on only one kind of line, as every k-th row
 * would be, and a header row (no one) is not always taken.
 */
function spread<T>(rows: readonly T[], n: number): readonly T[] {
  if (rows.length <= n) return rows;
  return Array.from(
    { length: n },
    (_, i) => rows[Math.floor(((i + (((i + 1) * GOLDEN) % 1)) * rows.length) / n)],
  );
}

/**
 * Rows of a large table looked up first, spread over it: where every one of them that holds a key
 * is a register's person, or none is, the table's outcome and its estimate are settled (50 of 50
 * is as plain as 200 of 200), and the other rows are not looked up. A fresh process runs this code
 * cold, so each row looked up costs.
 */
const FIRST_LOOK = 50;

/**
 * The registers whose people a table's rows are: a row is a person of a register when any key it
 * holds is one of the register's, and the table counts when enough rows are (the register's
 * minMatches and minShare). Layout does not matter: headers, column order and name order are not read.
 * Up to LOOKUP_ROWS rows are looked up (FIRST_LOOK first); where the table (`tableRows`) has more,
 * the count is their share of it, marked as estimated. A table looked up whole is counted exactly.
 */
export function matchRows(
  rows: readonly (readonly string[])[],
  registers: readonly LoadedRegister[],
  tableRows = rows.length,
): RegisterMatch[] {
  if (registers.length === 0 || rows.length === 0) return [];
  const total = Math.max(tableRows, rows.length);
  const looked = spread(rows, LOOKUP_ROWS);
  const first = looked.length === total ? looked : spread(looked, FIRST_LOOK);
  const kinds = columnKinds(first);
  const keyed = (some: readonly (readonly string[])[]): Keys[] => some.map((row) => rowKeys(row, kinds));
  const firstKeys = keyed(first);
  let seen = first.length;
  let people = countPeople(firstKeys, registers);
  const withKeys = firstKeys.filter(hasKeys).length;
  if (first !== looked && !people.every((n) => n === 0 || n === withKeys)) {
    seen = looked.length;
    people = countPeople(keyed(looked), registers);
  }
  const matches = counted(people, seen, registers);
  if (seen === total) return matches;
  return matches.map((m) => ({
    ...m,
    people: twoFigures((m.people * total) / seen),
    estimated: true,
  }));
}

/** Whether a row holds any key (a header row holds none: it is no one). */
const hasKeys = (keys: Keys): boolean => keys.strong.length > 0 || keys.names().length > 0;

/** How many of the rows (or lines) are people of each register. */
function countPeople(keyed: Keys[], registers: readonly LoadedRegister[]): number[] {
  return registers.map((register) => keyed.filter((keys) => known(register, keys)).length);
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
  const people = countPeople(
    keyed.map((keys) => ({ strong: keys, names: () => [] })),
    registers,
  );
  return counted(people, keyed.length, registers);
}

/** The registers whose people are enough of `total` rows or lines: their minMatches and minShare. */
function counted(people: number[], total: number, registers: readonly LoadedRegister[]): RegisterMatch[] {
  return registers.flatMap((register, i) =>
    people[i] >= register.minMatches && people[i] >= register.minShare * total
      ? [{ register: register.name, people: people[i] }]
      : [],
  );
}
