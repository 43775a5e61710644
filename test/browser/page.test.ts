import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { guard as Guard } from "../../src/browser/core-bundle.js";
import { chromiumOrSkip, launchChromium } from "../helpers/chromium.js";
import { ROOT } from "../helpers/cli.js";

// Issue 15, item 2: the offline page (web/guard.html, built by `npm run build`) in real Chromium,
// driven as a person would: files dropped on it or picked with its file input. Every request the
// page makes is counted and blocked: a page that checks data must send none. One Chromium serves
// every test here; screenshots go to test-results/ (CI keeps them as artifacts).
const PAGE = pathToFileURL(join(ROOT, "web/guard.html")).href;
const SHOTS = join(ROOT, "test-results");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The page's globals this test reaches for (the tests are typed without the DOM library). */
interface InPage {
  guard: typeof Guard;
  document: { getElementById(id: string): { textContent: string | null } | null };
}

interface Dropped {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The attachments of a fixture message, read with a real MIME parser. */
async function attachmentsOf(path: string): Promise<Dropped[]> {
  const email = await PostalMime.parse(readFileSync(join(ROOT, path)));
  return email.attachments.map((a) => ({
    name: a.filename ?? "attachment",
    mimeType: a.mimeType,
    buffer: Buffer.from(a.content as ArrayBuffer),
  }));
}

const missing = chromiumOrSkip("the page tests");

let browser: Browser;
let context: BrowserContext;
/** Every request any page of the context made, the page's own file:// URL left out. */
const requests: string[] = [];

beforeAll(async () => {
  if (missing) return;
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  // The page's own file is let through; anything else is counted and refused.
  await context.route("**/*", (route) => (route.request().url() === PAGE ? route.continue() : route.abort()));
  context.on("request", (request) => {
    if (request.url() !== PAGE) requests.push(request.url());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(PAGE);
  return page;
}

/** Waits for the page to have checked `count` files and gives the overall verdict it shows. */
async function verdictAfter(page: Page, count: number): Promise<string | null> {
  await page.waitForSelector(`body[data-checked="${count}"]`, { timeout: 120_000 });
  return page.locator("#overall").getAttribute("data-verdict");
}

describe.skipIf(missing !== undefined)("the offline page in Chromium", () => {
  it("blocks the Crewe & Nantwich workbooks picked with its file input, naming sheets, columns and people", {
    timeout: 180_000,
  }, async () => {
    const page = await openPage();
    const files = await attachmentsOf("fixtures/incidents/crewe-nantwich-2008.eml");
    expect(files.map((f) => f.name)).toEqual(["Crewe_North.xlsx", "Crewe_South.xlsx", "Nantwich.xlsx"]);
    const started = Date.now();
    await page.locator("#pick").setInputFiles(files);
    expect(await verdictAfter(page, 3)).toBe("block");
    console.log(`page: the three Crewe workbooks checked in ${Date.now() - started} ms`);
    const north = page.locator(".card", { hasText: "Crewe_North.xlsx" }).first();
    expect(await north.getAttribute("data-verdict")).toBe("block");
    const text = await north.innerText();
    expect(text).toMatch(/^Crewe_North\.xlsx\s+BLOCK: do not send this as it is\./);
    expect(text).toContain("x BLOCK sensitive-to-external");
    expect(text).toContain('"Crewe North"');
    expect(text).toContain("2,900 people");
    expect(text).toContain("columns: VI, MOSAIC");
    expect(text).toContain("What to do:");
    // Samples are masked: a postcode shows its outward code only.
    expect(text).toMatch(/CW\d{1,2} \*\*\*/);
    await page.screenshot({ path: join(SHOTS, "page-crewe.png"), fullPage: true });
    await page.screenshot({ path: join(SHOTS, "page-crewe-top.png") });
    await page.close();
  });

  it("blocks the Crewe & Nantwich message dropped on it, and allows a harmless budget", {
    timeout: 180_000,
  }, async () => {
    const page = await openPage();
    const eml = readFileSync(join(ROOT, "fixtures/incidents/crewe-nantwich-2008.eml"));
    await page
      .locator("#drop")
      .drop({ files: { name: "crewe-nantwich-2008.eml", mimeType: "message/rfc822", buffer: eml } });
    expect(await verdictAfter(page, 1)).toBe("block");
    const card = page.locator(".card").first();
    const rules = await Promise.all(
      (await card.locator(".finding").all()).map((f) => f.getAttribute("data-rule")),
    );
    expect(rules).toEqual(expect.arrayContaining(["sensitive-to-external", "personal-data-to-external"]));
    await page.close();

    const clean = await openPage();
    const budget = await attachmentsOf("fixtures/drafts/ward-budget.eml");
    await clean.locator("#drop").drop({ files: budget });
    expect(await verdictAfter(clean, 1)).toBe("allow");
    expect(await clean.locator(".card").first().innerText()).toContain(
      "ALLOW: nothing found that should stop this.",
    );
    await clean.screenshot({ path: join(SHOTS, "page-budget.png"), fullPage: true });
    await clean.close();
  });

  it("shows a damaged workbook as not inspected, and blocks it", { timeout: 180_000 }, async () => {
    const page = await openPage();
    const [north] = await attachmentsOf("fixtures/incidents/crewe-nantwich-2008.eml");
    const damaged = {
      name: "damaged.xlsx",
      mimeType: XLSX,
      buffer: north.buffer.subarray(0, north.buffer.length >> 1),
    };
    await page.locator("#drop").drop({ files: damaged });
    expect(await verdictAfter(page, 1)).toBe("block");
    const text = await page.locator(".card").first().innerText();
    expect(text).toContain("uninspectable-to-external");
    expect(text).toContain("not inspected, it is damaged or not what its type says (CORRUPT)");
    await page.screenshot({ path: join(SHOTS, "page-damaged.png"), fullPage: true });
    await page.close();
  });

  it("reads PDFs with pdf.js in its worker: a canvass list printed to PDF blocked, a locked one not inspected", {
    timeout: 180_000,
  }, async () => {
    const page = await openPage();
    const pdf = (name: string) => ({
      name,
      mimeType: "application/pdf",
      buffer: readFileSync(join(ROOT, "fixtures/office", name)),
    });
    await page.locator("#drop").drop({ files: [pdf("canvass.pdf"), pdf("canvass-locked.pdf")] });
    expect(await verdictAfter(page, 2)).toBe("block");
    const canvass = await page.locator(".card", { hasText: "canvass.pdf" }).first().innerText();
    expect(canvass).toContain("x BLOCK sensitive-to-external");
    expect(canvass).toContain('"Table 1 (page 1)"');
    expect(canvass).toContain("120 people");
    expect(canvass).toContain("columns: VI, MOSAIC");
    const locked = await page.locator(".card", { hasText: "canvass-locked.pdf" }).first().innerText();
    expect(locked).toContain("uninspectable-to-external");
    expect(locked).toContain("(ENCRYPTED)");
    await page.screenshot({ path: join(SHOTS, "page-pdf.png"), fullPage: true });
    await page.close();
  });

  it("ends a check that outlasts its time limit as uninspectable (TIMEOUT), blocked", {
    timeout: 120_000,
  }, async () => {
    const page = await openPage();
    const [north] = await attachmentsOf("fixtures/incidents/crewe-nantwich-2008.eml");
    const report = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const g = globalThis as unknown as InPage;
      const source = g.document.getElementById("guard-core")?.textContent ?? "";
      const workerUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      return g.guard.checkInWorker({ name: "Crewe_North.xlsx", bytes }, { workerUrl, timeoutMs: 1 });
    }, north.buffer.toString("base64"));
    expect(report.action).toBe("block");
    expect(report.issues.map((i) => i.code)).toEqual(["TIMEOUT"]);
    expect(report.findings.map((f) => f.rule)).toEqual(["uninspectable-to-external"]);
    await page.close();
  });

  it("made no request at all besides opening its own file", () => {
    expect(requests).toEqual([]);
  });
});
