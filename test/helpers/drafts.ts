// Drafts built in the test from the seeded generator, and a CLI runner that measures the child.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import {
  type ColumnSpec,
  createRng,
  type EmlAttachment,
  project,
  type Voter,
  voterRows,
  writeEml,
} from "../../fixtures/gen/index.js";
import { ROOT } from "./cli.js";

/** The sender of every built draft; colleagues share its domain. */
export const SENDER = "agent@cnparty.org.uk";
/** A journalist's address: external to the sender. */
export const OUTSIDE = ["desk@radio-news.example"];
/** Addresses at the sender's domain: internal. */
export const COLLEAGUES = ["office@cnparty.org.uk", "treasurer@cnparty.org.uk"];

/** Columns that identify people and where they live, and nothing special-category. */
export const CONTACT_COLUMNS: readonly ColumnSpec<Voter>[] = [
  ["Forename", (v) => v.forename],
  ["Surname", (v) => v.surname],
  ["Address 1", (v) => v.address1],
  ["Town", (v) => v.town],
  ["Postcode", (v) => v.postcode],
  ["Telephone", (v) => v.telephone],
];

/** A canvass return: who each person is, where they live, and how they say they will vote. */
export const CANVASS_COLUMNS: readonly ColumnSpec<Voter>[] = [
  ["Forename", (v) => v.forename],
  ["Surname", (v) => v.surname],
  ["Address 1", (v) => v.address1],
  ["Postcode", (v) => v.postcode],
  ["VI", (v) => v.vi],
];

/** A header row plus `n` invented people's canvass rows (names, addresses, voting intention). */
export function canvassRows(n: number, seed = "canvass"): string[][] {
  return project(voterRows(createRng(seed), n), CANVASS_COLUMNS).map((r) => r.map(String));
}

/** A header row plus `n` invented people's contact rows (everyone has a phone). */
export function contactRows(n: number, seed = "hidden"): string[][] {
  return project(voterRows(createRng(seed), n, { phoneRate: 1 }), CONTACT_COLUMNS).map((r) => r.map(String));
}

/** A draft from `from` (SENDER unless given) to `to` carrying `attachments`. */
export function draftWith(
  attachments: EmlAttachment[],
  to: readonly string[] = OUTSIDE,
  from: string = SENDER,
): Buffer {
  return writeEml({
    from,
    to,
    subject: "Figures",
    date: "Tue, 13 May 2008 16:42:07 +0100",
    messageId: `test.${attachments.map((a) => a.filename).join(".")}@cnparty.org.uk`,
    text: "Please find attached.\n",
    attachments,
  });
}

/** What `measured` reports: the exit code, the output, wall time and the child's peak RSS. */
export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  rssMB: number;
}

// Written to standard error as the child exits, so peak memory is the guard process's own.
const REPORT_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))";

/** Runs `node bin/guard.js ARGS` with `input` on standard input, timing it and reading its peak RSS. */
export function measured(args: string[], input?: Uint8Array | string): Measured {
  const start = performance.now();
  const run = spawnSync(process.execPath, [`--import=${REPORT_RSS}`, join(ROOT, "bin/guard.js"), ...args], {
    cwd: ROOT,
    input,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  const ms = performance.now() - start;
  const stderr = run.stderr.toString();
  const kb = Number(/maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  return {
    code: run.status,
    stdout: run.stdout.toString(),
    stderr: stderr.replace(/maxrss-kb=\d+\n/, ""),
    ms,
    rssMB: kb / 1024,
  };
}

/** The distinct rule ids of a JSON report, sorted. */
export const rulesOf = (json: { findings: { rule: string }[] }): string[] =>
  [...new Set(json.findings.map((f) => f.rule))].sort();
