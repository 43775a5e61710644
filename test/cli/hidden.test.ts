// Personal data a reader of the file would not see: each case is a draft a user could send, run
// through the CLI, asserting the exit code and the rule ids the user would read.
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../fixtures/gen/index.js";
import { guard, guardJson } from "../helpers/cli.js";
import { COLLEAGUES, contactRows, draftWith, rulesOf } from "../helpers/drafts.js";
import { expectHiddenBlock, hiddenFindings } from "../helpers/hidden.js";
import { makeZip, partText, repack } from "../parse/container/make-zip.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Harmless figures about wards, no one in them. */
const TOTALS = [
  ["Ward", "Households", "Leaflets delivered"],
  ["Crewe North", 1840, 1702],
  ["Crewe South", 2210, 1999],
  ["Nantwich", 1460, 1388],
];

describe("hidden personal data in workbooks, through guard check", () => {
  it("blocks a very hidden sheet of 50 people behind a sheet of totals, and says so", async () => {
    const book = writeWorkbook([
      { name: "Totals", rows: TOTALS },
      { name: "Contacts", rows: contactRows(50), hidden: "very" },
    ]);
    const draft = draftWith([{ filename: "ward-totals.xlsx", content: book }]);
    await expectHiddenBlock(draft, "Contacts", "the sheet is very hidden");
    const text = await guard(["check", "-"], draft);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('hidden-personal-data  (ward-totals.xlsx > "Contacts")');
    expect(text.stdout).toContain("the sheet is very hidden");
  });

  it("blocks 30 people kept only in a pivot cache behind an aggregate table, and names the cache", async () => {
    const draft = draftWith([{ filename: "pivot.xlsx", content: Buffer.from(pivotWorkbook(30)) }]);
    const json = await expectHiddenBlock(draft, "pivot cache 1", "pivot table's cache");
    const cache = json.attachments[0].tables.find((t: { name: string }) => t.name === "pivot cache 1");
    expect(cache.rows).toBe(30);
    const text = (await guard(["check", "-"], draft)).stdout;
    expect(text).toContain('hidden-personal-data  (pivot.xlsx > "pivot cache 1")');
    expect(text).toContain("pivot table's cache");
  });

  it("warns about people in hidden rows, sent to colleagues", async () => {
    const ws = XLSX.utils.aoa_to_sheet([...TOTALS, [], ...contactRows(20)]);
    ws["!rows"] = Array.from({ length: 26 }, (_, i) => ({ hidden: i >= 4 }));
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([xlsxAttachment("rows.xlsx", ws)], COLLEAGUES),
    );
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["hidden-personal-data"]);
    expect(hiddenFindings(json)[0].message).toContain("21 rows hidden");
  });

  it("warns about names and phones in hidden columns beside visible figures", async () => {
    const people = contactRows(15);
    const rows = people.map((p, i) => [i === 0 ? "Leaflets" : 10 + i, p[0], p[1], p[5]]);
    const ws = XLSX.utils.aoa_to_sheet(rows);
    ws["!cols"] = [{}, { hidden: true }, { hidden: true }, { hidden: true }];
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([xlsxAttachment("cols.xlsx", ws)], COLLEAGUES),
    );
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["hidden-personal-data"]);
    expect(hiddenFindings(json)[0].message).toContain('hidden columns "Forename", "Surname", "Telephone"');
  });

  it("warns about people's names and phones in cell comments", async () => {
    const ws = XLSX.utils.aoa_to_sheet(TOTALS);
    // One comment per cell, as Excel writes them: the author's line, then the note.
    contactRows(12)
      .slice(1)
      .forEach((p, i) => {
        const cell = ws[XLSX.utils.encode_cell({ r: Math.floor(i / 3), c: i % 3 })];
        XLSX.utils.cell_add_comment(cell, `Agent:\n${p[0]} ${p[1]}, ${p[5]}`, "Agent");
      });
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([xlsxAttachment("notes.xlsx", ws)], COLLEAGUES),
    );
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["hidden-personal-data"]);
    expect(hiddenFindings(json)[0]).toMatchObject({ table: "comments on Sheet1" });
    expect(hiddenFindings(json)[0].message).toContain("it sits in cell comments");
  });

  for (const bookType of ["ods", "xls"] as const) {
    it(`blocks a hidden sheet of people in an ${bookType.toUpperCase()} file`, async () => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(TOTALS), "Totals");
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(contactRows(50)), "Contacts");
      XLSX.utils.book_set_sheet_visibility(wb, "Contacts", 1);
      let content = Buffer.from(XLSX.write(wb, { type: "buffer", bookType }));
      // SheetJS writes every ODS table visible; hide it as LibreOffice does, by a table style.
      if (bookType === "ods") content = Buffer.from(hideOdsTable(content, "Contacts"));
      await expectHiddenBlock(
        draftWith([{ filename: `totals.${bookType}`, content }]),
        "Contacts",
        "the sheet is hidden",
      );
    });
  }
});

