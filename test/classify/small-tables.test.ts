import { describe, expect, it } from "vitest";
import { classifyTable } from "../../src/classify/classify-table.js";
import { allowedMissesOf, requiredDistinct } from "../../src/classify/score-column.js";
import { rawTable, tableFromColumns, testEngine } from "../helpers/rules.js";

const { ruleset } = testEngine();
const tags = (columns: { header: string | null; values: string[] }[]) =>
  classifyTable(tableFromColumns(columns), ruleset).columns.map((c) => c.tags);

describe("what convinces at 3, 6 and 9 values", () => {
  it.each([
    [0.95, 3, 0],
    [0.95, 6, 1],
    [0.95, 9, 1],
    [0.95, 40, 2],
    [0.6, 3, 1],
    [0.6, 6, 2],
    [1, 9, 0],
  ])("a test of share %d over %d values forgives %d misses", (share, n, misses) => {
    expect(allowedMissesOf(share, n)).toBe(misses);
  });

  it.each([
    [3, 2, 1],
    [3, 3, 3],
    [3, 4, 3],
    [4, 6, 4],
    [4, 9, 4],
    [3, 12, 3],
    [1, 9, 1],
  ])("minDistinct %d over %d values asks for %d", (min, n, expected) => {
    expect(requiredDistinct(min, n)).toBe(expected);
  });

  it("tags a 6-row branch contact list written by a CRM", () => {
    expect(
      tags([
        { header: "Branch", values: ["Crewe", "Nantwich", "Sandbach", "Alsager", "Wistaston", "Haslington"] },
        {
          header: "Contact",
          values: ["Zeph Oakwright", "Odile Verhaeren", "Kwame Asante", "Bo Li", "Ann Lee", "Tom Hall"],
        },
        {
          header: "Mobile",
          values: [
            '="07700 900123"',
            '="07700 900456"',
            "'07700 900789",
            '="07700 900321"',
            "n/a",
            '="07700 900987"',
          ],
        },
        {
          header: "Email",
          values: [
            "zo@gmail.com",
            "ov@hotmail.co.uk",
            "ka@yahoo.co.uk",
            "bl@gmail.com",
            "al@gmail.com",
            "th@outlook.com",
          ],
        },
      ]),
    ).toEqual([[], ["pii.name"], ["pii.phone"], ["pii.email"]]);
  });

  it("reads no MOSAIC groups in a short Gender column", () => {
    expect(
      tags([
        { header: null, values: ["Jane Smith", "John Jones", "Mary Patel", "Ravi Walker"] },
        { header: null, values: ["F", "M", "F", "M"] },
      ]),
    ).toEqual([["pii.name"], []]);
  });

  it("reads no phones in invoice numbers, timestamps or stock IDs, nor ages in amounts", () => {
    expect(
      tags([
        { header: "Donor", values: ["Jane Smith", "John Jones", "Mary Patel", "Ravi Walker", "Ann Lee"] },
        { header: "Invoice", values: ["1270004512", "1270004513", "1270004519", "1270004522", "1270004530"] },
        {
          header: "timestamp",
          values: ["1717171717", "1717175317", "1717178917", "1717182517", "1717186117"],
        },
        { header: "Amount", values: ["20", "50", "25", "100", "30"] },
      ]),
    ).toEqual([["pii.name"], [], [], []]);
  });

  it("reads a two-column list with a title row and a group row above its header", () => {
    const table = classifyTable(
      rawTable([
        ["Branch email list"],
        ["Contact", "Address"],
        ["E-mail", "PostCode"],
        ["jo@gmail.com", "CW1 2AB"],
        ["al@gmail.com", "CW2 7ND"],
        ["bo@gmail.com", "CW5 6QR"],
      ]),
      ruleset,
    );
    expect(table.headerRow).toBe(2);
    expect(table.columns.map((c) => c.tags)).toEqual([["pii.email"], ["pii.postcode"]]);
  });
});
