import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { excelDate, writeWorkbook } from "../../../fixtures/gen/index.js";
import { DEFAULT_LIMITS, type Limits } from "../../../src/model/limits.js";
import type { RawTable, ReadResult } from "../../../src/model/table.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { readSst } from "../../../src/parse/legacy/read-biff-string.js";
import { readXls, type XlsRead } from "../../../src/parse/legacy/read-xls.js";
import { readXlsx } from "../../../src/parse/ooxml/read-xlsx.js";
import {
  boolerr,
  chars,
  colinfo,
  comment,
  format,
  formula,
  label,
  labelSst,
  makeXls,
  mulrk,
  number,
  type Rec,
  rk,
  rkInt,
  row,
  string,
  workbookStream,
  xf,
} from "./make-xls.js";
import { sheetJsView } from "./sheetjs-view.js";

const ctx = (limits: Partial<Limits> = {}) => ({
  platform: nodePlatform,
  limits: { ...DEFAULT_LIMITS, ...limits },
});

function tablesOf(read: XlsRead): RawTable[] {
  if ("fallback" in read) throw new Error(`fallback: ${read.fallback}`);
  expect(read.issues).toEqual([]);
  return read.tables;
}

/** The parts of a table a user checks: name, visibility, rows, hidden places. */
const summary = (t: RawTable) => ({
  name: t.name,
  state: t.state,
  rowCount: t.rowCount,
  hiddenRowCount: t.hiddenRowCount,
  hiddenColumns: t.hiddenColumns,
  sample: t.sample,
  sampleHidden: t.sampleHidden,
});

/** The SST as Excel splits it: the second string's characters cross into a CONTINUE, which re-sends
 * the flags byte and switches to two bytes a character; the third string's formatting runs cross
 * into another CONTINUE without one. */
function splitSst(): Rec[] {
  const u16 = (n: number) => [n & 0xff, n >> 8];
  return [
    [
      0x00fc,
      [
        ...u16(6),
        0,
        0,
        ...u16(4),
        0,
        0,
        ...u16(8),
        0,
        ...chars("Forename"),
        ...u16(10),
        0,
        ...chars("Jane "),
      ],
    ],
    [0x003c, [1, ...chars("Sméth", true), ...u16(4), 0x08, ...u16(2), ...chars("Leek"), 1, 0, 0, 0]],
    [0x003c, [5, 0, 0, 0, ...u16(7), 0, ...chars("CW1 2AB")]],
  ];
}

function richWorkbook(): Uint8Array {
  const note = comment(2, 1, 7, "Jo Bloggs:\nmoved away, 07700 900123");
  const stream = workbookStream(
    [
      format(164, "dd/mm/yyyy"),
      ...Array.from({ length: 15 }, () => xf(0)),
      xf(0), // 15: the default cell format
      xf(14), // 16: a built-in date
      xf(164), // 17: a custom date
      ...splitSst(),
    ],
    [
      {
        name: "Voters",
        records: [
          colinfo(2, 2, true),
          colinfo(5, 255, true), // hides everything right of the data, as Excel does
          row(1, false),
          row(2, true),
          labelSst(0, 0, 0),
          label(0, 1, "Surname"),
          label(0, 2, "Postcode"),
          label(0, 3, "Born"),
          label(0, 4, "Voted"),
          labelSst(1, 0, 1),
          labelSst(1, 2, 3),
          number(1, 3, 29000, 16),
          ...formula(1, 4, true),
          labelSst(2, 0, 2),
          ...formula(2, 1, "string"),
          string("Bloggs"),
          rk(2, 3, rkInt(44000), 17),
          boolerr(2, 4, 7, true),
          mulrk(4, 0, [rkInt(1), rkInt(-2), (Math.round(0.5 * 100) << 2) | 3]),
          ...formula(5, 0, 3.25),
          ...note.objects,
          note.note,
        ],
      },
      { name: "Spare", state: 2, records: [label(0, 0, "x")] },
    ],
  );
  return makeXls(stream);
}

