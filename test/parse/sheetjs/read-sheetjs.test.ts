import { readFileSync } from "node:fs";
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import type { RawTable } from "../../../src/model/table.js";
import { readWorkbookIsolated } from "../../../src/node/read-workbook-isolated.js";
import { readWithSheetJs } from "../../../src/parse/sheetjs/read-sheetjs.js";

const SHEETS = "/work/shared/corpus/sheets";
const ctx = { limits: DEFAULT_LIMITS };
const corpus = (path: string) => new Uint8Array(readFileSync(`${SHEETS}/${path}`));
const summary = (t: RawTable) => ({ name: t.name, state: t.state, rows: t.rowCount });

/** A workbook with a visible, a hidden and a very hidden sheet, a date column, a hidden row and column. */
function workbook(): XLSX.WorkBook {
  const people = XLSX.utils.aoa_to_sheet([
    ["name", "dob", "postcode"],
    ["Ann Smith", new Date(Date.UTC(1980, 4, 17)), "CW1 1AA"],
    ["Bob Jones", new Date(Date.UTC(1975, 0, 2)), "SW1A 1AA"],
    ["Cy Young", new Date(Date.UTC(2001, 11, 31)), "M1 1AE"],
  ]);
  people["!rows"] = [];
  people["!rows"][2] = { hidden: true };
  people["!cols"] = [];
  people["!cols"][2] = { hidden: true };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, people, "People");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["secret"], ["x"]]), "Hidden");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["very"]]), "VeryHidden");
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }, { Hidden: 2 }] };
  return wb;
}
const write = (bookType: XLSX.BookType) =>
  new Uint8Array(XLSX.write(workbook(), { bookType, type: "array" }) as ArrayBuffer);

describe("readWithSheetJs on files SheetJS writes", () => {
  it.each(["biff8", "xlsb", "ods", "xlsx", "biff5"] as const)(
    "%s: sheets, cells, ISO dates",
    async (bookType) => {
      const result = await readWithSheetJs(write(bookType), { ...ctx, prefix: "book#" });
      expect(result.issues).toEqual([]);
      const [people, hidden] = result.tables;
      expect(result.tables.map((t) => t.name)).toEqual(["book#People", "book#Hidden", "book#VeryHidden"]);
      expect(people.state).toBe("visible");
      expect(people.origin).toBe("sheet");
      expect(people.rowCount).toBe(4);
      expect(people.sample).toEqual([
        ["name", "dob", "postcode"],
        ["Ann Smith", "1980-05-17", "CW1 1AA"],
        ["Bob Jones", "1975-01-02", "SW1A 1AA"],
        ["Cy Young", "2001-12-31", "M1 1AE"],
      ]);
      expect(hidden.rowCount).toBe(2);
    },
  );

  it.each([
    ["biff8", ["visible", "hidden", "veryHidden"]],
    ["xlsb", ["visible", "hidden", "veryHidden"]],
    ["biff5", ["visible", "hidden", "veryHidden"]],
  ] as const)("%s keeps sheet visibility", async (bookType, states) => {
    const result = await readWithSheetJs(write(bookType), ctx);
    expect(result.tables.map((t) => t.state)).toEqual(states);
  });

  it("xlsb keeps hidden rows and columns", async () => {
    const [people] = (await readWithSheetJs(write("xlsb"), ctx)).tables;
    expect(people.sampleHidden).toEqual([false, false, true, false]);
    expect(people.hiddenRowCount).toBe(1);
    expect(people.hiddenColumns).toEqual([2]);
  });

  it("biff8 keeps hidden columns (SheetJS does not write hidden rows to xls)", async () => {
    const [people] = (await readWithSheetJs(write("biff8"), ctx)).tables;
    expect(people.hiddenColumns).toEqual([2]);
  });

  it("ods: hidden tables, rows and columns come from content.xml, which SheetJS CE ignores", async () => {
    const bytes = odsWithHiddenParts(write("ods"));
    const result = await readWithSheetJs(bytes, ctx);
    expect(result.issues).toEqual([]);
    const [people, hidden] = result.tables;
    expect(hidden.state).toBe("hidden");
    expect(people.sampleHidden).toEqual([false, false, true, false]);
    expect(people.hiddenRowCount).toBe(1);
    expect(people.hiddenColumns).toEqual([2]);
  });

  it("iterates the cells that exist, not a declared range of a million rows", async () => {
    const bytes = patchZipEntry(bookOf([["name"], ["Ann"]], "xlsx"), "/xl/worksheets/sheet1.xml", (xml) =>
      xml.replace(/<dimension ref="[^"]*"/, '<dimension ref="A1:XFD1048576"'),
    );
    const started = Date.now();
    const [t] = (await readWithSheetJs(bytes, ctx)).tables;
    expect(t.rowCount).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("ods: counts rows a repeat count stands for", async () => {
    const bytes = patchZipEntry(bookOf([["name"], ["Ann"]], "ods"), "content.xml", (xml) =>
      xml.replace(
        /(<table:table-row)>((?:(?!<table:table-row)[\s\S])*Ann)/,
        '$1 table:number-rows-repeated="1000">$2',
      ),
    );
    const [t] = (await readWithSheetJs(bytes, ctx)).tables;
    expect(t.rowCount).toBe(1001);
  });

  it("ods: refuses a repeat bomb before SheetJS expands it", async () => {
    const bytes = patchZipEntry(bookOf([["name"], ["Ann"]], "ods"), "content.xml", (xml) =>
      xml
        .replace("<table:table-row>", '<table:table-row table:number-rows-repeated="1048576">')
        .replace("<table:table-cell ", '<table:table-cell table:number-columns-repeated="16384" '),
    );
    const started = Date.now();
    expect(await readWithSheetJs(bytes, ctx)).toEqual({
      tables: [],
      issues: [{ code: "TOO_LARGE", path: "", detail: "ods-repeated-cells" }],
    });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("counts every row and keeps only the sample", async () => {
    const rows = [
      ["id", "email"],
      ...Array.from({ length: 5000 }, (_, i) => [String(i), `p${i}@example.org`]),
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Many");
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: "biff8", type: "array" }) as ArrayBuffer);
    const [t] = (await readWithSheetJs(bytes, { limits: { ...DEFAULT_LIMITS, sampleRows: 50 } })).tables;
    expect(t.rowCount).toBe(5001);
    expect(t.sample).toHaveLength(50);
  });
});

function bookOf(rows: string[][], bookType: XLSX.BookType): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Sheet1");
  return new Uint8Array(XLSX.write(wb, { bookType, type: "array" }) as ArrayBuffer);
}

/** Rewrites one XML entry of a ZIP (SheetJS's CFB module reads and writes ZIPs too). */
function patchZipEntry(bytes: Uint8Array, path: string, edit: (xml: string) => string): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: "array" });
  const entry = XLSX.CFB.find(zip, path);
  entry.content = new TextEncoder().encode(edit(new TextDecoder().decode(Uint8Array.from(entry.content))));
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: "zip", type: "array" }) as ArrayBuffer);
}

