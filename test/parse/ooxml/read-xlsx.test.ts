import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Limits } from "../../../src/model/limits.js";
import type { RawTable } from "../../../src/model/table.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { isDateFormat } from "../../../src/parse/excel-date.js";
import { serialToIsoDate } from "../../../src/parse/ooxml/cell-text.js";
import { readXlsx } from "../../../src/parse/ooxml/read-xlsx.js";
import { makeZip, partText, repack } from "../container/make-zip.js";

const ctx = (limits: Partial<Limits> = {}, extra: { prefix?: string; depth?: number } = {}) => ({
  platform: nodePlatform,
  limits: { ...DEFAULT_LIMITS, ...limits },
  budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
  ...extra,
});

function write(wb: XLSX.WorkBook, options: Partial<XLSX.WritingOptions> = {}): Uint8Array {
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx", ...options }));
}

function book(sheets: Record<string, XLSX.WorkSheet>, hidden?: (0 | 1 | 2)[]): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  if (hidden) wb.Workbook = { Sheets: hidden.map((Hidden) => ({ Hidden })) };
  return wb;
}

const byName = (tables: RawTable[], name: string): RawTable => {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name} in ${tables.map((t) => t.name).join(", ")}`);
  return table;
};

const voters = (): XLSX.WorkSheet => {
  const ws = XLSX.utils.aoa_to_sheet(
    [
      ["Name", "Date of birth", "Postcode", "Notes"],
      ["Jane Smith", new Date(Date.UTC(1980, 4, 17)), "CW1 2AB", "likes cats"],
      ["John Brown", new Date(Date.UTC(1900, 0, 1)), "M1 1AA", ""],
      [],
      ["Mary Jones", new Date(Date.UTC(2024, 1, 29)), "SW1A 1AA", 42],
    ],
    { cellDates: true },
  );
  ws["!rows"] = [{}, {}, { hidden: true }];
  ws["!cols"] = [{}, {}, { hidden: true }];
  return ws;
};

describe("readXlsx on workbooks written by SheetJS", () => {
  for (const bookSST of [false, true]) {
    it(`reads names, states, cells, dates, hidden rows and columns (bookSST ${bookSST})`, () => {
      const wb = book(
        {
          Voters: voters(),
          Secret: XLSX.utils.aoa_to_sheet([["ssn"], ["078-05-1120"]]),
          Old: XLSX.utils.aoa_to_sheet([["x"]]),
        },
        [0, 2, 1],
      );
      const { tables, issues } = readXlsx(write(wb, { bookSST }), ctx());
      expect(issues).toEqual([]);
      expect(tables.map((t) => [t.name, t.origin, t.state])).toEqual([
        ["Voters", "sheet", "visible"],
        ["Secret", "sheet", "veryHidden"],
        ["Old", "sheet", "hidden"],
      ]);
      const v = byName(tables, "Voters");
      expect(v.sample).toEqual([
        ["Name", "Date of birth", "Postcode", "Notes"],
        ["Jane Smith", "1980-05-17", "CW1 2AB", "likes cats"],
        ["John Brown", "1900-01-01", "M1 1AA"],
        ["Mary Jones", "2024-02-29", "SW1A 1AA", "42"],
      ]);
      expect(v.sampleHidden).toEqual([false, false, true, false]);
      expect(v).toMatchObject({ rowCount: 4, hiddenRowCount: 1, hiddenColumns: [2] });
      expect(byName(tables, "Secret").sample).toEqual([["ssn"], ["078-05-1120"]]);
    });
  }

  it("counts every row but samples only sampleRows", () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [`name ${i}`, i]);
    const { tables } = readXlsx(
      write(book({ Big: XLSX.utils.aoa_to_sheet(rows) })),
      ctx({ sampleRows: 100 }),
    );
    expect(tables[0].rowCount).toBe(2500);
    expect(tables[0].sample).toHaveLength(100);
    expect(tables[0].sample[99]).toEqual(["name 99", "99"]);
  });

  it("counts hidden rows past the sample, and skips blank ones", () => {
    const rows: (string | number)[][] = Array.from({ length: 300 }, (_, i) => [`name ${i}`, i]);
    const ws = XLSX.utils.aoa_to_sheet(rows);
    ws["!rows"] = [];
    ws["!rows"][150] = { hidden: true };
    ws["!rows"][250] = { hidden: true };
    // Two blank rows past the sample: styled but empty cells do not count.
    ws.A301 = { t: "s", v: "" };
    ws.A302 = { t: "s", v: "" };
    ws["!ref"] = "A1:B302";
    const { tables } = readXlsx(write(book({ Big: ws })), ctx({ sampleRows: 100 }));
    expect(tables[0].rowCount).toBe(300);
    expect(tables[0].hiddenRowCount).toBe(2);
  });

  it("puts the prefix before table names", () => {
    const { tables } = readXlsx(write(book({ S: voters() })), ctx({}, { prefix: "inner.zip/book.xlsx#" }));
    expect(tables[0].name).toBe("inner.zip/book.xlsx#S");
  });

  it("reads comments and threaded comments into a comments table", () => {
    const ws = XLSX.utils.aoa_to_sheet([["Name"], ["Jane"]]);
    ws.A1.c = [{ a: "Boss", t: "Jane's NI number is QQ123456C" }];
    ws.A2.c = [{ a: "Boss", t: "threaded one", T: true }];
    const { tables } = readXlsx(write(book({ Staff: ws })), ctx());
    const comments = byName(tables, "comments on Staff");
    expect(comments.origin).toBe("comments");
    expect(comments.sample).toContainEqual(["A1", "Jane's NI number is QQ123456C"]);
    expect(comments.sample).toContainEqual(["A2", "threaded one"]);
  });

  it("reads an embedded workbook with its own prefix and origin", () => {
    const inner = write(book({ Hidden: XLSX.utils.aoa_to_sheet([["email"], ["a@example.com"]]) }));
    const outer = repack(write(book({ Cover: XLSX.utils.aoa_to_sheet([["see attached"]]) })), {
      "xl/embeddings/Microsoft_Excel_Worksheet.xlsx": inner,
      "xl/embeddings/oleObject1.bin": "not a workbook",
    });
    const { tables, issues } = readXlsx(outer, ctx({}, { prefix: "b.xlsx#" }));
    const embedded = byName(tables, "b.xlsx#embedded/Microsoft_Excel_Worksheet.xlsx#Hidden");
    expect(embedded.origin).toBe("embedded");
    expect(embedded.sample).toEqual([["email"], ["a@example.com"]]);
    expect(issues).toEqual([
      { code: "UNSUPPORTED", path: "b.xlsx#embedded/oleObject1.bin", detail: "embedded object" },
    ]);
    // Past maxDepth the embedded workbook is reported, not read.
    const deep = readXlsx(outer, ctx({ maxDepth: 0 }));
    expect(deep.tables.map((t) => t.name)).toEqual(["Cover"]);
    expect(deep.issues).toContainEqual({ code: "TOO_DEEP", path: "embedded/Microsoft_Excel_Worksheet.xlsx" });
  });
});

// A hand-written package, to reach what SheetJS does not write.
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
function handBook(parts: {
  sheet: string;
  workbook?: string;
  strings?: string;
  styles?: string;
  extra?: Record<string, string>;
}) {
  return makeZip(
    Object.entries({
      "_rels/.rels": `<Relationships><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      "xl/workbook.xml":
        parts.workbook ??
        `<workbook xmlns:r="${REL}"><sheets><sheet name="Main" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships>
        <Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>
        <Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>
        <Relationship Id="rId3" Type="${REL}/styles" Target="./styles.xml"/></Relationships>`,
      "xl/worksheets/sheet1.xml": parts.sheet,
      "xl/sharedStrings.xml": parts.strings ?? "<sst/>",
      "xl/styles.xml": parts.styles ?? "<styleSheet/>",
      ...parts.extra,
    }).map(([name, data]) => ({ name, data })),
  );
}