describe("readXls", () => {
  it("reads shared strings split across CONTINUE records, the flags byte re-sent", () => {
    const parts = splitSst().map(([, data]) => Uint8Array.from(data));
    expect(readSst(parts)).toEqual(["Forename", "Jane Sméth", "Leek", "CW1 2AB"]);
  });

  it("reads cells, formula results, dates, hidden rows, columns and sheets, and comments", () => {
    const tables = tablesOf(readXls(richWorkbook(), ctx()));
    expect(tables.map(summary)).toEqual([
      {
        name: "Voters",
        state: "visible",
        rowCount: 5,
        hiddenRowCount: 1,
        hiddenColumns: [2],
        sample: [
          ["Forename", "Surname", "Postcode", "Born", "Voted"],
          ["Jane Sméth", "", "CW1 2AB", "1979-05-25", "TRUE"],
          ["Leek", "Bloggs", "", "2020-06-18", "#DIV/0!"],
          ["1", "-2", "0.5"],
          ["3.25"],
        ],
        sampleHidden: [false, false, true, false, false],
      },
      {
        name: "Spare",
        state: "veryHidden",
        rowCount: 1,
        hiddenRowCount: 0,
        hiddenColumns: [],
        sample: [["x"]],
        sampleHidden: [false],
      },
      {
        name: "comments on Voters",
        state: "visible",
        rowCount: 1,
        hiddenRowCount: 0,
        hiddenColumns: [],
        sample: [["B3", "moved away", "07700 900123"]],
        sampleHidden: [false],
      },
    ]);
    expect(tables[2].origin).toBe("comments");
  });

  it("agrees with SheetJS on the same bytes", () => {
    const bytes = richWorkbook();
    const ours = tablesOf(readXls(bytes, ctx())).filter((t) => t.origin === "sheet");
    expect(ours.map(summary)).toEqual(sheetJsView(bytes, 500).map(summary));
  });

  it("reads a date the same from xls as from xlsx", () => {
    const rows = [
      ["Name", "Born", "Joined", "Score"],
      ["Ann", excelDate("1961-02-28"), excelDate("2008-05-22", "d-mmm-yy"), 12.5],
      ["Bo", excelDate("1900-02-28"), excelDate("1999-12-31", "yyyy-mm-dd"), 1e21],
    ];
    const xlsx = new Uint8Array(writeWorkbook([{ name: "People", rows }]));
    const xls = new Uint8Array(
      XLSX.write(XLSX.read(xlsx, { type: "array", cellNF: true }), { type: "buffer", bookType: "biff8" }),
    );
    const fromXlsx = readXlsx(xlsx, { ...ctx(), budget: { remaining: 1e9 } }).tables;
    expect(tablesOf(readXls(xls, ctx())).map(summary)).toEqual(fromXlsx.map(summary));
    expect(fromXlsx[0].sample[1]).toEqual(["Ann", "1961-02-28", "2008-05-22", "12.5"]);
  });

  it("counts every row past the sample", () => {
    const records: Rec[] = [];
    for (let r = 0; r < 3000; r++) records.push(row(r, r % 3 === 0), number(r, 0, r), label(r, 1, `n${r}`));
    const tables = tablesOf(
      readXls(makeXls(workbookStream([xf(0)], [{ name: "S", records }])), ctx({ sampleRows: 10 })),
    );
    expect(tables[0].rowCount).toBe(3000);
    expect(tables[0].hiddenRowCount).toBe(1000);
    expect(tables[0].sample).toHaveLength(10);
  });

  it("reports a password-protected workbook as ENCRYPTED", () => {
    const stream = workbookStream([[0x002f, [0, 0, 1, 0]]], [{ name: "S", records: [label(0, 0, "x")] }]);
    expect(readXls(makeXls(stream), ctx())).toEqual({
      tables: [],
      issues: [{ code: "ENCRYPTED", path: "", detail: "xls password" }],
    });
  });

  it("ends a read past the deadline as TIMEOUT and a stream over the part cap as TOO_LARGE", () => {
    const records: Rec[] = [];
    for (let r = 0; r < 5000; r++) records.push(number(r, 0, r));
    const bytes = makeXls(workbookStream([], [{ name: "S", records }]));
    const late = readXls(bytes, { ...ctx(), deadline: nodePlatform.now() - 1 }) as ReadResult;
    expect(late.issues.map((i) => i.code)).toEqual(["TIMEOUT"]);
    expect(late.tables).toEqual([]);
    const big = readXls(bytes, ctx({ maxPartBytes: 1000 })) as ReadResult;
    expect(big.issues.map((i) => i.code)).toEqual(["TOO_LARGE"]);
  });

  it("leaves BIFF5, rows out of order and truncated streams to SheetJS", () => {
    const sheet = { name: "S", records: [label(1, 0, "b"), label(0, 0, "a")] };
    expect(readXls(makeXls(workbookStream([], [sheet])), ctx())).toEqual({
      fallback: "S: rows out of order",
    });
    expect(readXls(makeXls(workbookStream([], [sheet]), "Book"), ctx())).toHaveProperty("fallback");
    const whole = workbookStream([], [{ name: "S", records: [label(0, 0, "a")] }]);
    expect(readXls(makeXls(whole.subarray(0, whole.length - 3)), ctx())).toHaveProperty("fallback");
  });
});

// Real files from other projects' suites (../shared/corpus): where the reader reads an xls itself,
// it must find what SheetJS finds. Differences on purpose, as in the xlsx reader: numbers as JS
// writes them (not in their display format), dates as the day only; comments are read (SheetJS's
// tables have none).
describe("readXls on the corpus", () => {
  const corpus = "/work/shared/corpus/sheets";
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.xls$/i.test(name) ? [path] : [];
    });
  const all = files(corpus).sort();

  it("reads each BIFF8 file as SheetJS does, and hands back the rest", () => {
    let native = 0;
    for (const file of all) {
      const bytes = new Uint8Array(readFileSync(file));
      const ours = readXls(bytes, ctx());
      if ("fallback" in ours || ours.issues.length > 0) continue;
      native++;
      const sheets = ours.tables.filter((t) => t.origin === "sheet").map(summary);
      expect({ file, sheets }).toEqual({ file, sheets: sheetJsView(bytes, 500).map(summary) });
    }
    expect(native).toBeGreaterThanOrEqual(50);
  });
});
