import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RegisterSpec } from "../model/policy.js";
import type { LoadedRegister, RegisterFile } from "../model/register.js";
import { decodeHashes, KEY_CHECK_TEXT } from "../register/register-file.js";

/** A register key file: 32 random bytes as 64 hex digits (guard register key). */
export function readKey(path: string): Buffer | null {
  try {
    const hex = readFileSync(path, "utf8").trim();
    return /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, "hex") : null;
  } catch {
    return null;
  }
}

/** The keyed hash of an identity key: HMAC-SHA-256 with the register's key, its first 64 bits. */
export function keyedHash(key: Buffer): (text: string) => bigint {
  return (text) => createHmac("sha256", key).update(text).digest().readBigUInt64BE(0);
}

/** The key's fingerprint stored in a register, so a wrong key is told from a right one. */
export const keyCheckOf = (key: Buffer): string => keyedHash(key)(KEY_CHECK_TEXT).toString(16);

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
  let file: RegisterFile;
  try {
    file = JSON.parse(readFileSync(resolve(base, spec.path), "utf8")) as RegisterFile;
  } catch (error) {
    return `cannot read it (${(error as NodeJS.ErrnoException).code ?? "not a register file"})`;
  }
  if (file.format !== "guard-register/1") return "it is not a guard register file";
  const key = readKey(resolve(base, spec.key));
  if (key === null) return `its key ${spec.key} cannot be read`;
  if (keyCheckOf(key) !== file.keyCheck) return `the key ${spec.key} is not the one it was built with`;
  const hashes = decodeHashes(Buffer.from(String(file.hashes), "base64"));
  if (hashes === null) return "its hashes are damaged";
  return {
    name: file.name,
    hashes,
    hash: keyedHash(key),
    minMatches: spec.minMatches,
    minShare: spec.minShare,
  };
}
