import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { err, ok, type Result } from "../model/result.js";
import { keyedHash64 } from "../register/keyed-hash.js";
import { describeErrno } from "./describe-errno.js";
import { keyCheckOf, readKey } from "./load-registers.js";

/** The keyed hash and fingerprint of the key in `path` (shown to the user as `shown`). */
export function registerHasher(
  path: string,
  shown: string,
): Result<{ hash: (text: string) => bigint; keyCheck: string }> {
  const key = readKey(path);
  if (key === null)
    return err(`cannot read a register key from ${shown} (make one with: guard register key --out FILE)`);
  return ok({ hash: keyedHash64(key), keyCheck: keyCheckOf(key) });
}

/** Writes 32 random bytes as hex, mode 0600, refusing to overwrite a key (that would orphan its registers). */
export function writeRegisterKey(path: string, shown: string): Result<void> {
  try {
    writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return ok(undefined);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return err(
      code === "EEXIST"
        ? `${shown} exists: a key is never overwritten`
        : `cannot write ${shown}: ${describeErrno(error)}`,
    );
  }
}