/** Adds a `table:display="false"` table style and gives it to the named table. */
function hideOdsTable(ods: Uint8Array, name: string): Uint8Array {
  const content = partText(ods, "content.xml")
    .replace(
      "</office:automatic-styles>",
      '<style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>',
    )
    .replace(
      `table:name="${name}" table:style-name="ta1"`,
      `table:name="${name}" table:style-name="taHidden"`,
    );
  return repack(ods, { "content.xml": content });
}

function xlsxAttachment(filename: string, ws: XLSX.WorkSheet) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Sheet1");
  return {
    filename,
    contentType: XLSX_TYPE,
    content: Buffer.from(XLSX.write(wb, { type: "buffer", bookType: "xlsx" })),
  };
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/**
 * A workbook as Excel leaves it after the source sheet of a pivot table is deleted: the visible
 * sheet holds only the pivot's aggregate (households per town), while the pivot cache still
 * holds every person's record. Parts and relationships are wired as Excel writes them.
 */
function pivotWorkbook(people: number): Uint8Array {
  const [header, ...rows] = contactRows(people, "pivot");
  const towns = [...new Set(rows.map((r) => r[3]))];
  const sheetRows = [
    ["Town", "Count of Surname"],
    ...towns.map((t) => [t, String(rows.filter((r) => r[3] === t).length)]),
    ["Grand Total", String(rows.length)],
  ];
  const cell = (v: string, ref: string) =>
    /^\d+$/.test(v)
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${sheetRows
    .map((r, i) => `<row r="${i + 1}">${r.map((v, c) => cell(v, `${"AB"[c]}${i + 1}`)).join("")}</row>`)
    .join("")}</sheetData></worksheet>`;
  // Town is a shared-items field referenced by index, as Excel does for low-cardinality fields;
  // the other fields are written inline in each record.
  const fields = header
    .map((name) =>
      name === "Town"
        ? `<cacheField name="Town" numFmtId="0"><sharedItems count="${towns.length}">${towns.map((t) => `<s v="${esc(t)}"/>`).join("")}</sharedItems></cacheField>`
        : `<cacheField name="${esc(name)}" numFmtId="0"><sharedItems/></cacheField>`,
    )
    .join("");
  const definition = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheDefinition xmlns="${NS}" xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" recordCount="${rows.length}"><cacheSource type="worksheet"><worksheetSource ref="A1:F${people + 1}" sheet="Contacts"/></cacheSource><cacheFields count="${header.length}">${fields}</cacheFields></pivotCacheDefinition>`;
  const records = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheRecords xmlns="${NS}" xmlns:r="${R}" count="${rows.length}">${rows
    .map(
      (r) =>
        `<r>${r.map((v, i) => (header[i] === "Town" ? `<x v="${towns.indexOf(v)}"/>` : `<s v="${esc(v)}"/>`)).join("")}</r>`,
    )
    .join("")}</pivotCacheRecords>`;
  const pivotTable = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotTableDefinition xmlns="${NS}" name="PivotTable1" cacheId="1" dataCaption="Values"><location ref="A1:B${sheetRows.length}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>`;
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;
  const rels = (...items: string[]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
  const ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  return makeZip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/><Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="${ct}.pivotCacheDefinition+xml"/><Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="${ct}.pivotCacheRecords+xml"/><Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="${ct}.pivotTable+xml"/></Types>`,
    },
    { name: "_rels/.rels", data: rels(rel("rId1", "officeDocument", "xl/workbook.xml")) },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="Summary" sheetId="1" r:id="rId1"/></sheets><pivotCaches><pivotCache cacheId="1" r:id="rId2"/></pivotCaches></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: rels(
        rel("rId1", "worksheet", "worksheets/sheet1.xml"),
        rel("rId2", "pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml"),
      ),
    },
    { name: "xl/worksheets/sheet1.xml", data: sheet },
    {
      name: "xl/worksheets/_rels/sheet1.xml.rels",
      data: rels(rel("rId1", "pivotTable", "../pivotTables/pivotTable1.xml")),
    },
    { name: "xl/pivotTables/pivotTable1.xml", data: pivotTable },
    {
      name: "xl/pivotTables/_rels/pivotTable1.xml.rels",
      data: rels(rel("rId1", "pivotCacheDefinition", "../pivotCache/pivotCacheDefinition1.xml")),
    },
    { name: "xl/pivotCache/pivotCacheDefinition1.xml", data: definition },
    {
      name: "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
      data: rels(rel("rId1", "pivotCacheRecords", "pivotCacheRecords1.xml")),
    },
    { name: "xl/pivotCache/pivotCacheRecords1.xml", data: records },
  ]);
}