describe("readXlsx on hand-written packages", () => {
  it("reads inline, rich and phonetic strings, entities, escapes, booleans and errors", () => {
    const bytes = handBook({
      strings: `<sst><si><t>plain</t></si><si><r><t>ri</t></r><r><rPr/><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t>line_x000D_break</t></si></sst>`,
      sheet: `<x:worksheet xmlns:x="main"><x:sheetData>
        <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>2</x:v></x:c></x:row>
        <x:row><x:c t="inlineStr"><x:is><x:r><x:t>Tom &amp; Jerry &#233;&#x263A;</x:t></x:r></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:v><![CDATA[<cdata>]]></x:v></x:c></x:row>
        <x:row r="9"><x:c r="B9"><x:v>0.10000000000000001</x:v></x:c><x:c r="C9"><x:v>1.5E+3</x:v></x:c><x:c r="D9" s="3"/><x:c r="XFE9"><x:v>9</x:v></x:c></x:row>
      </x:sheetData></x:worksheet>`,
    });
    const { tables, issues } = readXlsx(bytes, ctx());
    expect(issues).toEqual([]);
    expect(tables[0].sample).toEqual([
      ["plain", "", "rich ", "line\rbreak"],
      ["Tom & Jerry é☺", "TRUE", "#N/A", "<cdata>"],
      ["", "0.1", "1500"],
    ]);
  });

  it("turns date-styled numbers into ISO dates, in both date systems, and leaves times alone", () => {
    const styles = `<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/>
      <numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="&quot;day&quot; 0"/></numFmts>
      <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>
      <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/></cellXfs></styleSheet>`;
    const sheet = `<worksheet><sheetData><row r="1">
      <c r="A1" s="1"><v>60</v></c><c r="B1" s="2"><v>45000.75</v></c><c r="C1" s="3"><v>1.5</v></c>
      <c r="D1" s="4"><v>45000</v></c><c r="E1" s="5"><v>0.5</v></c><c r="F1" s="0"><v>45000</v></c><c r="G1" s="1"><v>59</v></c><c r="H1" s="1"><v>61</v></c>
    </row></sheetData></worksheet>`;
    const row1900 = readXlsx(handBook({ styles, sheet }), ctx()).tables[0].sample[0];
    expect(row1900).toEqual([
      "1900-02-29",
      "2023-03-15",
      "1.5",
      "45000",
      "0.5",
      "45000",
      "1900-02-28",
      "1900-03-01",
    ]);
    const workbook = `<workbook xmlns:r="${REL}"><workbookPr date1904="1"/><sheets><sheet name="Main" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const row1904 = readXlsx(handBook({ styles, sheet, workbook }), ctx()).tables[0].sample[0];
    expect(row1904[0]).toBe("1904-03-01");
    expect(row1904[1]).toBe("2027-03-16");
  });

  it("marks hidden columns only where there is data, even for a range up to XFD", () => {
    const sheet = `<worksheet><cols><col min="2" max="2" hidden="1"/><col min="4" max="16384" hidden="true"/></cols>
      <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="E1"><v>5</v></c></row></sheetData></worksheet>`;
    expect(readXlsx(handBook({ sheet }), ctx()).tables[0].hiddenColumns).toEqual([1, 3, 4]);
  });

  it("reads pivot cache records, and shared items when records were not saved", () => {
    const definition = (
      saved: boolean,
    ) => `<pivotCacheDefinition xmlns:r="${REL}" ${saved ? 'r:id="rId1"' : ""}><cacheFields count="3">
      <cacheField name="Name"><sharedItems><s v="Jane Smith"/><s v="John Brown"/></sharedItems></cacheField>
      <cacheField name="Age"><sharedItems containsNumber="1"/></cacheField>
      <cacheField name="Joined"><sharedItems><d v="2020-01-02T00:00:00"/><m/></sharedItems>
        <fieldGroup><groupItems><s v="group label"/></groupItems></fieldGroup></cacheField></cacheFields></pivotCacheDefinition>`;
    const records = `<pivotCacheRecords><r><x v="0"/><n v="41"/><x v="0"/></r><r><x v="1"/><n v="37"/><x v="1"/></r></pivotCacheRecords>`;
    const bytes = handBook({
      sheet: "<worksheet><sheetData/></worksheet>",
      extra: {
        "xl/pivotCache/pivotCacheDefinition1.xml": definition(true),
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": `<Relationships><Relationship Id="rId1" Type="${REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>`,
        "xl/pivotCache/pivotCacheRecords1.xml": records,
        "xl/pivotCache/pivotCacheDefinition2.xml": definition(false),
      },
    });
    const { tables } = readXlsx(bytes, ctx({}, { prefix: "p.xlsx#" }));
    const first = byName(tables, "p.xlsx#pivot cache 1");
    expect(first).toMatchObject({ origin: "pivot-cache", state: "visible", rowCount: 3 });
    expect(first.sample).toEqual([
      ["Name", "Age", "Joined"],
      ["Jane Smith", "41", "2020-01-02"],
      ["John Brown", "37"],
    ]);
    expect(byName(tables, "p.xlsx#pivot cache 2").sample).toEqual([
      ["Name", "Age", "Joined"],
      ["Jane Smith", "", "2020-01-02"],
      ["John Brown", "", ""],
    ]);
  });

  it("reports a sheet whose part is missing, and an encrypted part", () => {
    const workbook = `<workbook xmlns:r="${REL}"><sheets><sheet name="Main" sheetId="1" r:id="rId1"/><sheet name="Gone" sheetId="2" r:id="rId9"/></sheets></workbook>`;
    const missing = readXlsx(handBook({ workbook, sheet: "<worksheet/>" }), ctx());
    expect(missing.issues).toEqual([{ code: "CORRUPT", path: "Gone", detail: "sheet part missing" }]);
    const bytes = makeZip([
      {
        name: "xl/workbook.xml",
        data: `<workbook xmlns:r="${REL}"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/s.xml"/></Relationships>`,
      },
      { name: "xl/worksheets/s.xml", data: "<worksheet/>", flags: 1 },
    ]);
    expect(readXlsx(bytes, ctx()).issues).toMatchObject([{ code: "ENCRYPTED", path: "S" }]);
  });
});

