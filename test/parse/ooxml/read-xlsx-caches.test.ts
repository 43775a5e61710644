// Data a workbook keeps out of sight, read as tables of their own: chart caches, external-link
// caches and constants under defined names.
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import type { RawTable } from "../../../src/model/table.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { readXlsx } from "../../../src/parse/ooxml/read-xlsx.js";
import {
  parseConstant,
  readChartCache,
  readExternalLinkCache,
} from "../../../src/parse/ooxml/read-xlsx-caches.js";
import { cacheBook, chartXml, externalLinkXml } from "../../helpers/cache-book.js";

const ctx = (prefix?: string) => ({
  platform: nodePlatform,
  limits: DEFAULT_LIMITS,
  budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
  ...(prefix === undefined ? {} : { prefix }),
});

const TOTALS = [
  ["Ward", "Households"],
  ["Crewe North", "1840"],
  ["Nantwich", "1460"],
];

const summary = (t: RawTable) => ({ name: t.name, origin: t.origin, state: t.state, rows: t.rowCount });

describe("chart caches", () => {
  it("reads each chart as one table: categories once, then values under each series name", () => {
    const chart = chartXml([
      { name: "Pledged", categories: ["Jane Smith", "John Brown", "Mary Jones"], values: [10, 20, 5] },
      { name: "Paid", categories: ["Jane Smith", "John Brown", "Mary Jones"], values: [10, 15, 0] },
    ]);
    const { tables, issues } = readXlsx(cacheBook({ rows: TOTALS, charts: [chart] }), ctx());
    expect(issues).toEqual([]);
    expect(tables.map(summary)).toEqual([
      { name: "Summary", origin: "sheet", state: "visible", rows: 3 },
      { name: "chart 1", origin: "chart-cache", state: "visible", rows: 4 },
    ]);
    expect(tables[1].sample).toEqual([
      ["categories", "Pledged", "Paid"],
      ["Jane Smith", "10", "10"],
      ["John Brown", "20", "15"],
      ["Mary Jones", "5", "0"],
    ]);
  });

  it("keeps each level of a multi-level category axis, names unnamed series 'values', and lines rows up by idx", () => {
    const chart = chartXml([
      {
        categories: [
          ["jane@example.com", "john@example.com"],
          ["Jane Smith", "John Brown"],
        ],
        values: [3, 4],
      },
    ]);
    const table = readChartCache(chart, "book.zip/a.xlsx#chart 2", 100);
    expect(table?.origin).toBe("chart-cache");
    expect(table?.name).toBe("book.zip/a.xlsx#chart 2");
    expect(table?.sample).toEqual([
      ["categories", "categories", "values"],
      ["jane@example.com", "Jane Smith", "3"],
      ["john@example.com", "John Brown", "4"],
    ]);
    // Sparse points (a blank cell is no <c:pt>) stay on their own rows; literal series names count.
    const sparse = `<c:chartSpace xmlns:c="c"><c:ser><c:tx><c:v>Lit</c:v></c:tx><c:val><c:numLit>
      <c:pt idx="2"><c:v>7</c:v></c:pt><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="-1"><c:v>9</c:v></c:pt>
      </c:numLit></c:val></c:ser></c:chartSpace>`;
    expect(readChartCache(sparse, "c", 100)?.sample).toEqual([["Lit"], ["1"], ["7"]]);
  });

  it("makes no table of a chart without cached points, and counts past the sample", () => {
    expect(
      readChartCache(
        `<c:chartSpace xmlns:c="c"><c:ser><c:val><c:numRef><c:f>A1</c:f></c:numRef></c:val></c:ser></c:chartSpace>`,
        "c",
        10,
      ),
    ).toBeUndefined();
    expect(readChartCache("", "c", 10)).toBeUndefined();
    const many = chartXml([
      { categories: Array.from({ length: 50 }, (_, i) => `P${i}`), values: Array(50).fill(1) },
    ]);
    const table = readChartCache(many, "c", 10);
    expect(table?.rowCount).toBe(51);
    expect(table?.sample).toHaveLength(10);
  });
});

