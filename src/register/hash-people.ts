import type { HashedPeople, PeopleBatch, RegisterField } from "../model/register.js";
import { personKeys } from "./identity-keys.js";

/**
 * A keyed digest of a text, of which the first two 32-bit words (big-endian, as HMAC-SHA-256's
 * digest reads) are a register's 64-bit hash: the own HMAC of keyed-hash.ts, or a host's native one.
 */
export type Digest = (text: string) => ArrayLike<number>;

/** Whether this machine keeps numbers little-endian (asked, not assumed: it places a hash's halves). */
export const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Identity keys a person has at most (email, phone, elector number, name with postcode). */
const MAX_KEYS = 4;

/**
 * The keyed hashes of a batch's people, one per identity key, unsorted, each written as two 32-bit
 * halves straight into the 64-bit array (no bigint per hash: a million people give three million).
 */
export function hashPeople(batch: PeopleBatch, digest: Digest): HashedPeople {
  const { fields, cells } = batch;
  const stride = fields.length;
  const values = new BigUint64Array((cells.length / stride) * MAX_KEYS);
  const words = new Uint32Array(values.buffer);
  const [hi, lo] = LITTLE_ENDIAN ? [1, 0] : [0, 1];
  let length = 0;
  let people = 0;
  for (let at = 0; at < cells.length; at += stride) {
    const person: Partial<Record<RegisterField, string>> = {};
    for (let f = 0; f < stride; f++) if (cells[at + f] !== "") person[fields[f]] = cells[at + f];
    const keys = personKeys(person);
    if (keys.length > 0) people++;
    for (const key of keys) {
      const d = digest(key);
      words[2 * length + hi] = d[0];
      words[2 * length + lo] = d[1];
      length++;
    }
  }
  return { values: values.slice(0, length), people };
}

/** People in batches of `size` for hashPeople, their fields in the order of `fields`. */
export function* batchPeople(
  people: Iterable<Partial<Record<RegisterField, string>>>,
  fields: RegisterField[],
  size: number,
): Generator<PeopleBatch> {
  let cells: string[] = [];
  for (const person of people) {
    for (const field of fields) cells.push(person[field] ?? "");
    if (cells.length >= size * fields.length) {
      yield { fields, cells };
      cells = [];
    }
  }
  if (cells.length > 0) yield { fields, cells };
}
