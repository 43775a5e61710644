import type { HashedPeople, RegisterHashes, RegisterHeader } from "../model/register.js";
import { err, ok, type Result } from "../model/result.js";
import { LITTLE_ENDIAN } from "./hash-people.js";
import { sha256Hex } from "./keyed-hash.js";

/** The text whose keyed hash is stored as the key's fingerprint. */
export const KEY_CHECK_TEXT = "guard-register-key-check";

/** The first line of a register file: its format, version 2 (binary hashes). */
export const REGISTER_FORMAT = "guard-register/2";

/** SHA-256 of some bytes in hex: the host's native one where it has it (a check hashes the whole file). */
export type Sha256 = (bytes: Uint8Array) => string;

/** Why a register file cannot be used. */
export type RegisterProblem = "NOT_REGISTER" | "NEWER_FORMAT" | "DAMAGED";

/** The header and the hash count may take this many bytes at most (the sources' paths are in it). */
const MAX_HEADER = 1 << 20;

/** The hashes of every batch, sorted and each once (a person in two files is one set of keys). */
export function mergeHashes(chunks: HashedPeople[]): { values: BigUint64Array; people: number } {
  const all = new BigUint64Array(chunks.reduce((n, c) => n + c.values.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk.values, at);
    at += chunk.values.length;
  }
  all.sort();
  let kept = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[kept - 1]) all[kept++] = all[i];
  return { values: all.subarray(0, kept), people: chunks.reduce((n, c) => n + c.people, 0) };
}

/**
 * A register file's bytes: the format line, the header as one line of JSON (spaces before its line
 * end put the hashes at a multiple of 8 bytes), then the high halves of the sorted hashes and their
 * low halves, as little-endian 32-bit words: loading is then a view on the file, with no decoding.
 * The same header and hashes always give the same bytes.
 */
export function encodeRegister(header: RegisterHeader, sorted: BigUint64Array): Uint8Array {
  const hashes = new Uint8Array(sorted.length * 8);
  const view = new DataView(hashes.buffer);
  const lowAt = sorted.length * 4;
  for (let i = 0; i < sorted.length; i++) {
    view.setUint32(i * 4, Number(sorted[i] >> 32n), true);
    view.setUint32(lowAt + i * 4, Number(sorted[i] & 0xffffffffn), true);
  }
  const { name, fields, people, keyCheck, sources } = header;
  // The hashes' digest tells a damaged file from a whole one at load, natively and at once.
  const check = { count: sorted.length, sha256: sha256Hex(hashes) };
  const head = new TextEncoder().encode(
    `${REGISTER_FORMAT}\n${JSON.stringify({ name, fields, people, keyCheck, sources, ...check })}`,
  );
  const start = Math.ceil((head.length + 1) / 8) * 8;
  const bytes = new Uint8Array(start + hashes.length);
  bytes.set(head);
  bytes.fill(0x20, head.length, start - 1);
  bytes[start - 1] = 0x0a;
  bytes.set(hashes, start);
  return bytes;
}

/** The header of a register file, read from its first two lines, and where its hashes start. */
function readHeader(
  bytes: Uint8Array,
): Result<{ header: RegisterHeader; count: number; start: number; sha256: string }, RegisterProblem> {
  // Only the header's bytes are decoded: the hashes after it are not text.
  const formatEnd = bytes.subarray(0, 64).indexOf(0x0a);
  const format = new TextDecoder().decode(bytes.subarray(0, Math.max(0, formatEnd)));
  if (!/^guard-register\/\d+$/.test(format)) return err("NOT_REGISTER");
  if (format !== REGISTER_FORMAT) return err("NEWER_FORMAT");
  const end = bytes.subarray(0, MAX_HEADER).indexOf(0x0a, formatEnd + 1);
  if (end < 0) return err("DAMAGED");
  try {
    const json = new TextDecoder().decode(bytes.subarray(formatEnd + 1, end));
    const { count, sha256, ...header } = JSON.parse(json) as RegisterHeader & {
      count: number;
      sha256: string;
    };
    const start = end + 1;
    if (!Number.isSafeInteger(count) || start % 8 !== 0 || bytes.length !== start + count * 8)
      return err("DAMAGED");
    return ok({ header, count, start, sha256 });
  } catch {
    return err("DAMAGED");
  }
}

/** `count` little-endian 32-bit words at `at` as an array: a view where the bytes allow, else a copy. */
function wordsAt(bytes: Uint8Array, at: number, count: number): Uint32Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 4 === 0)
    return new Uint32Array(bytes.buffer, bytes.byteOffset + at, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, count * 4);
  return Uint32Array.from({ length: count }, (_, i) => view.getUint32(i * 4, true));
}

/** Whether the hashes rise strictly (a damaged or hand-made file would make look-ups miss). */
function rising({ high, low }: RegisterHashes): boolean {
  for (let i = 1; i < high.length; i++)
    if (high[i] < high[i - 1] || (high[i] === high[i - 1] && low[i] <= low[i - 1])) return false;
  return true;
}

/**
 * A register file's header and hashes, checked whole by their digest (`sha256`: the host's);
 * a file of the first format (one JSON object, hashes in base64) is read too, checked by their
 * order. The problem names why a file cannot be used.
 */
export function decodeRegister(
  bytes: Uint8Array,
  sha256: Sha256 = sha256Hex,
): Result<{ header: RegisterHeader; hashes: RegisterHashes }, RegisterProblem> {
  if (bytes[0] === 0x7b) return decodeFirstFormat(bytes);
  const read = readHeader(bytes);
  if (!read.ok) return read;
  const { header, count, start } = read.value;
  if (sha256(bytes.subarray(start)) !== read.value.sha256) return err("DAMAGED");
  return ok({
    header,
    hashes: { high: wordsAt(bytes, start, count), low: wordsAt(bytes, start + count * 4, count) },
  });
}

/** A register file's header alone (what rotation reads to rebuild it): its hashes are not checked. */
export function registerHeader(bytes: Uint8Array): Result<RegisterHeader, RegisterProblem> {
  const read = bytes[0] === 0x7b ? decodeFirstFormat(bytes) : readHeader(bytes);
  return read.ok ? ok(read.value.header) : read;
}

/** A guard-register/1 file: one JSON object whose `hashes` are base64 of big-endian 64-bit values. */
function decodeFirstFormat(
  bytes: Uint8Array,
): Result<{ header: RegisterHeader; hashes: RegisterHashes }, RegisterProblem> {
  let file: RegisterHeader & { format?: unknown; hashes?: unknown };
  try {
    file = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return err("NOT_REGISTER");
  }
  if (file?.format !== "guard-register/1" || typeof file.hashes !== "string") return err("NOT_REGISTER");
  const { format: _, hashes: base64, ...header } = file;
  let raw: Uint8Array;
  try {
    raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return err("DAMAGED");
  }
  if (raw.length % 8 !== 0) return err("DAMAGED");
  const view = new DataView(raw.buffer);
  const n = raw.length / 8;
  const hashes = {
    high: Uint32Array.from({ length: n }, (_, i) => view.getUint32(i * 8, false)),
    low: Uint32Array.from({ length: n }, (_, i) => view.getUint32(i * 8 + 4, false)),
  };
  return rising(hashes) ? ok({ header, hashes }) : err("DAMAGED");
}
