/** The fields a register can be built from. */
export const REGISTER_FIELDS = ["name", "postcode", "email", "phone", "elector"] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** A register as stored: keyed hashes only, and what they were made from. */
export interface RegisterFile {
  format: "guard-register/1";
  name: string;
  fields: RegisterField[];
  /** People (rows) the register was built from. */
  people: number;
  /** The key's fingerprint (a keyed hash of a fixed text): tells a wrong key from a right one. */
  keyCheck: string;
  /** The files it was built from, by absolute path: `guard register rotate` reads them again. */
  sources?: string[];
  /** Sorted 64-bit keyed hashes of every person's keys, as base64 of big-endian bytes. */
  hashes: string;
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
