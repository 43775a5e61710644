import { classifyTable } from "../classify/classify-table.js";
import { type Engine, readFileTables } from "../core.js";
import {
  type HashedPeople,
  type PeopleBatch,
  type PeopleHasher,
  REGISTER_FIELDS,
  type RegisterField,
  type RegisterHeader,
} from "../model/register.js";
import { err, ok, type Result } from "../model/result.js";
import { ALL_ROWS } from "../parse/table-builder.js";
import { BATCH_PEOPLE } from "../register/build-register-file.js";
import { batchPeople } from "../register/hash-people.js";
import { peopleOfTable } from "../register/people-of-table.js";
import {
  encodeRegister,
  mergeHashes,
  type RegisterProblem,
  registerHeader,
} from "../register/register-file.js";
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

/** Batches handed to the hasher and not yet back: enough to keep every hashing thread busy. */
const IN_FLIGHT = 16;

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

type BuildHost = Pick<
  Host,
  "loadEngine" | "readInput" | "writeFile" | "registerHasher" | "resolvePath" | "showProgress"
>;

/**
 * Hands batches to the hasher with at most IN_FLIGHT waiting (the files are read meanwhile) and
 * collects what comes back, in whatever order: the register sorts it.
 */
function hashingQueue(hasher: PeopleHasher) {
  const pending: Promise<Result<HashedPeople>>[] = [];
  const done: HashedPeople[] = [];
  let failed: string | undefined;
  const takeOne = async (): Promise<void> => {
    const hashed = await pending.shift();
    if (hashed === undefined) return;
    if (hashed.ok) done.push(hashed.value);
    else failed ??= hashed.error;
  };
  return {
    /** Queues a batch; the hasher's failure so far, if any. */
    add: async (batch: PeopleBatch): Promise<string | undefined> => {
      const { result } = await hasher.hash(batch);
      pending.push(result);
      if (pending.length >= IN_FLIGHT) await takeOne();
      return failed;
    },
    finish: async (): Promise<Result<HashedPeople[]>> => {
      while (pending.length > 0) await takeOne();
      return failed === undefined ? ok(done) : err(failed);
    },
  };
}

/** Reads one file and queues its people; a file not read whole, or with no table, is an error naming it. */
async function hashFile(
  file: string,
  fields: RegisterField[],
  engine: Engine,
  host: BuildHost,
  queue: ReturnType<typeof hashingQueue>,
): Promise<Result<void>> {
  const bytes = await host.readInput(file);
  if (!bytes.ok) return err(bytes.error);
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
    const people = peopleOfTable(raw, classifyTable(head, engine.ruleset), fields);
    for (const batch of batchPeople(people, fields, BATCH_PEOPLE)) {
      const failed = await queue.add(batch);
      if (failed !== undefined) return err(failed);
    }
  }
  return ok(undefined);
}

/** The keyed hashes of the people of every file, file by file (a file's rows are let go once queued). */
async function hashFiles(
  files: string[],
  fields: RegisterField[],
  engine: Engine,
  host: BuildHost,
  hasher: PeopleHasher,
): Promise<Result<HashedPeople[]>> {
  const queue = hashingQueue(hasher);
  const progress = host.showProgress(files.length);
  try {
    for (const file of files) {
      const hashed = await hashFile(file, fields, engine, host, queue);
      if (!hashed.ok) return hashed;
      progress.fileDone();
    }
    return await queue.finish();
  } finally {
    progress.end();
  }
}

/** Reads the files, hashes their people with the key, and writes the register to `out`. */
async function writeRegister(
  files: string[],
  options: { name: string; fields: RegisterField[]; key: string; out: string; policy?: string },
  host: BuildHost,
): Promise<Result<RegisterHeader, string>> {
  const hasher = host.registerHasher(options.key);
  if (!hasher.ok) return hasher;
  const loaded = await host.loadEngine(options.policy);
  if (!loaded.ok) return loaded;
  let hashed: Result<HashedPeople[]>;
  try {
    hashed = await hashFiles(files, options.fields, readAll(loaded.value), host, hasher.value);
  } finally {
    await hasher.value.close();
  }
  if (!hashed.ok) return hashed;
  const { values, people } = mergeHashes(hashed.value);
  const header: RegisterHeader = {
    name: options.name,
    fields: options.fields,
    people,
    keyCheck: hasher.value.keyCheck,
    sources: files.map((file) => host.resolvePath(file)),
  };
  const written = host.writeFile(options.out, encodeRegister(header, values), { replace: true });
  return written.ok ? ok(header) : err(`cannot write ${options.out}: ${written.error}`);
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

/** Why a register cannot be rotated, in words. */
const UNREADABLE: Record<RegisterProblem, string> = {
  NOT_REGISTER: "is not a guard register file",
  NEWER_FORMAT: "was written by a newer guard (update guard to rotate it)",
  DAMAGED: "is damaged: build it again with guard register build",
};

/**
 * `guard register key rotate REGISTER... --key NEW`: rebuilds each register in place from the
 * files it was built from (recorded in it), hashed with the new key. Hashes cannot be re-keyed:
 * the sources are read again.
 */
export async function rotateRegisters(
  registers: string[],
  options: { key: string; policy?: string },
  host: BuildHost,
): Promise<CommandOutput> {
  let said = "";
  for (const path of registers) {
    const bytes = await host.readInput(path);
    if (!bytes.ok) return usageError(`cannot read register ${path} (${bytes.error})`);
    const file = registerHeader(bytes.value);
    if (!file.ok) return usageError(`${path} ${UNREADABLE[file.error]}`);
    const { name, fields, sources } = file.value;
    if (sources === undefined || sources.length === 0)
      return usageError(
        `${path} does not name the files it was built from: build it again with guard register build`,
      );
    const rebuild = { name, fields, key: options.key, out: path };
    const built = await writeRegister(
      sources,
      { ...rebuild, ...(options.policy ? { policy: options.policy } : {}) },
      host,
    );
    if (!built.ok) return usageError(`${path}: ${built.error}`);
    said += `guard: register "${name}": ${built.value.people} people rebuilt with the key ${options.key} in ${path}\n`;
  }
  return output(
    EXIT.allow,
    "",
    `${said}guard: now point the policy's registers at ${options.key} and destroy the old key\n`,
  );
}

/** `guard register key --out FILE`: a new random key, written where only its owner can read it. */
export function makeRegisterKey(out: string, host: Pick<Host, "writeRegisterKey">): CommandOutput {
  const written = host.writeRegisterKey(out);
  if (!written.ok) return usageError(written.error);
  return output(EXIT.allow, "", `guard: key written to ${out}; keep it apart from the register files\n`);
}
