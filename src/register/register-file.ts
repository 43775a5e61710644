import type { RegisterField, RegisterFile } from "../model/register.js";
import { personKeys } from "./identity-keys.js";

/** The text whose keyed hash is stored as the key's fingerprint. */
export const KEY_CHECK_TEXT = "guard-register-key-check";

/** Sorted, de-duplicated 64-bit values as base64 of their big-endian bytes. */
export function encodeHashes(values: BigUint64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setBigUint64(i * 8, values[i], false);
  let out = "";
  // btoa takes a binary string; in slices (a multiple of 3 bytes) so no string grows huge at once.
  for (let at = 0; at < bytes.length; at += 3 * 16_384)
    out += btoa(String.fromCharCode(...bytes.subarray(at, Math.min(bytes.length, at + 3 * 16_384))));
  return out;
}

/**
 * The values of encodeHashes from its decoded bytes as their high and low 32-bit halves (no
 * bigint per value: a 100,000-person register holds ~300,000), or null unless whole 64-bit values
 * in strictly rising order.
 */
export function decodeHashes(bytes: Uint8Array): { high: Uint32Array; low: Uint32Array } | null {
  if (bytes.length % 8 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length / 8;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    high[i] = view.getUint32(i * 8, false);
    low[i] = view.getUint32(i * 8 + 4, false);
    if (i > 0 && (high[i] < high[i - 1] || (high[i] === high[i - 1] && low[i] <= low[i - 1]))) return null;
  }
  return { high, low };
}

/**
 * A register file from people's fields: only keyed hashes of their identity keys are kept, sorted
 * for binary search. Nothing in it lets someone without the key test a guess.
 */
export function buildRegisterFile(
  people: Iterable<Partial<Record<RegisterField, string>>>,
  info: { name: string; fields: RegisterField[]; keyCheck: string; sources?: string[] },
  hash: (key: string) => bigint,
): RegisterFile {
  // A typed array that doubles, not a Set of bigints: a million people hold three million keys,
  // and a Set of them is mostly garbage-collector work.
  let values = new BigUint64Array(1 << 16);
  let length = 0;
  let count = 0;
  for (const person of people) {
    const keys = personKeys(person);
    if (keys.length > 0) count++;
    for (const key of keys) {
      if (length === values.length) {
        const grown = new BigUint64Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[length++] = hash(key);
    }
  }
  return {
    format: "guard-register/1",
    ...info,
    people: count,
    hashes: encodeHashes(sortedUnique(values.subarray(0, length))),
  };
}

/** The values sorted, each once. */
function sortedUnique(values: BigUint64Array): BigUint64Array {
  values.sort();
  let kept = 0;
  for (let i = 0; i < values.length; i++)
    if (i === 0 || values[i] !== values[kept - 1]) values[kept++] = values[i];
  return values.subarray(0, kept);
}