describe("readXlsx refuses", () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;

  it("a workbook whose workbook.xml declares a DTD (billion laughs) as DTD_REFUSED", () => {
    const bytes = write(book({ S: voters() }));
    const original = partText(bytes, "xl/workbook.xml");
    const bomb = repack(bytes, { "xl/workbook.xml": original.replace(/^<\?xml[^>]*>/, laughs) });
    expect(readXlsx(bomb, ctx({}, { prefix: "x.zip/b.xlsx#" }))).toEqual({
      tables: [],
      issues: [{ code: "DTD_REFUSED", path: "x.zip/b.xlsx" }],
    });
    expect(readXlsx(bomb, ctx()).issues).toEqual([{ code: "DTD_REFUSED", path: "" }]);
  });

  it("a DTD in any part, even one read last", () => {
    const bytes = repack(write(book({ S: voters() })), {
      "xl/worksheets/sheet1.xml": `<!ENTITY x "y"><worksheet><sheetData/></worksheet>`,
    });
    expect(readXlsx(bytes, ctx()).tables).toEqual([]);
  });

  it("an encrypted (compound file) workbook as ENCRYPTED", () => {
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = Array.from("EncryptedPackage", (ch) => [ch.charCodeAt(0), 0]).flat();
    cfb.set(name, 1024);
    expect(readXlsx(cfb, ctx()).issues).toMatchObject([{ code: "ENCRYPTED" }]);
    expect(readXlsx(cfb.fill(0, 1024), ctx()).issues).toMatchObject([{ code: "UNSUPPORTED" }]);
  });

  it("a sheet larger than maxPartBytes as TOO_LARGE, keeping the other sheets", () => {
    const big = XLSX.utils.aoa_to_sheet(Array.from({ length: 3000 }, (_, i) => [`row ${i}`]));
    const bytes = write(book({ Small: XLSX.utils.aoa_to_sheet([["a"]]), Big: big }), { compression: true });
    const { tables, issues } = readXlsx(bytes, ctx({ maxPartBytes: 20_000 }));
    expect(tables.map((t) => t.name)).toEqual(["Small"]);
    expect(issues).toMatchObject([{ code: "TOO_LARGE", path: "Big" }]);
  });
});

