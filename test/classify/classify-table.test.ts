import { describe, expect, it } from "vitest";
import { classifyTable } from "../../src/classify/classify-table.js";
import { maskValue } from "../../src/classify/mask-value.js";
import { rawTable, testEngine } from "../helpers/rules.js";

const { ruleset } = testEngine();
const tagsByHeader = (rows: string[][]) =>
  Object.fromEntries(
    classifyTable(rawTable(rows), ruleset).columns.map((c) => [c.header ?? `#${c.index}`, c.tags]),
  );

const people = [
  ["Smith", "John", "12 Mill Lane", "CW1 2AB", "01270 123456", "Con"],
  ["Jones", "Mary", "4 Church Street", "CW5 6QR", "07700 900123", "Lab"],
  ["Patel", "Ravi", "33a Victoria Road", "CW2 7ND", "+44 1270 654321", "LD"],
  ["Walker", "Susan", "8 The Crescent", "CW1 3XY", "(01270) 500600", "W"],
];

describe("classifyTable", () => {
  it("finds the header below title and blank rows, and counts only data rows", () => {
    const rows = [
      ["Crewe North canvass returns - March 2008"],
      ["Surname", "Forename", "Address", "Postcode", "Tel", "VI"],
      ...people,
    ];
    const table = classifyTable(rawTable(rows), ruleset);
    expect(table.headerRow).toBe(1);
    expect(table.rows).toBe(4);
    expect(table.columns.map((c) => c.tags)).toEqual([
      ["pii.name"],
      ["pii.name"],
      ["pii.address"],
      ["pii.postcode"],
      ["pii.phone"],
      ["sensitive.political_opinion"],
    ]);
  });

  it("reads a two-row header: group labels over column labels", () => {
    const rows = [
      ["Voter", "", "", "", "Contact", "Canvass"],
      ["Surname", "Forename", "Address", "Postcode", "Phone", "2024"],
      ...people,
    ];
    const table = classifyTable(rawTable(rows), ruleset);
    expect(table.headerRow).toBe(1);
    expect(table.rows).toBe(4);
    expect(table.columns[5].tags).toEqual(["sensitive.political_opinion"]);
    expect(table.columns[0].header).toBe("Surname");
  });

  it("explains a two-row header's column by the detector that tagged it", () => {
    const rows = [
      ["Voter", "", "", "", "Contact", "Canvass"],
      ["Surname", "Forename", "Address", "Postcode", "Phone", "2024"],
      ...people,
    ];
    const column = classifyTable(rawTable(rows), ruleset, { explain: true }).columns[5];
    expect(column.explanation?.headerRead).toBe("Canvass 2024");
    expect(column.explanation?.headerTokens).toEqual(["canvass", "2024"]);
    const tagged = column.explanation?.passes.filter((p) => p.outcome === "tagged");
    expect(tagged?.map((p) => [p.detector, p.headerMatch])).toEqual([["voting-intention", "canvass"]]);
  });

  it("explains why a postcode among buildings is no tag", () => {
    const rows = [
      ["Building", "Postcode"],
      ["Town Hall", "CW1 2BJ"],
      ["Library", "CW1 2DH"],
    ];
    const column = classifyTable(rawTable(rows), ruleset, { explain: true }).columns[1];
    expect(column.tags).toEqual([]);
    const postcode = column.explanation?.passes.find((p) => p.detector === "uk-postcode");
    expect(postcode?.outcome).toBe("needs-person-context");
    expect(postcode?.tests.map((t) => [t.outcome, t.hits, t.sampled])).toEqual([["passed", 2, 2]]);
  });

  it("judges a headerless table by its values alone", () => {
    const table = classifyTable(rawTable(people), ruleset);
    expect(table.headerRow).toBeNull();
    expect(table.rows).toBe(4);
    expect(table.columns.map((c) => c.header)).toEqual([null, null, null, null, null, null]);
    expect(table.columns[0].tags).toContain("pii.name");
    expect(table.columns[3].tags).toContain("pii.postcode");
    expect(table.columns[4].tags).toContain("pii.phone");
  });

  it("keeps addresses and postcodes of places out of personal data", () => {
    expect(
      tagsByHeader([
        ["Building", "Address", "Postcode"],
        ["Town Hall", "1 Market Square", "CW1 2BJ"],
        ["Library", "10 Prince Albert Street", "CW1 2DH"],
        ["Leisure Centre", "2 Flag Lane", "CW2 7QJ"],
      ]),
    ).toEqual({ Building: [], Address: [], Postcode: [] });
  });

  it("tags a results table's Party column but no pii", () => {
    const tags = tagsByHeader([
      ["Constituency", "Party", "Votes", "Share"],
      ["Crewe and Nantwich", "Labour", "20,837", "45.3%"],
      ["Crewe and Nantwich", "Conservative", "17,291", "37.6%"],
      ["Eddisbury", "Conservative", "19,034", "41.2%"],
    ]);
    expect(tags).toEqual({ Constituency: [], Party: ["sensitive.political_opinion"], Votes: [], Share: [] });
  });

  it("masks samples of tagged columns and keeps none of untagged ones", () => {
    const table = classifyTable(
      rawTable([
        ["Surname", "Notes"],
        ["Smith", "called back"],
        ["Jones", "out"],
      ]),
      ruleset,
    );
    expect(table.columns[0].maskedSamples).toEqual(["S****", "J****"]);
    expect(table.columns[1].maskedSamples).toEqual([]);
  });
});

describe("maskValue", () => {
  it.each([
    ["John Smith", "pii.name", "J*** S****"],
    ["CW1 2AB", "pii.postcode", "CW1 ***"],
    ["jane.smith@example.com", "pii.email", "j********@e******.com"],
    ["07700 900123", "pii.phone", "07*** ******"],
    ["A01", "sensitive.profile", "***"],
    ["W", "sensitive.political_opinion", "*"],
    ["M1", "pii.postcode", "**"],
    ["CW12AB", "pii.postcode", "CW****"],
    ["Иван Петров 5", "pii.name", "И*** П***** *"],
    ["A1B2C3", "pii.national_id", "A*****"],
    ["ÅÖ 7", "pii.address", "Å* *"],
  ] as const)("%s -> %s", (value, tag, masked) => {
    expect(maskValue(value, tag)).toBe(masked);
    expect(maskValue(value, tag)).not.toBe(value);
  });
});