describe("external-link caches", () => {
  it("reads one table per cached sheet, named after the link and the sheet", () => {
    const link = externalLinkXml([
      {
        name: "Members",
        rows: [
          ["Name", "Email", "Age"],
          ["Jane Smith", "jane@example.com", "41"],
          ["John Brown", "john@example.com", "37"],
        ],
      },
      { name: "Empty", rows: [] },
      { name: "Wards & Towns", rows: [["Crewe"]] },
    ]);
    const { tables, issues } = readXlsx(
      cacheBook({ rows: TOTALS, externalLinks: [link] }),
      ctx("inner.zip/b.xlsx#"),
    );
    expect(issues).toEqual([]);
    expect(tables.map(summary)).toEqual([
      { name: "inner.zip/b.xlsx#Summary", origin: "sheet", state: "visible", rows: 3 },
      {
        name: "inner.zip/b.xlsx#external link 1#Members",
        origin: "external-link-cache",
        state: "visible",
        rows: 3,
      },
      {
        name: "inner.zip/b.xlsx#external link 1#Wards & Towns",
        origin: "external-link-cache",
        state: "visible",
        rows: 1,
      },
    ]);
    expect(tables[1].sample[1]).toEqual(["Jane Smith", "jane@example.com", "41"]);
  });

  it("places cells by reference, follows cells without one, and reads booleans", () => {
    const xml = `<externalLink><externalBook><sheetNames><sheetName val="S"/></sheetNames><sheetDataSet>
      <sheetData sheetId="0"><row r="1"><cell r="C1" t="str"><v>c</v></cell><cell t="b"><v>1</v></cell></row>
      <row r="2"/><row r="3"><cell r="A3"><v>5</v></cell></row></sheetData>
      <sheetData sheetId="4"><row r="1"><cell r="A1"><v>x</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`;
    const tables = readExternalLinkCache(xml, "external link 2", 100);
    expect(tables.map((t) => [t.name, t.sample])).toEqual([
      ["external link 2#S", [["", "", "c", "TRUE"], ["5"]]],
      ["external link 2#sheet 5", [["x"]]],
    ]);
  });
});

describe("defined names holding constants", () => {
  it("collects string and array constants and skips references and formulas", () => {
    const bytes = cacheBook({
      rows: TOTALS,
      definedNames: [
        ["Print_Area", "Summary!$A$1:$B$3"],
        ["Staff", '{"Jane Smith","John Brown","Mary Jones"}'],
        ["Pairs", '{"Jane","jane@example.com";"John","john@example.com"}'],
        ["Owner", '"Jane ""JJ"" Smith"'],
        ["Rate", "0.2"],
        ["Mixed", 'Summary!$A$1&"x"'],
        ["Blank", '""'],
      ],
    });
    const { tables } = readXlsx(bytes, ctx());
    const names = tables.find((t) => t.origin === "defined-names");
    expect(names?.name).toBe("defined names");
    expect(names?.sample).toEqual([
      ["Staff", "Jane Smith"],
      ["Staff", "John Brown"],
      ["Staff", "Mary Jones"],
      ["Pairs", "Jane", "jane@example.com"],
      ["Pairs", "John", "john@example.com"],
      ["Owner", 'Jane "JJ" Smith'],
    ]);
    expect(readXlsx(cacheBook({ rows: TOTALS }), ctx()).tables.map((t) => t.origin)).toEqual(["sheet"]);
  });

  it.each([
    ['"abc"', [["abc"]]],
    ['="a, b"', [["a, b"]]],
    ["{1,-2.5E3,TRUE,#N/A}", [["1", "-2.5E3", "TRUE", "#N/A"]]],
    ['{"a" ; "b"}', [["a"], ["b"]]],
    ["Sheet1!$A$1:$B$4", undefined],
    ["'My Sheet'!A1", undefined],
    ['"a"&"b"', undefined],
    ['{"a",}', undefined],
    ['{"a"', undefined],
    ['{"a"}x', undefined],
    ["{Sheet1!A1}", undefined],
    ["SUM(A1:A4)", undefined],
    ["", undefined],
  ])("parseConstant(%j)", (text, rows) => {
    expect(parseConstant(text)).toEqual(rows);
  });
});
