import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { readDocx } from "../../../src/parse/documents/read-docx.js";
import { readOdt } from "../../../src/parse/documents/read-odt.js";
import { MAX_SAMPLE_CELLS } from "../../../src/parse/table-builder.js";
import { ROOT } from "../../helpers/cli.js";
import { repeatBomb } from "../../helpers/repeat-bomb.js";
import { makeZip } from "../container/make-zip.js";

const ctx = () => ({
  platform: nodePlatform,
  limits: DEFAULT_LIMITS,
  budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
});
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const cell = (text: string, props = "") =>
  `<w:tc><w:tcPr>${props}</w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
const docx = (parts: Record<string, string>) =>
  makeZip(Object.entries(parts).map(([name, body]) => ({ name, data: `<?xml version="1.0"?>${body}` })));

describe("readDocx", () => {
  it("reads LibreOffice's tables in order: spanned title row, then header and 120 voters, then nested", () => {
    const read = readDocx(new Uint8Array(readFileSync(join(ROOT, "fixtures/office/canvass.docx"))), ctx());
    expect(read.issues).toEqual([]);
    expect(read.tables.map((t) => [t.name, t.rowCount])).toEqual([
      ["Table 1", 122],
      ["Table 2", 1],
      ["Table 3", 1],
    ]);
    const [title, header] = read.tables[0].sample;
    expect(title[0]).toBe("Crewe North canvass returns");
    expect(title.slice(1).every((c) => c === "")).toBe(true);
    expect(header.slice(0, 4)).toEqual(["Elector No", "Title", "Forename", "Surname"]);
  });

  it("fills cells merged down, keeps tracked deletions, reads headers and comments", () => {
    const table = [
      "<w:tbl>",
      `<w:tr>${cell("Name")}${cell("Address")}</w:tr>`,
      `<w:tr>${cell("Ann Lee")}${cell("1 Mill Lane", '<w:vMerge w:val="restart"/>')}</w:tr>`,
      `<w:tr>${cell("Bob Lee")}<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>`,
      `<w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr>${cell("Cy Day")}<w:tc><w:p><w:del><w:r><w:delText>2 Oak Road</w:delText></w:r></w:del></w:p></w:tc></w:tr>`,
      "</w:tbl>",
    ].join("");
    const read = readDocx(
      docx({
        "word/document.xml": `<w:document ${W}><w:body>${table}</w:body></w:document>`,
        "word/header1.xml": `<w:hdr ${W}><w:tbl><w:tr>${cell("Ref", '<w:gridSpan w:val="2"/>')}${cell("X1")}</w:tr></w:tbl></w:hdr>`,
        "word/comments.xml": `<w:comments ${W}><w:comment><w:tbl><w:tr>${cell("Dee Roe")}</w:tr></w:tbl></w:comment></w:comments>`,
      }),
      ctx(),
    );
    expect(read.tables.map((t) => [t.name, t.state])).toEqual([
      ["Table 1", "visible"],
      ["Header Table 2", "visible"],
      ["Comments Table 3", "hidden"],
    ]);
    expect(read.tables[0].sample).toEqual([
      ["Name", "Address"],
      ["Ann Lee", "1 Mill Lane"],
      ["Bob Lee", "1 Mill Lane"],
      ["Cy Day", "2 Oak Road"],
    ]);
    expect(read.tables[0].hiddenRowCount).toBe(1);
    expect(read.tables[1].sample).toEqual([["Ref", "", "X1"]]);
  });

  it("refuses a DTD and says CORRUPT for a package without a document", () => {
    const dtd = readDocx(docx({ "word/document.xml": "<!DOCTYPE x [<!ENTITY a 'b'>]><w:document/>" }), ctx());
    expect(dtd.issues.map((i) => i.code)).toEqual(["DTD_REFUSED"]);
    expect(readDocx(docx({ "word/styles.xml": "<w:styles/>" }), ctx()).issues.map((i) => i.code)).toEqual([
      "CORRUPT",
    ]);
  });
});

describe("readOdt", () => {
  it("reads LibreOffice's text tables like Word's", () => {
    const read = readOdt(new Uint8Array(readFileSync(join(ROOT, "fixtures/office/canvass.odt"))), ctx());
    expect(read.issues).toEqual([]);
    expect(read.tables.map((t) => [t.name, t.rowCount])).toEqual([
      ["Table 1", 122],
      ["Table 2", 1],
      ["Table 3", 1],
    ]);
    expect(read.tables[0].sample[1].slice(0, 4)).toEqual(["Elector No", "Title", "Forename", "Surname"]);
  });

  it("joins mixed content, repeats repeated rows and cells, leaves covered cells empty", () => {
    const T = 'xmlns:table="t" xmlns:text="x" xmlns:office="o"';
    const content = [
      `<office:document-content ${T}><office:body><office:text><table:table>`,
      '<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Full<text:s/>name</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>VI</text:p></table:table-cell></table:table-row>',
      '<table:table-row table:number-rows-repeated="3"><table:table-cell><text:p><text:span>Ann</text:span> Lee</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell></table:table-row>',
      "</table:table></office:text></office:body></office:document-content>",
    ].join("");
    const read = readOdt(makeZip([{ name: "content.xml", data: content }]), ctx());
    expect(read.tables[0].sample).toEqual([
      ["Full name", "", "VI"],
      ["Ann Lee", "x", "x"],
      ["Ann Lee", "x", "x"],
      ["Ann Lee", "x", "x"],
    ]);
  });

  it("counts a repeat bomb's rows (10^9 repeats, up to a sheet's 1,048,576) and samples a bounded part", () => {
    const read = readOdt(repeatBomb("odt"), ctx());
    expect(read.issues).toEqual([]);
    expect(read.tables[0].rowCount).toBe(1_048_576);
    expect(read.tables[0].sample[0].length).toBe(16_384);
    expect(read.tables[0].sample.reduce((n, row) => n + row.length, 0)).toBeLessThanOrEqual(MAX_SAMPLE_CELLS);
  });

  it("stops at the draft's deadline: the whole document is TIMEOUT, naming the limit", () => {
    const read = readOdt(new Uint8Array(readFileSync(join(ROOT, "fixtures/office/canvass.odt"))), {
      ...ctx(),
      deadline: nodePlatform.now() - 1,
    });
    expect(read).toEqual({
      tables: [],
      issues: [
        { code: "TIMEOUT", path: "", limit: { name: "maxSecondsPerDraft", value: 20, unit: "seconds" } },
      ],
    });
  });
});
