// Measures `guard scan` on large CSVs: generates a voter roll of 250 MB and of 1 GB in a temporary
// folder (never committed), scans each with the built CLI, prints MB/s and the scan's peak RSS,
// then deletes the files. Run after `npm run build`:
//   node scripts/run-ts.mjs scripts/bench-scan-csv.ts [SIZE_MB...]
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRng, csvLine, voterStream } from "../fixtures/gen/index.js";

const MB = 1024 * 1024;
/** The ceiling the issue sets for a 1 GB scan. */
const LIMIT_MB = 200;

const HEADER = [
  "Elector No",
  "Title",
  "Forename",
  "Surname",
  "Address 1",
  "Address 2",
  "Town",
  "Postcode",
  "Telephone",
  "VI",
  "MOSAIC",
  "Age",
];

/** Writes voters as CSV until the file reaches `bytes`, honouring the stream's back-pressure. */
async function writeCsv(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const voters = voterStream(createRng("bench-scan-csv"));
  let written = 0;
  let rows = 0;
  const write = (line: string): Promise<void> | undefined => {
    written += Buffer.byteLength(line);
    return out.write(line) ? undefined : new Promise((r) => out.once("drain", r));
  };
  await write(`${csvLine(HEADER)}\r\n`);
  while (written < bytes) {
    let batch = "";
    for (let i = 0; i < 1000; i++) {
      const v = voters.next().value as NonNullable<ReturnType<typeof voters.next>["value"]>;
      batch += `${csvLine([v.electorNo, v.title, v.forename, v.surname, v.address1, v.address2, v.town, v.postcode, v.telephone, v.vi, v.mosaic, v.age])}\r\n`;
    }
    rows += 1000;
    await write(batch);
  }
  await new Promise<void>((r) => out.end(r));
  return rows;
}

// Reports the child's own peak RSS (getrusage ru_maxrss) as it exits: the parent cannot see it.
const REPORT_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))";

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const dir = mkdtempSync(join(tmpdir(), "guard-bench-"));
let failed = false;
try {
  for (const sizeMb of sizes.length > 0 ? sizes : [250, 1024]) {
    const path = join(dir, `voters-${sizeMb}mb.csv`);
    const rows = await writeCsv(path, sizeMb * MB);
    const size = statSync(path).size;
    const started = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      [`--import=${REPORT_RSS}`, resolve("bin/guard.js"), "scan", path, "--format", "json"],
      { maxBuffer: 64 * MB, env: { ...process.env, CI: "1" } },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rssMb = Number(/maxrss-kb=(\d+)/.exec(run.stderr.toString())?.[1] ?? Number.NaN) / 1024;
    const report = JSON.parse(run.stdout.toString());
    const counted = report.attachments[0]?.tables[0]?.rows;
    const ok = run.status === 2 && counted === rows && rssMb < LIMIT_MB;
    failed ||= !ok;
    console.log(
      `${(size / MB).toFixed(0)} MB, ${rows.toLocaleString("en-GB")} rows: ${seconds.toFixed(1)} s, ` +
        `${(size / MB / seconds).toFixed(1)} MB/s, peak RSS ${rssMb.toFixed(0)} MB, exit ${run.status}, ` +
        `rows counted ${counted} ${ok ? "ok" : `FAIL (want exit 2, ${rows} rows, RSS < ${LIMIT_MB} MB)`}`,
    );
    rmSync(path, { force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