describe("readXlsx never throws", () => {
  it("on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        readXlsx(bytes, ctx());
      }),
      { numRuns: 500 },
    );
  });

  it("on a valid workbook cut at every 97th length", () => {
    const bytes = write(book({ Voters: voters(), Other: XLSX.utils.aoa_to_sheet([["x", 1]]) }), {
      compression: true,
    });
    for (let length = 0; length < bytes.length; length += 97) {
      const result = readXlsx(bytes.subarray(0, length), ctx());
      expect(result.issues.length + result.tables.length).toBeGreaterThan(0);
    }
  });

  it("on a workbook with damaged bytes inside its parts", () => {
    const bytes = write(book({ Voters: voters() }), { compression: false });
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const copy = bytes.slice();
        copy[at] = value;
        readXlsx(copy, ctx());
      }),
      { numRuns: 1000 },
    );
  });
});

describe("number formats and serials", () => {
  it.each([
    ["yyyy-mm-dd", true],
    ["d/m/yy", true],
    ["mmm", true],
    ["[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", true],
    ["m/d/yyyy h:mm", true],
    ["h:mm AM/PM", false],
    ["mm:ss", false],
    ["[h]:mm", false],
    ["General", false],
    ['#,##0.00 "dmy"', false],
    ["[Red]0.00", false],
    ["_(* #,##0_)", false],
  ])("%s is a date format: %s", (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });

  it.each([
    ["1", false, "1900-01-01"],
    ["59", false, "1900-02-28"],
    ["60", false, "1900-02-29"],
    ["61", false, "1900-03-01"],
    ["45000.99", false, "2023-03-15"],
    ["45000.9999999", false, "2023-03-16"], // Excel shows 2023-03-16 00:00:00
    ["2958465", false, "9999-12-31"],
    ["0", false, "0"],
    ["-5", false, "-5"],
    ["0", true, "1904-01-01"],
    ["abc", false, "abc"],
  ])("serial %s (1904: %s) is %s", (serial, date1904, expected) => {
    expect(serialToIsoDate(serial, date1904)).toBe(expected);
  });
});

