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

/**
 * Every key a row of any layout could hold: each cell read as each kind, and names made of one
 * cell or of two (forename and surname apart) paired with each postcode in the row.
 */
export function rowKeys(cells: readonly string[]): string[] {
  const values = cells.map((c) => c.trim()).filter((c) => c !== "" && c.length <= MAX_CELL);
  const keys = new Set<string>();
  const postcodes: string[] = [];
  for (const value of values) {
    for (const key of personKeys({ email: value, phone: value, elector: value })) keys.add(key);
    const postcode = normalisePostcode(value) ?? postcodeIn(value);
    if (postcode) postcodes.push(postcode);
  }
  if (postcodes.length === 0) return [...keys];
  for (const name of nameCandidates(values))
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
function nameCandidates(values: string[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    if (!NAME_LIKE.test(values[i])) continue;
    const alone = normaliseName(values[i]);
    if (alone) names.add(alone);
    if (i + 1 < values.length && NAME_LIKE.test(values[i + 1])) {
      const pair = normaliseName(`${values[i]} ${values[i + 1]}`);
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
