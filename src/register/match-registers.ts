import type { RegisterMatch } from "../model/classified.js";
import type { LoadedRegister } from "../model/register.js";
import { rowKeys, textKeys } from "./identity-keys.js";

/** Whether a sorted array holds `value` (binary search). */
export function holds(sorted: BigUint64Array, value: bigint): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid];
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Whether any of `keys` is a person of `register`. */
const known = (register: LoadedRegister, keys: string[]): boolean =>
  keys.some((key) => holds(register.hashes, register.hash(key)));

/**
 * The registers whose people a table's rows are: a row is a person of a register when any key it
 * holds is one of the register's, and the table counts when enough rows are (the register's
 * minMatches and minShare). Layout does not matter: headers, column order and name order are not read.
 */
export function matchRows(
  rows: readonly (readonly string[])[],
  registers: readonly LoadedRegister[],
): RegisterMatch[] {
  if (registers.length === 0 || rows.length === 0) return [];
  const keyed = rows.map((row) => rowKeys(row)).filter((keys) => keys.length > 0);
  return counted(keyed, rows.length, registers);
}

/** The registers whose people a free text names, a line a person. */
export function matchText(text: string, registers: readonly LoadedRegister[]): RegisterMatch[] {
  if (registers.length === 0) return [];
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const keyed = lines.map(textKeys).filter((keys) => keys.length > 0);
  return counted(keyed, keyed.length, registers);
}

function counted(keyed: string[][], total: number, registers: readonly LoadedRegister[]): RegisterMatch[] {
  const out: RegisterMatch[] = [];
  for (const register of registers) {
    const people = keyed.filter((keys) => known(register, keys)).length;
    if (people >= register.minMatches && people >= register.minShare * total)
      out.push({ register: register.name, people });
  }
  return out;
}