/**
 * Rewrites a SheetJS ODS so that the second table uses a `table:display="false"` style, the third
 * row of the first is collapsed and its third column is collapsed, as LibreOffice writes them.
 */
function odsWithHiddenParts(bytes: Uint8Array): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: "array" });
  const entry = XLSX.CFB.find(zip, "content.xml");
  let xml = new TextDecoder().decode(Uint8Array.from(entry.content));
  xml = xml.replace(
    "</office:automatic-styles>",
    '<style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>',
  );
  xml = xml.replace(
    /<table:table table:name="Hidden"[^>]*>/,
    '<table:table table:name="Hidden" table:style-name="taHidden">',
  );
  const people = /<table:table table:name="People"[^>]*>/.exec(xml);
  if (!people) throw new Error("unexpected SheetJS ODS");
  let at = people.index + people[0].length;
  at = xml.indexOf("<table:table-row", at);
  for (let i = 0; i < 2; i++) at = xml.indexOf("<table:table-row", at + 1);
  xml = `${xml.slice(0, at)}<table:table-row table:visibility="collapse"${xml.slice(at + "<table:table-row".length)}`;
  xml = xml.replace(
    people[0],
    `${people[0]}<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/>`,
  );
  entry.content = new TextEncoder().encode(xml);
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: "zip", type: "array" }) as ArrayBuffer);
}

