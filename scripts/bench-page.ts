// Time from files given to the offline page (web/guard.html, in Debian's Chromium) to every
// verdict shown: the three Crewe & Nantwich workbooks picked with the file input, the Crewe
// message dropped on the page, and a canvass list printed to PDF (fixtures/office/canvass.pdf).
// Each run opens a fresh page. Beside them, in the same run and so at the same load, the CLI's
// `guard check` of the Crewe message (a whole process): the yardstick. Run after `npm run build`:
// node scripts/run-ts.mjs scripts/bench-page.ts [RUNS]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import PostalMime from "postal-mime";
import { launchChromium } from "../test/helpers/chromium.js";

const runs = Number(process.argv[2] ?? 5);
const page = pathToFileURL(join(process.cwd(), "web/guard.html")).href;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const eml = readFileSync(join(process.cwd(), "fixtures/incidents/crewe-nantwich-2008.eml"));
const workbooks = (await PostalMime.parse(eml)).attachments.map((a) => ({
  name: a.filename ?? "",
  mimeType: a.mimeType,
  buffer: Buffer.from(a.content as ArrayBuffer),
}));

const pdf = {
  name: "canvass.pdf",
  mimeType: "application/pdf",
  buffer: readFileSync(join(process.cwd(), "fixtures/office/canvass.pdf")),
};
const crewe = { name: "crewe.eml", mimeType: "message/rfc822", buffer: eml };
type Case = "pick" | "drop" | "pdf";
const WHAT: Record<Case, string> = {
  pick: "3 Crewe workbooks picked",
  drop: "Crewe .eml dropped",
  pdf: "canvass.pdf dropped (4 pages, 120 people)",
};

/** Milliseconds from handing the files to the page to its showing every verdict. */
async function timed(browser: Browser, give: Case): Promise<number> {
  const tab = await browser.newPage();
  await tab.goto(page);
  const started = performance.now();
  if (give === "pick") await tab.locator("#pick").setInputFiles(workbooks);
  else await tab.locator("#drop").drop({ files: give === "pdf" ? pdf : crewe });
  const count = give === "pick" ? workbooks.length : 1;
  await tab.waitForSelector(`body[data-checked="${count}"]`, { timeout: 300_000 });
  const ms = performance.now() - started;
  await tab.close();
  return ms;
}

/** Milliseconds of `guard check` on the Crewe message (exit 2: blocked). */
function cliCheck(): number {
  const started = performance.now();
  try {
    execFileSync(process.execPath, ["bin/guard.js", "check", "fixtures/incidents/crewe-nantwich-2008.eml"]);
  } catch (error) {
    if ((error as { status?: number }).status !== 2) throw error;
  }
  return performance.now() - started;
}

const line = (what: string, times: number[]): string =>
  `${what}: median_s=${(median(times) / 1000).toFixed(2)} runs=${times.map((t) => (t / 1000).toFixed(2)).join(",")}`;

const browser = await launchChromium();
const cli: number[] = [];
try {
  for (const give of ["pick", "drop", "pdf"] as const) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      times.push(await timed(browser, give));
      cli.push(cliCheck());
    }
    console.log(line(`bench page ${WHAT[give]}`, times));
  }
  console.log(line("yardstick guard check crewe-nantwich-2008.eml (CLI, same run)", cli));
} finally {
  await browser.close();
}
