import type { RegisterField } from "../model/register.js";
import {
  normaliseElector,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normalisePostcode,
} from "./normalise-fields.js";

/**
 * The keys a person is known by: each strong identifier alone (email, phone, elector number) and
 * the name with the postcode. A name or a postcode alone is never a key: thousands share them.
 */
export function personKeys(person: Partial<Record<RegisterField, string>>): string[] {
  const keys: string[] = [];
  const email = person.email === undefined ? null : normaliseEmail(person.email);
  const phone = person.phone === undefined ? null : normalisePhone(person.phone);
  const elector = person.elector === undefined ? null : normaliseElector(person.elector);
  const name = person.name === undefined ? null : normaliseName(person.name);
  const postcode = person.postcode === undefined ? null : normalisePostcode(person.postcode);
  if (email) keys.push(`email:${email}`);
  if (phone) keys.push(`phone:${phone}`);
  if (elector) keys.push(`elector:${elector}`);
  if (name && postcode) keys.push(`name+postcode:${name}|${postcode}`);
  return keys;
}

/** Cells past this many characters are not read as one value (a paragraph is not a name). */
const MAX_CELL = 120;

/** What a column can hold, as bits: only those readings are tried on its cells. */
const EMAIL = 1;
const PHONE = 2;
const ELECTOR = 4;
const POSTCODE = 8;
const NAME = 16;
const ANY = EMAIL | PHONE | ELECTOR | POSTCODE | NAME;

/** Rows read to learn what each column can hold; a register's people repeat their layout. */
const PROBE_ROWS = 64;

/** The readings one cell gives, as bits. */
function kindsOf(value: string): number {
  return (
    (normaliseEmail(value) ? EMAIL : 0) |
    (normalisePhone(value) ? PHONE : 0) |
    (normaliseElector(value) ? ELECTOR : 0) |
    ((normalisePostcode(value) ?? postcodeIn(value)) ? POSTCODE : 0) |
    (NAME_LIKE.test(value) ? NAME : 0)
  );
}

/**
 * What each column of a table can hold, learnt from its first rows: the rest of its rows are read
 * only for those, which keeps look-ups cheap (a phone check on every cell of 500 rows is not).
 * Columns past the ones seen may hold anything.
 */
export function columnKinds(rows: readonly (readonly string[])[]): (column: number) => number {
  const kinds: number[] = [];
  for (const row of rows.slice(0, PROBE_ROWS))
    for (let c = 0; c < row.length; c++) {
      const value = (row[c] ?? "").trim();
      if (value !== "" && value.length <= MAX_CELL) kinds[c] = (kinds[c] ?? 0) | kindsOf(value);
    }
  return (column) => (column < kinds.length ? (kinds[column] ?? 0) : ANY);
}

/**
 * A row's keys in two parts: `strong`, each cell read as an email, phone or elector number its
 * column can hold (one cell, one key), and `names()`, the names of one cell or of two (forename and
 * surname apart) paired with each postcode in the row. The names are made only when asked and
 * once: most rows of a register's people are told by a strong key, and the names are most of the work.
 */
export function rowKeys(
  cells: readonly string[],
  kindOf: (column: number) => number = () => ANY,
): { strong: string[]; names: () => string[] } {
  const strong = new Set<string>();
  let names: string[] | undefined;
  for (let c = 0; c < cells.length; c++) {
    const kind = kindOf(c);
    if (!(kind & (EMAIL | PHONE | ELECTOR))) continue;
    const value = (cells[c] ?? "").trim();
    if (value === "" || value.length > MAX_CELL) continue;
    const person = {
      email: kind & EMAIL ? value : undefined,
      phone: kind & PHONE ? value : undefined,
      elector: kind & ELECTOR ? value : undefined,
    };
    for (const key of personKeys(person)) strong.add(key);
  }
  return { strong: [...strong], names: () => (names ??= nameKeys(cells, kindOf)) };
}

/** A row's name-with-postcode keys: each name-like cell, and each two adjacent ones, with each postcode. */
function nameKeys(cells: readonly string[], kindOf: (column: number) => number): string[] {
  const postcodes: string[] = [];
  // Name-like values in row order, null where a cell that is not one breaks the adjacency.
  const names: (string | null)[] = [];
  for (let c = 0; c < cells.length; c++) {
    const value = (cells[c] ?? "").trim();
    if (value === "" || value.length > MAX_CELL) continue;
    const kind = kindOf(c);
    if (kind & POSTCODE) {
      const postcode = normalisePostcode(value) ?? postcodeIn(value);
      if (postcode) postcodes.push(postcode);
    }
    names.push(kind & NAME && NAME_LIKE.test(value) ? value : null);
  }
  if (postcodes.length === 0) return [];
  const keys = new Set<string>();
  for (const name of nameCandidates(names))
    for (const postcode of postcodes) keys.add(`name+postcode:${name}|${postcode}`);
  return [...keys];
}

/** A postcode at the end of an address cell (`12 Mill Lane, Crewe CW1 1AA`). */
function postcodeIn(value: string): string | null {
  const match = /([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\s*$/i.exec(value);
  return match ? normalisePostcode(`${match[1]}${match[2]}`) : null;
}

/** A cell that could be a name or part of one: letters only, at most four words. */
const NAME_LIKE = /^[\p{L}'.-]+(?:[ ,]+[\p{L}'.-]+){0,3}$/u;

/** Names a row may hold: each name-like cell, and each two adjacent ones (forename, surname). */
function nameCandidates(values: (string | null)[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) continue;
    const alone = normaliseName(value);
    if (alone) names.add(alone);
    const next = values[i + 1];
    if (next !== undefined && next !== null) {
      const pair = normaliseName(`${value} ${next}`);
      if (pair) names.add(pair);
    }
  }
  return names;
}

/**
 * Every key in free text: each line read for addresses, phones and elector numbers, and the
 * capitalised word runs before a postcode on the same line as names.
 */
export function textKeys(line: string): string[] {
  const keys = new Set<string>();
  for (const match of line.matchAll(/[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g))
    for (const key of personKeys({ email: match[0] })) keys.add(key);
  for (const match of line.matchAll(/(?:\+44\s?|0)\d[\d ]{8,12}\d/g))
    for (const key of personKeys({ phone: match[0] })) keys.add(key);
  const postcodes = [...line.matchAll(/\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/g)]
    .map((m) => normalisePostcode(`${m[1]}${m[2]}`))
    .filter((p): p is string => p !== null);
  if (postcodes.length === 0) return [...keys];
  const runs = [...line.matchAll(/\b\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3}/gu)].map((m) => m[0]);
  for (const run of runs) {
    const name = normaliseName(run);
    if (name) for (const postcode of postcodes) keys.add(`name+postcode:${name}|${postcode}`);
  }
  return [...keys];
}
