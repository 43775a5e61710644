import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RegisterSpec } from "../model/policy.js";
import type { LoadedRegister } from "../model/register.js";
import type { Digest } from "../register/hash-people.js";
import { hashLookup } from "../register/keyed-hash.js";
import { decodeRegister, KEY_CHECK_TEXT, type RegisterProblem } from "../register/register-file.js";
import { describeErrno } from "./describe-errno.js";
import { sha256 } from "./digest.js";

/** A register key file: 32 random bytes as 64 hex digits (guard register key). */
export function readKey(path: string): Buffer | null {
  try {
    const hex = readFileSync(path, "utf8").trim();
    return /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, "hex") : null;
  } catch {
    return null;
  }
}

/** The key's fingerprint stored in a register (its keyed hash of a fixed text), so a wrong key is told from a right one. */
export const keyCheckOf = (key: Buffer): string =>
  createHmac("sha256", key).update(KEY_CHECK_TEXT).digest().readBigUInt64BE(0).toString(16);

/**
 * node:crypto's HMAC-SHA-256 for look-ups: a check hashes a few thousand keys in a fresh process,
 * where the native code is fast from its first call and the own HMAC would still be interpreted.
 */
const nativeDigest =
  (key: Buffer): Digest =>
  (text) => {
    const digest = createHmac("sha256", key).update(text).digest();
    return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
  };

/** Why a register file cannot be used, in words. */
const PROBLEM: Record<RegisterProblem, string> = {
  NOT_REGISTER: "it is not a guard register file",
  NEWER_FORMAT: "it was written by a newer guard (update guard to read it)",
  DAMAGED: "it is damaged (build it again with guard register build)",
};

/**
 * Loads the policy's registers. One that cannot be used (no file, no key, a key that is not its
 * own) is left out with a notice saying why: without its key a register recognises no one.
 */
export function loadRegisters(
  specs: RegisterSpec[],
  base: string,
): { registers: LoadedRegister[]; notices: string[] } {
  const registers: LoadedRegister[] = [];
  const notices: string[] = [];
  for (const spec of specs) {
    const loaded = loadOne(spec, base);
    if (typeof loaded === "string") notices.push(`register ${spec.path} not used: ${loaded}`);
    else registers.push(loaded);
  }
  return { registers, notices };
}

function loadOne(spec: RegisterSpec, base: string): LoadedRegister | string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(base, spec.path));
  } catch (error) {
    return `cannot read it (${describeErrno(error)})`;
  }
  const file = decodeRegister(bytes, sha256);
  if (!file.ok) return PROBLEM[file.error];
  const key = readKey(resolve(base, spec.key));
  if (key === null) return `its key ${spec.key} cannot be read`;
  if (keyCheckOf(key) !== file.value.header.keyCheck)
    return `the key ${spec.key} is not the one it was built with`;
  return {
    name: file.value.header.name,
    has: hashLookup(nativeDigest(key), file.value.hashes),
    minMatches: spec.minMatches,
    minShare: spec.minShare,
  };
}
