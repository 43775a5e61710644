// PDFs as LibreOffice writes them (fixtures/office/make-office-fixtures.ts): tables rebuilt from
// where their text stands, people counted in running text, scans skipped, locks and damage named.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import type { Platform } from "../../../src/model/platform.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { readPdfIsolated } from "../../../src/node/read-pdf-isolated.js";
import { readPdf } from "../../../src/parse/documents/read-pdf.js";
import { type PlacedText, rebuildPdfTables } from "../../../src/parse/documents/rebuild-pdf-tables.js";
import { readAttachment } from "../../../src/parse/read-attachment.js";
import { isUkPhone, isUkPostcode } from "../../../src/validators/index.js";
import { ROOT } from "../../helpers/cli.js";

const pdf = (name: string) => new Uint8Array(readFileSync(join(ROOT, "fixtures/office", name)));
const checks = { phone: isUkPhone, postcode: isUkPostcode };
const context = (limits = DEFAULT_LIMITS, platform: Platform = nodePlatform) => ({
  platform,
  limits,
  budget: { remaining: limits.maxTotalInflatedBytes },
  checks,
});

/** A line of cells at a baseline: each [text, left edge, width]. */
const line = (y: number, cells: [string, number, number][]): PlacedText[] =>
  cells.map(([text, x, width]) => ({ text, x, y, width, size: 10 }));

describe("rebuildPdfTables", () => {
  it("finds columns in the gaps, with right-aligned numbers and a cell wrapped over two lines", () => {
    const page = [
      ...line(800, [["Ward budget 2025", 50, 90]]),
      ...line(770, [
        ["Name", 50, 30],
        ["Address", 150, 40],
        ["Age", 280, 20],
      ]),
      ...line(757, [
        ["Ann Lee", 50, 40],
        ["1 Mill Lane", 150, 55],
        ["7", 295, 5],
      ]),
      ...line(748, [["Crewe", 150, 30]]),
      ...line(736, [
        ["Bob Day", 50, 40],
        ["2 Mill Lane", 150, 55],
        ["64", 290, 10],
      ]),
      ...line(727, [["Crewe", 150, 30]]),
      ...line(715, [
        ["Cy Roe", 50, 35],
        ["3 Mill Lane", 150, 55],
        ["101", 285, 15],
      ]),
      ...line(706, [["Nantwich", 150, 40]]),
      ...line(640, [["Signed, the agent", 50, 80]]),
    ];
    const layout = rebuildPdfTables([page]);
    expect(layout.grids).toEqual([
      {
        page: 1,
        rows: [
          ["Name", "Address", "Age"],
          ["Ann Lee", "1 Mill Lane Crewe", "7"],
          ["Bob Day", "2 Mill Lane Crewe", "64"],
          ["Cy Roe", "3 Mill Lane Nantwich", "101"],
        ],
      },
    ]);
    expect(layout.text).toContain("Ward budget 2025");
    expect(layout.text).toContain("Signed, the agent");
  });

  it("carries a table on over the next page, dropping its repeated header row", () => {
    const header = line(770, [
      ["Name", 50, 30],
      ["Phone", 150, 30],
    ]);
    const page = (names: string[]) => [
      ...header,
      ...names.flatMap((n, i) =>
        line(757 - 13 * i, [
          [n, 50, 40],
          [`01632 96000${i}`, 150, 60],
        ]),
      ),
    ];
    const layout = rebuildPdfTables([page(["Ann Lee", "Bob Day"]), page(["Cy Roe", "Di Poe"])]);
    expect(layout.grids).toHaveLength(1);
    expect(layout.grids[0].rows.map((r) => r[0])).toEqual(["Name", "Ann Lee", "Bob Day", "Cy Roe", "Di Poe"]);
  });

  it("cuts an item pdf.js joined over two close cells at the space nearest the column", () => {
    const page = [
      ...line(770, [
        ["Address 2", 50, 45],
        ["Town", 110, 25],
      ]),
      ...line(757, [["Maw Green Crewe", 50, 80]]),
      ...line(744, [
        ["Mill", 50, 20],
        ["Nantwich", 110, 40],
      ]),
      ...line(731, [
        ["Oak", 50, 20],
        ["Crewe", 110, 30],
      ]),
    ];
    expect(rebuildPdfTables([page]).grids[0].rows[1]).toEqual(["Maw Green", "Crewe"]);
  });
});

