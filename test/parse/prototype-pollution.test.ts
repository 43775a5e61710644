// Names that are special to JavaScript objects (`__proto__`, `constructor`, `prototype`) as sheet
// names, shared strings, headers and pivot field names: reading works and nothing leaks into
// Object.prototype. Run in-process through the core, where a pollution would be visible.
import * as XLSX from "@e965/xlsx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspectFile, readFileTables } from "../../src/core.js";
import { testEngine } from "../helpers/rules.js";
import { makeZip } from "./container/make-zip.js";

const NAMES = ["__proto__", "constructor", "prototype"];
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const before = {
  names: Object.getOwnPropertyNames(Object.prototype).sort(),
  toString: Object.prototype.toString,
  hasOwnProperty: Object.prototype.hasOwnProperty,
};

/** Everything a pollution would change, as checked after each read. */
function expectPrototypeUntouched() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before.names);
  expect(Object.prototype.toString).toBe(before.toString);
  expect(Object.prototype.hasOwnProperty).toBe(before.hasOwnProperty);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(Object.getPrototypeOf([])).toBe(Array.prototype);
}

/**
 * A workbook written by hand: sheets named `__proto__`, `constructor` and `prototype`, whose header
 * cells are those words from the shared strings, and a pivot cache whose fields are named so too.
 */
function hostileNamesWorkbook(): Uint8Array {
  const strings = [...NAMES, "polluted", "Surname", "Smith", "Jones"];
  const sst = `<sst xmlns="${NS}" count="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
  const row = (r: number, cells: number[]) =>
    `<row r="${r}">${cells.map((s, c) => `<c r="${"ABCDE"[c]}${r}" t="s"><v>${s}</v></c>`).join("")}</row>`;
  const sheet = `<worksheet xmlns="${NS}"><sheetData>${row(1, [0, 1, 2, 3, 4])}${row(2, [3, 3, 3, 3, 5])}${row(3, [3, 3, 3, 3, 6])}</sheetData></worksheet>`;
  const fields = [...NAMES, "polluted"]
    .map(
      (n) =>
        `<cacheField name="${n}"><sharedItems><s v="polluted"/><s v="__proto__"/></sharedItems></cacheField>`,
    )
    .join("");
  const rels = (items: string[]) =>
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;
  return makeZip([
    { name: "_rels/.rels", data: rels([rel("rId1", "officeDocument", "xl/workbook.xml")]) },
    {
      name: "xl/workbook.xml",
      data: `<workbook xmlns="${NS}" xmlns:r="${R}"><sheets>${NAMES.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets><pivotCaches><pivotCache cacheId="1" r:id="rId9"/></pivotCaches></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: rels([
        ...NAMES.map((_, i) => rel(`rId${i + 1}`, "worksheet", `worksheets/sheet${i + 1}.xml`)),
        rel("rId8", "sharedStrings", "sharedStrings.xml"),
        rel("rId9", "pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml"),
      ]),
    },
    { name: "xl/sharedStrings.xml", data: sst },
    ...NAMES.map((_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet })),
    {
      name: "xl/pivotCache/pivotCacheDefinition1.xml",
      data: `<pivotCacheDefinition xmlns="${NS}"><cacheFields count="4">${fields}</cacheFields></pivotCacheDefinition>`,
    },
    {
      name: "xl/pivotCache/pivotCacheRecords1.xml",
      data: `<pivotCacheRecords xmlns="${NS}"><r><x v="0"/><x v="1"/><x v="0"/><s v="constructor"/></r></pivotCacheRecords>`,
    },
  ]);
}

describe("names special to JavaScript objects", () => {
  const engine = testEngine();
  beforeEach(expectPrototypeUntouched);
  afterEach(expectPrototypeUntouched);

  it("an xlsx with such sheet names, shared strings and pivot fields is read", async () => {
    const bytes = hostileNamesWorkbook();
    const read = await readFileTables(bytes, "names.xlsx", engine);
    expect(read.status).toBe("inspected");
    expect(read.tables.map((t) => t.name)).toEqual([...NAMES, "pivot cache 1"]);
    expect(read.tables[0].sample[0]).toEqual([...NAMES, "polluted", "Surname"]);
    expect(read.tables[3].sample).toEqual([
      [...NAMES, "polluted"],
      ["polluted", "__proto__", "polluted", "constructor"],
    ]);
    const verdict = await inspectFile(bytes, "names.xlsx", engine);
    expect(verdict.attachments[0].tables.map((t) => t.columns.map((c) => c.header))[0]).toEqual([
      ...NAMES,
      "polluted",
      "Surname",
    ]);
  });

  it("a CSV whose header row is __proto__,constructor is read", async () => {
    const surnames = ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts"];
    const rows = surnames.map((name, i) => `polluted,__proto__,${name},CW1 ${i + 1}AB`);
    const csv = ["__proto__,constructor,Surname,Postcode", ...rows].join("\n");
    const verdict = await inspectFile(new TextEncoder().encode(csv), "names.csv", engine);
    expect(verdict.attachments[0].status).toBe("inspected");
    const table = verdict.attachments[0].tables[0];
    expect(table.columns.map((c) => c.header)).toEqual(["__proto__", "constructor", "Surname", "Postcode"]);
    expect(table.rows).toBe(8);
    expect(table.columns[2].tags).toContain("pii.name");
  });

  for (const bookType of ["ods", "xls"] as const) {
    it(`an ${bookType} with such sheet names and headers is read`, async () => {
      const wb = XLSX.utils.book_new();
      for (const name of ["constructor", "prototype", "toString"]) {
        XLSX.utils.book_append_sheet(
          wb,
          XLSX.utils.aoa_to_sheet([
            [...NAMES, "polluted"],
            ["polluted", "__proto__", "constructor", "x"],
          ]),
          name,
        );
      }
      const bytes = new Uint8Array(XLSX.write(wb, { type: "buffer", bookType }));
      const read = await readFileTables(bytes, `names.${bookType}`, engine);
      expect(read.status).toBe("inspected");
      expect(read.tables.map((t) => t.name)).toEqual(["constructor", "prototype", "toString"]);
      expect(read.tables[0].sample[0]).toEqual([...NAMES, "polluted"]);
      await inspectFile(bytes, `names.${bookType}`, engine);
    });
  }
});
