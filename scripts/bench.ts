// `npm run bench`: speed and memory of the whole CLI process on the send path and in CI.
// Generates its workloads into a temporary folder with the fixture generator (nothing committed),
// runs each several times, and prints the median wall time, peak RSS, and the same run's floor:
// `node -e 0`, and reading the data with standard tools (unzip -p | wc -c, cat | wc -c).
// Run after `npm run build`. Options: --only NAME[,NAME], --runs N, --csv-mb 250,1024,
// --smtp-messages N --smtp-sessions N --smtp-samples N (the smtp workload: scripts/bench-smtp.ts).
import { execSync, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import * as XLSX from "@e965/xlsx";
import {
  buildFixtures,
  CANVASS_COLUMNS,
  createRng,
  csvLine,
  project,
  toCsv,
  voterRows,
  voterStream,
  writeDocx,
  writeEml,
  writeTablePdf,
  writeXlsx,
} from "../fixtures/gen/index.js";
import { writeMsg } from "../fixtures/gen/msg.js";
import { parseDraft } from "../src/parse/mail/parse-draft.js";
import { benchRegister } from "./bench-register.js";
import { benchSmtp } from "./bench-smtp.js";

const MB = 1024 * 1024;
const GUARD = resolve("bin/guard.js");

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = option("only")?.split(",");
const runs = Number(option("runs") ?? 5);
const csvSizes = (option("csv-mb") ?? "250,1024").split(",").map(Number);

interface Measure {
  seconds: number;
  /** User plus system CPU seconds of the whole process (its threads included). */
  cpuS: number;
  rssMb: number;
  status: number | null;
}

/** Runs a command once under /usr/bin/time, for wall time and the peak RSS of the whole process. */
function measure(command: string, args: string[]): Measure {
  const run = spawnSync(
    "/usr/bin/time",
    ["-f", "time-wall=%e time-rss-kb=%M time-cpu=%U+%S", command, ...args],
    {
      maxBuffer: 256 * MB,
      env: { ...process.env, CI: "1", NO_COLOR: "1" },
    },
  );
  const stderr = run.stderr.toString();
  const seconds = Number(/time-wall=([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN);
  const rssMb = Number(/time-rss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024;
  const cpu = /time-cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
  const cpuS = cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN;
  return { seconds, cpuS, rssMb, status: run.status };
}

/** Wall time of a shell pipeline (a floor: what standard tools need to read the same data). */
function shellSeconds(pipeline: string): number {
  const started = process.hrtime.bigint();
  execSync(pipeline, { stdio: "ignore", shell: "/bin/bash" });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

interface Result {
  name: string;
  medianS: number;
  /** Median CPU seconds (user + system) of guard's runs: what a loaded machine distorts least. */
  cpuS: number;
  rssMb: number;
  floorS: number;
  note: string;
}

/** Runs guard `n` times and the floor as many, interleaved so both see the same machine load. */
function bench(name: string, guardArgs: string[], floor: () => number, n: number, note = ""): Result {
  const times: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  const floors: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < n; i++) {
    const m = measure(process.execPath, [GUARD, ...guardArgs]);
    times.push(m.seconds);
    rss.push(m.rssMb);
    cpu.push(m.cpuS);
    status = m.status;
    floors.push(floor());
  }
  const result = {
    name,
    medianS: median(times),
    cpuS: median(cpu),
    rssMb: Math.max(...rss),
    floorS: median(floors),
    note,
  };
  console.log(
    `  ${name}: runs ${times.map((t) => t.toFixed(2)).join(" ")} s, exit ${status}, peak RSS ${result.rssMb.toFixed(0)} MB, floor ${result.floorS.toFixed(3)} s ${note}`,
  );
  return result;
}

const nodeFloor = (): number => measure(process.execPath, ["-e", "0"]).seconds;

const dir = mkdtempSync(join(tmpdir(), "guard-bench-"));
const results: Result[] = [];
/** Lines the smtp and register workloads print as they are (their own floors and ratios). */
const smtpLines: string[] = [];
const want = (name: string): boolean => only === undefined || only.includes(name);
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
);

try {
  if (want("crewe")) {
    const crewe = join(dir, "crewe.eml");
    writeFileSync(crewe, buildFixtures().get("incidents/crewe-nantwich-2008.eml") as Buffer);
    // Floor: Node's start-up, the part no CLI in Node can avoid.
    results.push(bench("crewe", ["check", crewe, "--format", "json"], nodeFloor, runs, "(floor: node -e 0)"));
  }

  if (want("legacy-xls-crewe")) {
    // The Crewe draft with its three workbooks saved as xls (BIFF8, by SheetJS), beside the same
    // draft as xlsx in the same run, so the two can be compared on one machine load.
    const xlsx = buildFixtures().get("incidents/crewe-nantwich-2008.eml") as Buffer;
    const parsed = await parseDraft(new Uint8Array(xlsx));
    if (!parsed.ok) throw new Error(parsed.error);
    const attachments = parsed.draft.attachments.map((a) => ({
      filename: a.filename.replace(/\.xlsx$/, ".xls"),
      content: XLSX.write(XLSX.read(a.bytes, { type: "array", cellNF: true }), {
        type: "buffer",
        bookType: "biff8",
      }),
    }));
    const eml = join(dir, "crewe-xls.eml");
    writeFileSync(
      eml,
      writeEml({
        from: "office@cnparty.org.uk",
        to: ["alex.marsh@radio-news.example"],
        subject: "Canvass figures as promised",
        date: "Tue, 13 May 2008 16:42:07 +0100",
        messageId: "crewe-xls@cnparty.org.uk",
        text: "As promised, the latest canvass returns.",
        attachments,
      }),
    );
    const same = join(dir, "crewe-xlsx.eml");
    writeFileSync(same, xlsx);
    results.push(
      bench("crewe-as-xlsx", ["check", same, "--format", "json"], nodeFloor, runs, "(floor: node -e 0)"),
    );
    results.push(
      bench("legacy-xls-crewe", ["check", eml, "--format", "json"], nodeFloor, runs, "(floor: node -e 0)"),
    );
  }

  if (want("xls-65k")) {
    // 65,000 voter rows in one BIFF8 sheet (its limit is 65,536), written by SheetJS from a seed.
    const rows = project(voterRows(createRng("bench-xls-65k"), 65_000), CANVASS_COLUMNS);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Voters");
    const path = join(dir, "voters-65k.xls");
    const book = XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer;
    writeFileSync(path, book);
    results.push(
      bench(
        "xls-65k",
        ["scan", path, "--format", "json"],
        nodeFloor,
        Math.min(runs, 3),
        `(${(book.length / MB).toFixed(1)} MB xls; floor: node -e 0)`,
      ),
    );
  }

  if (want("pdf-40")) {
    // A printed canvass: 1,800 voters on 40 A4 pages (45 rows each, the header repeated), written
    // by fixtures/gen/documents.ts from a seed, read by pdf.js in its worker.
    const columns = CANVASS_COLUMNS.filter(([h]) =>
      ["Elector No", "Forename", "Surname", "Address 1", "Postcode", "Telephone", "VI"].includes(h),
    );
    const pdf = writeTablePdf(project(voterRows(createRng("bench-pdf-40"), 1_800), columns), {
      rowsPerPage: 45,
      columnWidth: 110,
    });
    const path = join(dir, "canvass-40-pages.pdf");
    writeFileSync(path, pdf);
    results.push(
      bench(
        "pdf-40",
        ["scan", path, "--format", "json"],
        nodeFloor,
        runs,
        `(40 pages, ${(pdf.length / 1024).toFixed(0)} KB; floor: node -e 0)`,
      ),
    );
  }

  if (want("docx-2000")) {
    // One Word table of 2,000 voter rows x 12 columns, written by fixtures/gen/documents.ts.
    const docx = writeDocx(project(voterRows(createRng("bench-docx-2000"), 2_000), CANVASS_COLUMNS));
    const path = join(dir, "canvass-2000.docx");
    writeFileSync(path, docx);
    results.push(
      bench(
        "docx-2000",
        ["scan", path, "--format", "json"],
        nodeFloor,
        runs,
        `(2,000 rows, ${(docx.length / 1024).toFixed(0)} KB; floor: node -e 0)`,
      ),
    );
  }

  if (want("big-xlsx")) {
    console.log("  generating big-xlsx (165,000 rows x 10 columns) ...");
    const rows = project(voterRows(createRng("bench-big"), 165_000), CANVASS_COLUMNS.slice(0, 10));
    const book = writeXlsx(rows, { sheetName: "Voters" });
    const xlsx = join(dir, "big.xlsx");
    writeFileSync(xlsx, book);
    const eml = join(dir, "big.eml");
    writeFileSync(
      eml,
      writeEml({
        from: "office@cnparty.org.uk",
        to: ["alex.marsh@radio-news.example"],
        subject: "Full roll",
        date: "Tue, 13 May 2008 16:42:07 +0100",
        messageId: "big@cnparty.org.uk",
        text: "Attached.",
        attachments: [{ filename: "roll.xlsx", content: book }],
      }),
    );
    const floor = () => shellSeconds(`unzip -p ${xlsx} 'xl/*.xml' 'xl/worksheets/*.xml' | wc -c`);
    results.push(
      bench(
        "big-xlsx",
        ["check", eml, "--format", "json"],
        floor,
        Math.min(runs, 3),
        `(${(book.length / MB).toFixed(1)} MB xlsx; floor: unzip -p | wc -c)`,
      ),
    );
  }

  if (want("legacy")) {
    const rows = project(voterRows(createRng("bench-legacy"), 8_500), CANVASS_COLUMNS);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Voters");
    for (const bookType of ["xls", "ods"] as const) {
      const path = join(dir, `legacy.${bookType}`);
      writeFileSync(path, XLSX.write(wb, { type: "buffer", bookType: bookType === "xls" ? "biff8" : "ods" }));
      const floor = () =>
        shellSeconds(bookType === "ods" ? `unzip -p ${path} content.xml | wc -c` : `cat ${path} | wc -c`);
      results.push(
        bench(`legacy-${bookType}`, ["scan", path, "--format", "json"], floor, runs, `(8,500 rows)`),
      );
    }
  }

  for (const rows of [80_000, 200_000]) {
    const name = `ods-${rows / 1000}k`;
    if (!want(name)) continue;
    console.log(`  generating ${name} (${rows.toLocaleString("en")} rows x 10 columns) ...`);
    const data = project(voterRows(createRng("bench-ods"), rows), CANVASS_COLUMNS.slice(0, 10));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(data), "Voters");
    const path = join(dir, `${name}.ods`);
    writeFileSync(path, XLSX.write(wb, { type: "buffer", bookType: "ods", compression: true }));
    const size = statSync(path).size / MB;
    results.push(
      bench(
        name,
        ["scan", path, "--format", "json"],
        nodeFloor,
        Math.min(runs, 3),
        `(${size.toFixed(1)} MB ods; floor: node -e 0)`,
      ),
    );
  }

  if (want("csv-oneline-30m")) {
    // One line of 30 MB, no line end: a field or line past any honest size must be read in bounded
    // memory or end as uninspectable, never crash the process.
    const path = join(dir, "oneline.csv");
    const cell = "Jane Smith,07700 900123,CW1 1AA,";
    writeFileSync(path, cell.repeat(Math.ceil((30 * MB) / cell.length)));
    results.push(
      bench("csv-oneline-30m", ["scan", path, "--format", "json"], nodeFloor, 1, "(floor: node -e 0)"),
    );
  }

  if (want("msg-crewe")) {
    // The Crewe draft as Outlook saves it (.msg, fixtures/gen/msg.ts): the same people, files and
    // text, read by the MAPI/CFB reader instead of the MIME parser.
    const eml = buildFixtures().get("incidents/crewe-nantwich-2008.eml") as Buffer;
    const parsed = await parseDraft(new Uint8Array(eml));
    if (!parsed.ok) throw new Error(parsed.error);
    const { draft } = parsed;
    const by = (field: string) => draft.recipients.filter((r) => r.field === field).map((r) => r.address);
    const msg = join(dir, "crewe.msg");
    writeFileSync(
      msg,
      writeMsg({
        ...(draft.from ? { from: draft.from } : {}),
        to: by("to"),
        cc: by("cc"),
        subject: draft.subject ?? "",
        text: draft.bodies[0]?.plain ?? "",
        attachments: draft.attachments.map((a) => ({ filename: a.filename, content: a.bytes })),
      }),
    );
    results.push(
      bench("msg-crewe", ["check", msg, "--format", "json"], nodeFloor, runs, "(floor: node -e 0)"),
    );
  }

  if (want("torture")) {
    // Deeply nested messages from flanker's tests (shared corpus): target < 0.5 s of CPU.
    const torture = resolve("../shared/corpus/mail/flanker/torture.eml");
    results.push(
      bench("torture", ["check", torture, "--format", "json"], nodeFloor, runs, "(1.8 MB; floor: node -e 0)"),
    );
  }

  if (want("many")) {
    const folder = join(dir, "many");
    mkdirSync(folder);
    const rng = createRng("bench-many");
    for (let i = 0; i < 2000; i++) {
      const rows = project(voterRows(rng.fork(`f${i}`), 20), CANVASS_COLUMNS.slice(2, 8));
      writeFileSync(
        join(folder, `export-${i}.${i % 2 === 0 ? "csv" : "xlsx"}`),
        i % 2 === 0 ? toCsv(rows) : writeXlsx(rows),
      );
    }
    const r = bench(
      "many",
      ["scan", folder, "--format", "json"],
      () => shellSeconds(`cat ${folder}/* | wc -c`),
      Math.min(runs, 3),
      "(2,000 files)",
    );
    r.note += ` ${(2000 / r.medianS).toFixed(0)} files/s`;
    results.push(r);
  }

  if (want("csv-1g")) {
    for (const sizeMb of csvSizes) {
      const path = join(dir, `voters-${sizeMb}.csv`);
      await writeBigCsv(path, sizeMb * MB);
      const size = statSync(path).size / MB;
      const r = bench(
        `csv-${sizeMb}m`,
        ["scan", path, "--format", "json"],
        () => shellSeconds(`cat ${path} | wc -c`),
        1,
      );
      r.note = `${(size / r.medianS).toFixed(0)} MB/s`;
      results.push(r);
      rmSync(path, { force: true });
    }
  }
  if (want("register")) smtpLines.push(...(await benchRegister(dir, runs, measure, GUARD)));
  if (want("smtp")) {
    const messages = Number(option("smtp-messages") ?? 400);
    const sessions = Number(option("smtp-sessions") ?? 10);
    smtpLines.push(
      ...(await benchSmtp({ messages, sessions, samples: Number(option("smtp-samples") ?? 20) })),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
for (const line of smtpLines) console.log(`bench ${line}`);

for (const r of results) {
  console.log(
    `bench ${r.name}: median_s=${r.medianS.toFixed(3)} cpu_s=${r.cpuS.toFixed(2)} rss_mb=${r.rssMb.toFixed(0)} floor_s=${r.floorS.toFixed(3)} ratio=${(r.medianS / r.floorS).toFixed(1)}${r.note ? ` ${r.note}` : ""}`,
  );
}

/** Streams a voter roll CSV of about `bytes` to disk, honouring back-pressure. */
async function writeBigCsv(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const voters = voterStream(createRng("bench-csv"));
  let written = 0;
  const header = CANVASS_COLUMNS.map(([h]) => h);
  const write = (text: string): Promise<void> | undefined => {
    written += text.length;
    return out.write(text) ? undefined : new Promise((r) => out.once("drain", r));
  };
  await write(`${csvLine(header)}\r\n`);
  while (written < bytes) {
    let batch = "";
    for (let i = 0; i < 2000; i++) {
      const v = voters.next().value as Parameters<(typeof CANVASS_COLUMNS)[number][1]>[0];
      batch += `${csvLine(CANVASS_COLUMNS.map(([, read]) => read(v)))}\r\n`;
    }
    await write(batch);
  }
  await new Promise<void>((r) => out.end(r));
}