describe("readPdf", () => {
  it("reads Calc's print of the 120-voter canvass: its left columns (pages 1-3) and the rest (pages 4-6) side by side", async () => {
    const read = await readPdf(pdf("canvass.pdf"), { limits: DEFAULT_LIMITS, checks });
    expect(read.issues).toEqual([]);
    expect(read.tables.map((t) => [t.name, t.rowCount])).toEqual([["Table 1 (page 1)", 121]]);
    const header = read.tables[0].sample[0];
    expect(header.slice(0, 5)).toEqual(["Elector No", "Title", "Forename", "Surname", "Address 1"]);
    expect(header.slice(-5)).toEqual(["Postcode", "Telephone", "VI", "MOSAIC", "Age"]);
  });

  it("reads Calc's print of a call sheet whose widest refs pdf.js joins to the names beside them", async () => {
    // Calc fits each column to its widest value (R10-R40 here), which stands half an em from the
    // next cell: pdf.js hands "R10 Harold Gallagher" over as one run, and no white gap divides the
    // two columns in three rows of four. R1-R9 show where the names start.
    const read = await readPdf(pdf("call-sheet.pdf"), { limits: DEFAULT_LIMITS, checks });
    const [table] = read.tables;
    expect(table.sample[0]).toEqual(["Ref", "Contact", "Postcode", "Outcome"]);
    expect(table.sample.slice(1).every((row) => row.length === 4 && /^R\d+$/.test(row[0]))).toBe(true);
    expect(table.sample.slice(1).map((row) => row[0])).toEqual(
      Array.from({ length: 40 }, (_, i) => `R${i + 1}`),
    );
    expect(table.sample[10][1]).toMatch(/^[A-Z][a-z]+ [A-Z][a-z'-]+$/);
  });

  it("reads Calc's print of a wide workbook as one table, though its later columns stand where the first did", async () => {
    // Default column widths: the second group of columns (Postcode on, from row 1 again, pages 3-4)
    // stands where the first stood; carried on as the same table it made 122 rows of mixed columns.
    const read = await readPdf(pdf("canvass-wide.pdf"), { limits: DEFAULT_LIMITS, checks });
    expect(read.tables.map((t) => [t.name, t.rowCount])).toEqual([["Table 1 (page 1)", 61]]);
    const [header, ...rows] = read.tables[0].sample;
    expect(header.slice(0, 4)).toEqual(["Elector No", "Title", "Forename", "Surname"]);
    const postcode = header.indexOf("Postcode");
    expect(postcode).toBeGreaterThan(4);
    expect(rows.every((row) => /^CW\d+ \d[A-Z]{2}$/.test(row[postcode]))).toBe(true);
    expect(header).toContain("MOSAIC");
  });

  it("counts the people a letter names in running text, as a message body's", async () => {
    const read = await readPdf(pdf("canvass-letter.pdf"), { limits: DEFAULT_LIMITS, checks });
    const people = read.tables.find((t) => t.name === "people in the text");
    expect(people?.origin).toBe("body");
    expect(people?.people).toBeGreaterThanOrEqual(5);
  });

  it("stops at the policy's page limit with TOO_LARGE, keeping what it read", async () => {
    const read = await readPdf(pdf("canvass.pdf"), { limits: { ...DEFAULT_LIMITS, maxPdfPages: 2 } });
    expect(read.issues).toMatchObject([{ code: "TOO_LARGE", detail: "6 pages, over the limit of 2" }]);
    expect(read.tables[0].rowCount).toBeGreaterThan(10);
  });

  it("reads the same in its worker as in this thread", async () => {
    const options = { limits: DEFAULT_LIMITS, prefix: "" };
    const isolated = await readPdfIsolated(pdf("canvass.pdf"), options);
    expect(isolated).toEqual(await readPdf(pdf("canvass.pdf"), { ...options, checks }));
  });
});

describe("PDF attachments", () => {
  const read = (name: string, bytes = pdf(name), platform?: Platform) =>
    readAttachment(
      { filename: name, contentType: "application/pdf", bytes },
      context(DEFAULT_LIMITS, platform),
    );

  it("skips a scan (only an image of the list) as images, neither inspected nor unreadable", async () => {
    const scan = await read("canvass-scan.pdf");
    expect(scan).toMatchObject({ type: "pdf", status: "skipped", imagesOnly: true, tables: [] });
  });

  it("names a locked PDF ENCRYPTED and a damaged one CORRUPT, in the worker and without it", async () => {
    const damaged = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF\n");
    const inProcess: Platform = { ...nodePlatform, readPdfIsolated: undefined };
    for (const platform of [nodePlatform, inProcess]) {
      expect((await read("canvass-locked.pdf", undefined, platform)).reason?.code).toBe("ENCRYPTED");
      expect((await read("damaged.pdf", damaged, platform)).reason?.code).toBe("CORRUPT");
    }
  });
});
