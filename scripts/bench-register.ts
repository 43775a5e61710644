// `npm run bench -- --only register`: registers (issue 19), as a user meets them.
// 1. `guard register build` of a 1,000,000-row electoral roll CSV (whole process; floor: cat | wc -c).
// 2. The Crewe check with and without a 100,000-person register in its policy, interleaved in one
//    run so both see the same machine; and the look-ups alone, in this process, for the fine figure
//    a whole-process median cannot resolve (Node's start-up varies by more than 20 ms).
import { spawnSync } from "node:child_process";
import { createWriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  buildFixtures,
  CANVASS_COLUMNS,
  createRng,
  csvLine,
  project,
  toCsv,
  voterRows,
  voterStream,
} from "../fixtures/gen/index.js";
import { readFileTables } from "../src/core.js";
import { loadEngine } from "../src/node/load-engine.js";
import { loadRegisters } from "../src/node/load-registers.js";
import { parseDraft } from "../src/parse/mail/parse-draft.js";
import { matchRows } from "../src/register/match-registers.js";

/** What bench.ts's measure gives: wall seconds, CPU seconds and peak RSS of one whole process. */
type Measure = (
  command: string,
  args: string[],
) => { seconds: number; cpuS: number; rssMb: number; status: number | null };

const ROLL_COLUMNS = CANVASS_COLUMNS.filter(([h]) =>
  ["Elector No", "Forename", "Surname", "Address 1", "Postcode", "Telephone"].includes(h),
);

