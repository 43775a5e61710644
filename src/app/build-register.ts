import { classifyTable } from "../classify/classify-table.js";
import { type Engine, readFileTables } from "../core.js";
import { REGISTER_FIELDS, type RegisterField, type RegisterFile } from "../model/register.js";
import { err, ok, type Result } from "../model/result.js";
import { ALL_ROWS } from "../parse/table-builder.js";
import { peopleOfTable } from "../register/people-of-table.js";
import { buildRegisterFile } from "../register/register-file.js";
import { describeIssue } from "../report/describe-finding.js";
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
    limits: { ...engine.policy.limits, sampleRows: ALL_ROWS, maxSecondsPerDraft: 3600 },
  },
});

function parseFields(text: string): RegisterField[] | string {
  const fields = text.split(",").map((f) => f.trim().toLowerCase());
  const unknown = fields.filter((f) => !(REGISTER_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0)
    return `unknown field ${unknown.join(", ")} (fields: ${REGISTER_FIELDS.join(", ")})`;
  return fields as RegisterField[];
}

type Person = Partial<Record<RegisterField, string>>;
type BuildHost = Pick<
  Host,
  "loadEngine" | "readInput" | "readText" | "writeFile" | "registerHasher" | "resolvePath" | "showProgress"
>;

/**
 * The people of a register's files, a generator per table (a million people are never spread into
 * one call's arguments); a file with no table is an error naming it.
 */
async function peopleOfFiles(
  files: string[],
  fields: RegisterField[],
  engine: Engine,
  host: BuildHost,
): Promise<Result<Iterable<Person>[], string>> {
  const people: Iterable<Person>[] = [];
  const progress = host.showProgress(files.length);
  try {
    for (const file of files) {
      const bytes = await host.readInput(file);
      if (!bytes.ok) return err(bytes.error);
      progress.bytes(bytes.value.length);
      const read = await readFileTables(bytes.value, file.replace(/^.*\//, ""), engine);
      const unread = read.reason ?? read.issues[0];
      if (unread !== undefined)
        return err(`${file}: ${describeIssue(unread)}; a register is built from whole files only`);
      if (read.tables.length === 0) return err(`${file}: no table could be read from it`);
      for (const raw of read.tables) {
        // A register that silently lacks people would let them pass: every row is kept, or none.
        if (raw.sample.length < raw.rowCount)
          return err(
            `${file}: only ${raw.sample.length} of the ${raw.rowCount} rows of ${raw.name} could be read`,
          );
        const head = {
          ...raw,
          sample: raw.sample.slice(0, CLASSIFY_ROWS),
          sampleHidden: raw.sampleHidden.slice(0, CLASSIFY_ROWS),
        };
        people.push(peopleOfTable(raw, classifyTable(head, engine.ruleset), fields));
      }
      progress.fileDone();
    }
  } finally {
    progress.end();
  }
  return ok(people);
}

/** Reads the files, hashes their people with the key, and writes the register to `out`. */
async function writeRegister(
  files: string[],
  options: { name: string; fields: RegisterField[]; key: string; out: string; policy?: string },
  host: BuildHost,
): Promise<Result<RegisterFile, string>> {
  const hasher = host.registerHasher(options.key);
  if (!hasher.ok) return hasher;
  const loaded = await host.loadEngine(options.policy);
  if (!loaded.ok) return loaded;
  const people = await peopleOfFiles(files, options.fields, readAll(loaded.value), host);
  if (!people.ok) return people;
  const info = {
    name: options.name,
    fields: options.fields,
    keyCheck: hasher.value.keyCheck,
    sources: files.map((file) => host.resolvePath(file)),
  };
  const all = function* () {
    for (const table of people.value) yield* table;
  };
  const register = buildRegisterFile(all(), info, hasher.value.hash);
  const written = host.writeFile(options.out, `${JSON.stringify(register)}\n`, { replace: true });
  return written.ok ? ok(register) : err(`cannot write ${options.out}: ${written.error}`);
}

/**
 * `guard register build FILE...`: reads the files with guard's own readers, finds each table's
 * name, postcode, email, phone and elector columns by the classifier, and writes only keyed hashes
 * of each person's identity keys (see register/identity-keys.ts).
 */
export async function buildRegister(
  files: string[],
  options: RegisterBuildOptions,
  host: BuildHost,
): Promise<CommandOutput> {
  const fields = parseFields(options.fields);
  if (typeof fields === "string") return usageError(fields);
  const built = await writeRegister(files, { ...options, fields }, host);
  if (!built.ok) return usageError(built.error);
  const line = `guard: register "${built.value.name}": ${built.value.people} people from ${files.length} file(s) written to ${options.out}\n`;
  return output(EXIT.allow, "", line);
}

/**
 * `guard register rotate REGISTER... --key NEW`: rebuilds each register in place from the files it
 * was built from (recorded in it), hashed with the new key. Hashes cannot be re-keyed: the
 * sources are read again.
 */
export async function rotateRegisters(
  registers: string[],
  options: { key: string; policy?: string },
  host: BuildHost,
): Promise<CommandOutput> {
  let said = "";
  for (const path of registers) {
    const text = host.readText(path);
    if (!text.ok) return usageError(`cannot read register ${path} (${text.error})`);
    const file = parseRegisterFile(text.value);
    if (file === null) return usageError(`${path} is not a guard register file`);
    if (file.sources === undefined || file.sources.length === 0)
      return usageError(
        `${path} does not name the files it was built from: build it again with guard register build`,
      );
    const rebuild = { name: file.name, fields: file.fields, key: options.key, out: path };
    const built = await writeRegister(
      file.sources,
      { ...rebuild, ...(options.policy ? { policy: options.policy } : {}) },
      host,
    );
    if (!built.ok) return usageError(`${path}: ${built.error}`);
    said += `guard: register "${file.name}": ${built.value.people} people rebuilt with the key ${options.key} in ${path}\n`;
  }
  return output(
    EXIT.allow,
    "",
    `${said}guard: now point the policy's registers at ${options.key} and destroy the old key\n`,
  );
}

/** A register file's header fields, or null when the text is not one. */
function parseRegisterFile(text: string): RegisterFile | null {
  try {
    const file = JSON.parse(text) as RegisterFile;
    return file?.format === "guard-register/1" && Array.isArray(file.fields) ? file : null;
  } catch {
    return null;
  }
}

/** `guard register key --out FILE`: a new random key, written where only its owner can read it. */
export function makeRegisterKey(out: string, host: Pick<Host, "writeRegisterKey">): CommandOutput {
  const written = host.writeRegisterKey(out);
  if (!written.ok) return usageError(written.error);
  return output(EXIT.allow, "", `guard: key written to ${out}; keep it apart from the register files\n`);
}
