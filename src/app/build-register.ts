import { classifyTable } from "../classify/classify-table.js";
import { type Engine, readFileTables } from "../core.js";
import { REGISTER_FIELDS, type RegisterField } from "../model/register.js";
import { peopleOfTable } from "../register/people-of-table.js";
import { buildRegisterFile } from "../register/register-file.js";
import { type CommandOutput, output, usageError } from "./command-output.js";
import { EXIT } from "./exit-codes.js";
import type { Host } from "./host.js";

/** `guard register build`'s options. */
export interface RegisterBuildOptions {
  name: string;
  fields: string;
  key: string;
  out: string;
  policy?: string;
}

/** Rows classified to find a file's columns; the rest are read by the columns found. */
const CLASSIFY_ROWS = 500;

/** Every row of a register's files is read: no sample, and time for a million rows. */
const readAll = (engine: Engine): Engine => ({
  ...engine,
  policy: {
    ...engine.policy,
    limits: { ...engine.policy.limits, sampleRows: Number.MAX_SAFE_INTEGER, maxSecondsPerDraft: 3600 },
  },
});

function parseFields(text: string): RegisterField[] | string {
  const fields = text.split(",").map((f) => f.trim().toLowerCase());
  const unknown = fields.filter((f) => !(REGISTER_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0)
    return `unknown field ${unknown.join(", ")} (fields: ${REGISTER_FIELDS.join(", ")})`;
  return fields as RegisterField[];
}

/**
 * `guard register build FILE...`: reads the files with guard's own readers, finds each table's
 * name, postcode, email, phone and elector columns by the classifier, and writes only keyed hashes
 * of each person's identity keys (see register/identity-keys.ts).
 */
export async function buildRegister(
  files: string[],
  options: RegisterBuildOptions,
  host: Pick<Host, "loadEngine" | "readInput" | "writeFile" | "registerHasher">,
): Promise<CommandOutput> {
  const fields = parseFields(options.fields);
  if (typeof fields === "string") return usageError(fields);
  const hasher = host.registerHasher(options.key);
  if (!hasher.ok) return usageError(hasher.error);
  const loaded = await host.loadEngine(options.policy);
  if (!loaded.ok) return usageError(loaded.error);
  const engine = readAll(loaded.value);
  const people: Partial<Record<RegisterField, string>>[] = [];
  for (const file of files) {
    const bytes = await host.readInput(file);
    if (!bytes.ok) return usageError(bytes.error);
    const read = await readFileTables(bytes.value, file.replace(/^.*\//, ""), engine);
    if (read.tables.length === 0) return usageError(`${file}: no table could be read from it`);
    for (const raw of read.tables) {
      const head = {
        ...raw,
        sample: raw.sample.slice(0, CLASSIFY_ROWS),
        sampleHidden: raw.sampleHidden.slice(0, CLASSIFY_ROWS),
      };
      people.push(...peopleOfTable(raw, classifyTable(head, engine.ruleset), fields));
    }
  }
  const info = { name: options.name, fields, keyCheck: hasher.value.keyCheck };
  const register = buildRegisterFile(people, info, hasher.value.hash);
  const written = host.writeFile(options.out, `${JSON.stringify(register)}\n`, { replace: true });
  if (!written.ok) return usageError(written.error);
  const line = `guard: register "${register.name}": ${register.people} people from ${files.length} file(s) written to ${options.out}\n`;
  return output(EXIT.allow, "", line);
}

/** `guard register key --out FILE`: a new random key, written where only its owner can read it. */
export function makeRegisterKey(out: string, host: Pick<Host, "writeRegisterKey">): CommandOutput {
  const written = host.writeRegisterKey(out);
  if (!written.ok) return usageError(written.error);
  return output(EXIT.allow, "", `guard: key written to ${out}; keep it apart from the register files\n`);
}