/** Streams a roll of `rows` voters to a CSV file, honouring back-pressure. */
async function writeRoll(path: string, rows: number, seed: string): Promise<void> {
  const out = createWriteStream(path);
  const voters = voterStream(createRng(seed));
  const wait = (text: string): Promise<void> | undefined =>
    out.write(text) ? undefined : new Promise((r) => out.once("drain", r));
  await wait(`${csvLine(ROLL_COLUMNS.map(([h]) => h))}\r\n`);
  for (let done = 0; done < rows; done += 2000) {
    let batch = "";
    for (let i = 0; i < Math.min(2000, rows - done); i++) {
      const v = voters.next().value as Parameters<(typeof ROLL_COLUMNS)[number][1]>[0];
      batch += `${csvLine(ROLL_COLUMNS.map(([, read]) => read(v)))}\r\n`;
    }
    await wait(batch);
  }
  await new Promise<void>((r) => out.end(r));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the register workloads in `dir`; returns `bench ...` lines. */
export async function benchRegister(
  dir: string,
  runs: number,
  measure: Measure,
  guard: string,
): Promise<string[]> {
  const node = process.execPath;
  const lines: string[] = [];
  const key = join(dir, "roll.key");
  measure(node, [guard, "register", "key", "--out", key]);

  const roll = join(dir, "roll-1m.csv");
  await writeRoll(roll, 1_000_000, "bench-register-1m");
  const builds: number[] = [];
  const buildCpu: number[] = [];
  let rss = 0;
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const m = measure(node, [
      guard,
      "register",
      "build",
      roll,
      "--name",
      "roll",
      "--key",
      key,
      "--out",
      join(dir, "roll-1m.guardreg"),
    ]);
    if (m.status !== 0) throw new Error(`register build exited ${m.status}`);
    builds.push(m.seconds);
    buildCpu.push(m.cpuS);
    rss = Math.max(rss, m.rssMb);
  }
  const cat = measure("/bin/sh", ["-c", `cat ${roll} | wc -c`]).seconds;
  console.log(
    `  register-build-1m: runs ${builds.map((t) => t.toFixed(2)).join(" ")} s, peak RSS ${rss.toFixed(0)} MB`,
  );
  lines.push(
    `register-build-1m: median_s=${median(builds).toFixed(3)} cpu_s=${median(buildCpu).toFixed(2)} rss_mb=${rss.toFixed(0)} floor_s=${cat.toFixed(3)} ratio=${(median(builds) / cat).toFixed(1)} (1,000,000 rows; floor: cat | wc -c)`,
  );

  // A 100,000-person register holding the Crewe draft's 8,500 voters and 91,500 others.
  const crewe = join(dir, "crewe.eml");
  writeFileSync(crewe, buildFixtures().get("incidents/crewe-nantwich-2008.eml") as Buffer);
  const parsed = await parseDraft(
    new Uint8Array(buildFixtures().get("incidents/crewe-nantwich-2008.eml") as Buffer),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  const sources = parsed.draft.attachments.map((a, i) => {
    const path = join(dir, `crewe-${i}-${a.filename}`);
    writeFileSync(path, a.bytes);
    return path;
  });
  const others = join(dir, "others.csv");
  writeFileSync(others, toCsv(project(voterRows(createRng("bench-register-others"), 91_500), ROLL_COLUMNS)));
  const register = join(dir, "roll-100k.guardreg");
  const built = spawnSync(node, [
    guard,
    "register",
    "build",
    ...sources,
    others,
    "--name",
    "roll",
    "--key",
    key,
    "--out",
    register,
  ]);
  if (built.status !== 0) throw new Error(`register build: ${built.stderr}`);
  const policy = join(dir, "policy.yaml");
  writeFileSync(policy, `registers:\n  - path: ${register}\n    key: ${key}\n`);
  // The floor reads a policy file too (YAML and its schema), so the difference is the register's.
  const none = join(dir, "none.yaml");
  writeFileSync(none, "registers: []\n");

  const plain: number[] = [];
  const withRegister: number[] = [];
  const plainCpu: number[] = [];
  const withCpu: number[] = [];
  let rssWith = 0;
  for (let i = 0; i < Math.max(runs, 11); i++) {
    const p = measure(node, [guard, "check", crewe, "--format", "json", "--policy", none]);
    plain.push(p.seconds);
    plainCpu.push(p.cpuS);
    const m = measure(node, [guard, "check", crewe, "--format", "json", "--policy", policy]);
    withRegister.push(m.seconds);
    withCpu.push(m.cpuS);
    rssWith = Math.max(rssWith, m.rssMb);
  }
  const added = median(withRegister) - median(plain);
  // CPU seconds too: on a shared machine the wall-time medians of whole processes wander by more
  // than the 20 ms this is about, and CPU time wanders least.
  const addedCpu = median(withCpu) - median(plainCpu);
  lines.push(
    `register-crewe: median_s=${median(withRegister).toFixed(3)} cpu_s=${median(withCpu).toFixed(3)} rss_mb=${rssWith.toFixed(0)} floor_s=${median(plain).toFixed(3)} floor_cpu_s=${median(plainCpu).toFixed(3)} ratio=${(median(withRegister) / median(plain)).toFixed(2)} (Crewe check with a 100,000-person register; floor: the same check without it; ${(added * 1000).toFixed(0)} ms added, ${(addedCpu * 1000).toFixed(0)} ms of CPU)`,
  );
  lines.push(await lookupsInProcess(crewe, policy, dir));
  return lines;
}

/** Loading the register and looking up every row of the Crewe tables, in this process. */
async function lookupsInProcess(crewe: string, policy: string, dir: string): Promise<string> {
  const engine = await loadEngine(policy);
  if (!engine.ok) throw new Error(engine.error);
  const parsed = await parseDraft(
    new Uint8Array(await import("node:fs").then((fs) => fs.readFileSync(crewe))),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  const tables = [];
  for (const a of parsed.draft.attachments)
    tables.push(...(await readFileTables(a.bytes, a.filename, engine.value)).tables);
  const loads: number[] = [];
  const looks: number[] = [];
  let people = 0;
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    const { registers } = loadRegisters(engine.value.policy.registers, dir);
    loads.push(performance.now() - started);
    const at = performance.now();
    people = tables
      .flatMap((t) => matchRows(t.sample, registers, t.rowCount))
      .reduce((n, m) => n + m.people, 0);
    looks.push(performance.now() - at);
  }
  return `register-lookups: load_ms=${median(loads).toFixed(1)} lookup_ms=${median(looks).toFixed(1)} (100,000-person register, ${tables.reduce((n, t) => n + t.sample.length, 0).toLocaleString("en")} sample rows of the Crewe tables, 50-200 of each looked up as a check does, ${people.toLocaleString("en")} people recognised (estimated); in-process medians of 11)`;
}