describe("readWithSheetJs on the corpus", () => {
  it.each(["calamine/any_sheets.xls", "calamine/any_sheets.xlsb", "calamine/any_sheets.ods"])(
    "%s: sheet visibility",
    async (path) => {
      const { tables, issues } = await readWithSheetJs(corpus(path), ctx);
      expect(issues).toEqual([]);
      // ODS has no "very hidden": both hidden sheets are plain hidden there.
      const veryHidden = path.endsWith(".ods") ? "hidden" : "veryHidden";
      expect(tables.map((t) => [t.name, t.state])).toEqual([
        ["Visible", "visible"],
        ["Hidden", "hidden"],
        ["VeryHidden", veryHidden],
        ["Chart", "visible"],
      ]);
      expect(tables[0].sample[0]).toEqual(["1", "2"]);
    },
  );

  it.each(["calamine/date.xls", "calamine/date.xlsb", "calamine/date.ods", "calamine/date_1904.xls"])(
    "%s: dates as ISO",
    async (path) => {
      const [t] = (await readWithSheetJs(corpus(path), ctx)).tables;
      expect(t.sample[0]).toEqual(["2021-01-01", "15"]);
    },
  );

  it.each([
    "calamine/pass_protected.xlsx",
    "calamine/pass_protected.xlsb",
    "calamine/pass_protected.ods",
    "poi/password.xls",
    "poi/xor-encryption-abc.xls",
    "poi/protected_passtika.xlsx",
  ])("%s is ENCRYPTED", async (path) => {
    expect(await readWithSheetJs(corpus(path), ctx)).toEqual({
      tables: [],
      issues: [{ code: "ENCRYPTED", path: "" }],
    });
  });

  it("a sheet-protected (not encrypted) workbook reads normally", async () => {
    const { tables, issues } = await readWithSheetJs(
      corpus("poi/workbookProtection-sheet_password-2013.xlsx"),
      ctx,
    );
    expect(issues).toEqual([]);
    expect(tables[0].rowCount).toBe(1);
  });

  it("POI's hidden-sheet xls and calamine's hidden rows and columns", async () => {
    const two = await readWithSheetJs(corpus("poi/TwoSheetsOneHidden.xls"), ctx);
    expect(two.tables.map(summary)).toEqual([
      { name: "Sheet1", state: "hidden", rows: 1 },
      { name: "Sheet2", state: "visible", rows: 1 },
    ]);
    const oom = await readWithSheetJs(corpus("calamine/OOM_alloc.xls"), ctx);
    const data = oom.tables.find((t) => t.name === "Data");
    expect(data?.state).toBe("hidden");
    expect(data?.hiddenRowCount).toBeGreaterThan(0);
    expect(data?.hiddenColumns.length).toBeGreaterThan(0);
  });

  it("Excel 95 (BIFF5) text and a CJK sheet name", async () => {
    const biff5 = await readWithSheetJs(corpus("calamine/biff5-rich-text-string.xls"), ctx);
    expect(biff5.tables[0].sample[0][0]).toContain("ELECTORAL DIVISION");
    const cjk = await readWithSheetJs(corpus("calamine/issue219.xls"), ctx);
    expect(cjk.tables[0].name).toBe("工作表1");
  });

  it.each([
    "poi/clusterfuzz-testcase-minimized-POIHSSFFuzzer-4651309315719168.xls",
    "poi/clusterfuzz-testcase-minimized-POIHSSFFuzzer-5786329142919168.xls",
    "poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-5089447305609216.xlsx",
  ])("fuzzer crasher %s is CORRUPT, not a throw", async (path) => {
    const result = await readWithSheetJs(corpus(path), ctx);
    expect(result.tables).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(["CORRUPT"]);
  });

  it("calamine's repeat-bomb ODS (issue 594) is TOO_LARGE", async () => {
    const result = await readWithSheetJs(corpus("calamine/issue_594_dos.ods"), ctx);
    expect(result.issues.map((i) => i.code)).toEqual(["TOO_LARGE"]);
  });

  it("does not write to the console while reading", async () => {
    const calls: unknown[] = [];
    const saved = console.error;
    console.error = (...args: unknown[]) => calls.push(args);
    try {
      await readWithSheetJs(
        corpus("poi/clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-6594557414080512.xlsx"),
        ctx,
      );
      await readWithSheetJs(corpus("poi/SampleSS.ods"), ctx);
    } finally {
      console.error = saved;
    }
    expect(calls).toEqual([]);
  });
});

describe("readWithSheetJs never throws", () => {
  it("on arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const r = await readWithSheetJs(bytes, ctx);
        expect(Array.isArray(r.issues)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  // Through the isolated reader, as the CLI reads them: a flipped byte in a BIFF record can make
  // SheetJS allocate gigabytes (seen in CI), which must cost the worker, not the guard.
  it("on corrupted real workbooks (flipped bytes, truncations)", { timeout: 120_000 }, async () => {
    const seeds = ["biff8", "xlsb", "ods"].map((t) => write(t as XLSX.BookType));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (seed, flips, cut) => {
          const bytes = seed.slice(0, cut === undefined ? seed.length : cut % (seed.length + 1));
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          const r = await readWorkbookIsolated(bytes, { limits: ctx.limits, prefix: "" });
          expect(Array.isArray(r.tables)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