/**
 * A host whose clock runs out once a part holding `marker` has been inflated: the draft's time is
 * up in the middle of the workbook, after its sheet was read.
 */
function expiresAfterPart(marker: string) {
  let expired = false;
  const platform = {
    ...nodePlatform,
    inflateRaw: (data: Uint8Array, maxBytes: number, expected?: number) => {
      const out = nodePlatform.inflateRaw(data, maxBytes, expected);
      if (out.ok && new TextDecoder().decode(out.bytes).includes(marker)) expired = true;
      return out;
    },
    now: () => (expired ? 1e12 : 0),
  };
  return { ...ctx(), platform, deadline: 1 };
}

describe("readXlsx: the draft's clock inside the parts Excel keeps out of sight", () => {
  const TIMEOUT = [
    { code: "TIMEOUT", path: "", limit: { name: "maxSecondsPerDraft", value: 20, unit: "seconds" } },
  ];
  const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row></sheetData></worksheet>`;
  const workbook = `<workbook xmlns:r="${REL}"><sheets><sheet name="Main" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const cases: [string, Record<string, string>][] = [
    [
      "comments",
      {
        "xl/worksheets/_rels/sheet1.xml.rels": `<Relationships><Relationship Id="c1" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`,
        "xl/comments1.xml": `<comments><commentList><comment ref="A1"><text><t>Jane Smith, 07700 900123</t></text></comment></commentList></comments>`,
      },
    ],
    [
      "pivotCacheRecords",
      {
        "xl/pivotCache/pivotCacheDefinition1.xml": `<pivotCacheDefinition><cacheFields count="1"><cacheField name="Name"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>`,
        "xl/pivotCache/pivotCacheRecords1.xml": `<pivotCacheRecords><r><s v="Jane Smith"/></r></pivotCacheRecords>`,
      },
    ],
    [
      "c:chartSpace",
      {
        "xl/charts/chart1.xml": `<c:chartSpace xmlns:c="c"><c:chart><c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>Jane Smith</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser></c:chart></c:chartSpace>`,
      },
    ],
    [
      "externalLink",
      {
        "xl/externalLinks/externalLink1.xml": `<externalLink><externalBook><sheetNames><sheetName val="S"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>Jane Smith</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
      },
    ],
  ];

  it.each(cases)("reads the whole workbook with time to spare (%s)", (_, extra) => {
    const read = readXlsx(handBook({ workbook, sheet, extra }), ctx());
    expect(read.issues).toEqual([]);
    expect(read.tables.length).toBeGreaterThan(1);
  });

  it.each(cases)("is TIMEOUT, not half read, when time runs out at its %s part", (marker, extra) => {
    expect(readXlsx(handBook({ workbook, sheet, extra }), expiresAfterPart(marker))).toEqual({
      tables: [],
      issues: TIMEOUT,
    });
  });
});
