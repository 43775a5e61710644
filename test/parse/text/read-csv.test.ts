import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import { readCsv } from "../../../src/parse/text/read-csv.js";

const ctx = { limits: DEFAULT_LIMITS, name: "people.csv" };
const utf8 = (s: string) => new TextEncoder().encode(s);
const one = (bytes: Uint8Array, extra: Partial<typeof ctx> & { delimiter?: string } = {}) => {
  const result = readCsv(bytes, { ...ctx, ...extra });
  expect(result.issues).toEqual([]);
  expect(result.tables).toHaveLength(1);
  return result.tables[0];
};

describe("readCsv", () => {
  it.each([
    ["comma", "name,email\nAnn,ann@example.org\nBob,bob@example.org\n"],
    ["semicolon (European Excel)", "name;email\nAnn;ann@example.org\nBob;bob@example.org\n"],
    ["tab", "name\temail\nAnn\tann@example.org\nBob\tbob@example.org\n"],
    ["pipe", "name|email\nAnn|ann@example.org\nBob|bob@example.org\n"],
    ["CRLF", "name,email\r\nAnn,ann@example.org\r\nBob,bob@example.org\r\n"],
  ])("guesses the %s delimiter", (_label, text) => {
    expect(one(utf8(text)).sample).toEqual([
      ["name", "email"],
      ["Ann", "ann@example.org"],
      ["Bob", "bob@example.org"],
    ]);
  });

  it("prefers ; over , when commas are decimal separators", () => {
    const t = one(utf8("name;amount\nAnn;1,50\nBob;2,75\nCy;3\n"));
    expect(t.sample[1]).toEqual(["Ann", "1,50"]);
  });

  it("describes the table: name, origin, state, counts", () => {
    const t = one(utf8("a,b\n1,2\n"));
    expect(t).toEqual({
      name: "people.csv",
      origin: "csv",
      state: "visible",
      sample: [
        ["a", "b"],
        ["1", "2"],
      ],
      sampleHidden: [false, false],
      rowCount: 2,
      hiddenRowCount: 0,
      hiddenColumns: [],
    });
  });

  it("keeps newlines and delimiters inside quoted fields", () => {
    const t = one(utf8('name,address\n"Smith, Ann","1 High St\nLondon"\nBob,"2 ""Low"" Rd"\n'));
    expect(t.rowCount).toBe(3);
    expect(t.sample[1]).toEqual(["Smith, Ann", "1 High St\nLondon"]);
    expect(t.sample[2]).toEqual(["Bob", '2 "Low" Rd']);
  });

  it("drops a UTF-8 BOM", () => {
    expect(one(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("name,dob\nAnn,1980-01-02\n")])).sample[0]).toEqual([
      "name",
      "dob",
    ]);
  });

  it("reads Excel's Unicode text: UTF-16LE with BOM, tab-separated", () => {
    const body = Buffer.from("Name\tPostcode\r\nJosé\tCW1 1AA\r\nZoë\tSW1A 1AA\r\n", "utf16le");
    const t = one(new Uint8Array([0xff, 0xfe, ...body]));
    expect(t.sample).toEqual([
      ["Name", "Postcode"],
      ["José", "CW1 1AA"],
      ["Zoë", "SW1A 1AA"],
    ]);
  });

  it("reads windows-1252 (Excel's plain CSV on Western Windows): £ and é", () => {
    const bytes = new Uint8Array([...utf8("name,fee\nRen"), 0xe9, ...utf8(","), 0xa3, ...utf8("5\n")]);
    expect(one(bytes).sample[1]).toEqual(["René", "£5"]);
  });

  it("does not count blank lines or rows of empty cells", () => {
    const t = one(utf8("a,b\n\n1,2\n,\n   \n\r\n3,4\n\n"));
    expect(t.rowCount).toBe(3);
    expect(t.sample).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("honours and skips Excel's sep= line", () => {
    const t = one(utf8("sep=;\r\nname;note\r\nAnn;a,b\r\n"));
    expect(t.sample).toEqual([
      ["name", "note"],
      ["Ann", "a,b"],
    ]);
  });

  it("uses a delimiter the caller forces", () => {
    expect(one(utf8("a;b,c\n1;2,3\n"), { delimiter: "," }).sample[0]).toEqual(["a;b", "c"]);
  });

  it("counts 50,000 rows while keeping only the sample", () => {
    const lines = ["id,name,email"];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},Person ${i},p${i}@example.org`);
    const t = one(utf8(lines.join("\n")), { limits: { ...DEFAULT_LIMITS, sampleRows: 100 } });
    expect(t.rowCount).toBe(50_001);
    expect(t.sample).toHaveLength(100);
    expect(t.sample[99]).toEqual(["98", "Person 98", "p98@example.org"]);
  });

  it("still counts the rows after an unterminated quote", () => {
    const t = one(utf8("name,height\nAnn,\"5'10\nBob,6\nCy,5\n"));
    expect(t.rowCount).toBe(4);
  });

  it("reads a one-column file and an empty file", () => {
    expect(one(utf8("email\na@x.org\nb@x.org\n")).rowCount).toBe(3);
    expect(one(new Uint8Array()).rowCount).toBe(0);
  });

  it("never throws on arbitrary bytes or text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.string({ maxLength: 2000 }).map(utf8)),
        (bytes) => {
          const r = readCsv(bytes, ctx);
          expect(r.tables.length + r.issues.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("never throws on CSV-shaped noise", () => {
    const cell = fc.stringMatching(/^[a-z0-9",;\t|\r\n ]{0,12}$/);
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), (cells) => {
        const r = readCsv(utf8(cells.join("")), ctx);
        expect(r.issues).toEqual([]);
      }),
    );
  });
});
