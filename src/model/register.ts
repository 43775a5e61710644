import type { Result } from "./result.js";

/** The fields a register can be built from. */
export const REGISTER_FIELDS = ["name", "postcode", "email", "phone", "elector"] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** What a register file says of itself, besides its hashes (the JSON line at its start). */
export interface RegisterHeader {
  name: string;
  fields: RegisterField[];
  /** People (rows) the register was built from. */
  people: number;
  /** The key's fingerprint (a keyed hash of a fixed text): tells a wrong key from a right one. */
  keyCheck: string;
  /** The files it was built from, by absolute path: `guard register key rotate` reads them again. */
  sources?: string[];
}

/**
 * A register's sorted 64-bit keyed hashes as their high and low 32-bit halves, for binary search
 * without a bigint per hash.
 */
export interface RegisterHashes {
  high: Uint32Array;
  low: Uint32Array;
}

/**
 * People's fields on their way to the hasher: `cells` holds each person's fields in the order of
 * `fields`, "" where a person has none. One array of strings costs little to hand to a worker.
 */
export interface PeopleBatch {
  fields: RegisterField[];
  cells: string[];
}

/** A batch's keyed hashes (unsorted, one per identity key) and how many of its people had a key. */
export interface HashedPeople {
  values: BigUint64Array;
  people: number;
}

/** A register ready for look-ups at check time. */
export interface LoadedRegister {
  name: string;
  /** Whether an identity key is one of the register's people (keyed hash, binary search). */
  has(key: string): boolean;
  /** A table (or text) matches when at least this many people, and this share of its rows, match. */
  minMatches: number;
  minShare: number;
}

/** Hashes people for a register build with one key: in this thread, or on the machine's other cores. */
export interface PeopleHasher {
  /** The key's fingerprint, stored in the register. */
  keyCheck: string;
  /**
   * Takes a batch (hands it to a thread, or hashes it in this one) and resolves once taken, with
   * the batch's keyed hashes to come (or a reason there are none). Awaiting each take lets the
   * threads' answers in between, so the hasher knows which threads are free.
   */
  hash(batch: PeopleBatch): Promise<{ result: Promise<Result<HashedPeople>> }>;
  /** Stops the hasher's threads, if it has any. */
  close(): Promise<void>;
}
