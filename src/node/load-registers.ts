import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RegisterSpec } from "../model/policy.js";
import type { LoadedRegister, RegisterFile } from "../model/register.js";
import { hashLookup, keyedHash64 } from "../register/keyed-hash.js";
import { decodeHashes, KEY_CHECK_TEXT } from "../register/register-file.js";
import { describeErrno } from "./describe-errno.js";

/** A register key file: 32 random bytes as 64 hex digits (guard register key). */
export function readKey(path: string): Buffer | null {
  try {
    const hex = readFileSync(path, "utf8").trim();
    return /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, "hex") : null;
  } catch {
    return null;
  }
}

/** The key's fingerprint stored in a register, so a wrong key is told from a right one. */
export const keyCheckOf = (key: Buffer): string => keyedHash64(key)(KEY_CHECK_TEXT).toString(16);

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
    return error instanceof SyntaxError
      ? "it is not a guard register file"
      : `cannot read it (${describeErrno(error)})`;
  }
  if (file.format !== "guard-register/1") return "it is not a guard register file";
  const key = readKey(resolve(base, spec.key));
  if (key === null) return `its key ${spec.key} cannot be read`;
  if (keyCheckOf(key) !== file.keyCheck) return `the key ${spec.key} is not the one it was built with`;
  const hashes = decodeHashes(Buffer.from(String(file.hashes), "base64"));
  if (hashes === null) return "its hashes are damaged";
  return {
    name: file.name,
    has: hashLookup(key, hashes),
    minMatches: spec.minMatches,
    minShare: spec.minShare,
  };
}
