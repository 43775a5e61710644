// Time from files given to the offline page (web/guard.html, in Debian's Chromium) to every
// verdict shown: the three Crewe & Nantwich workbooks picked with the file input, and the Crewe
// message dropped on the page. Each run opens a fresh page. Run after `npm run build`:
// node scripts/run-ts.mjs scripts/bench-page.ts [RUNS]
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

/** Milliseconds from handing the files to the page to its showing `count` verdicts. */
async function timed(browser: Browser, give: "pick" | "drop"): Promise<number> {
  const tab = await browser.newPage();
  await tab.goto(page);
  const started = performance.now();
  if (give === "pick") await tab.locator("#pick").setInputFiles(workbooks);
  else
    await tab
      .locator("#drop")
      .drop({ files: { name: "crewe.eml", mimeType: "message/rfc822", buffer: eml } });
  const count = give === "pick" ? workbooks.length : 1;
  await tab.waitForSelector(`body[data-checked="${count}"]`, { timeout: 300_000 });
  const ms = performance.now() - started;
  await tab.close();
  return ms;
}

const browser = await launchChromium();
try {
  for (const give of ["pick", "drop"] as const) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timed(browser, give));
    const what = give === "pick" ? "3 Crewe workbooks picked" : "Crewe .eml dropped";
    console.log(
      `bench page ${what}: median_s=${(median(times) / 1000).toFixed(2)} runs=${times.map((t) => (t / 1000).toFixed(2)).join(",")}`,
    );
  }
} finally {
  await browser.close();
}
