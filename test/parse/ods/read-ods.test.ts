import { readdirSync, readFileSync } from "node:fs";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import type { RawTable } from "../../../src/model/table.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { readOds } from "../../../src/parse/ods/read-ods.js";
import { readAttachment } from "../../../src/parse/read-attachment.js";
import { readWithSheetJs } from "../../../src/parse/sheetjs/read-sheetjs.js";
import { MAX_SAMPLE_CELLS } from "../../../src/parse/table-builder.js";
import { partText, repack } from "../container/make-zip.js";

const CORPUS = "/work/shared/corpus/sheets";
const FILES = new URL("./files/", import.meta.url);
const ctx = () => ({ platform: nodePlatform, limits: DEFAULT_LIMITS, budget: { remaining: 1e9 } });
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, FILES)));
const corpus = (path: string) => new Uint8Array(readFileSync(`${CORPUS}/${path}`));

/** Every .ods of the shared corpus, and the ones LibreOffice wrote for these tests. */
const ODS_FILES: [string, () => Uint8Array][] = [
  ...readdirSync(CORPUS, { recursive: true, encoding: "utf8" })
    .filter((p) => p.endsWith(".ods") && !p.endsWith("issue_594_dos.ods"))
    .map((p): [string, () => Uint8Array] => [p, () => corpus(p)]),
  ...readdirSync(FILES)
    .filter((p) => p.endsWith(".ods"))
    .map((p): [string, () => Uint8Array] => [p, () => file(p)]),
];

const shape = (t: RawTable) => ({
  name: t.name,
  state: t.state,
  rows: t.rowCount,
  hiddenRows: t.hiddenRowCount,
  sampleHidden: t.sampleHidden,
  // SheetJS's scan lists hidden columns past the data too; only those with data matter.
  hiddenColumns: t.hiddenColumns.filter((c) => t.sample.some((row) => c < row.length)),
});

/**
 * SheetJS shows numbers and booleans as displayed ("25%", "VRAI"); this reader gives the stored
 * value, as the xlsx reader does: such cells are left out. Text and dates must agree, but for
 * the trailing spaces of a paragraph, which SheetJS drops.
 */
const isValue = (cell: string) =>
  cell === "TRUE" || cell === "FALSE" || (cell.trim() !== "" && Number.isFinite(Number(cell)));

describe("readOds", () => {
  it("reads a LibreOffice file: values by type, hidden rows, columns and sheets, comments", () => {
    const { tables, issues } = readOds(file("people.ods"), ctx());
    expect(issues).toEqual([]);
    expect(tables.map((t) => [t.name, t.origin, t.state])).toEqual([
      ["People", "sheet", "visible"],
      ["comments on People", "comments", "visible"],
      ["Secret", "sheet", "hidden"],
    ]);
    const [people, comments] = tables;
    expect(people.sample.slice(0, 4)).toEqual([
      ["Name", "Date of birth", "Phone", "Seen", "Share", "Paid", "Member", "Notes"],
      // A date of birth with a stray time but a date format stays a date; a date-time format shows it.
      [
        "Ann Smith",
        "1980-05-17",
        "07700 900  456",
        "2024-03-01 14:30",
        "0.25",
        "12.5",
        "TRUE",
        "first line\nsecondline",
      ],
      ["Bob Jones", "1975-01-02", "7700900789"],
      ["same", "same", "", "42"],
    ]);
    // Three rows repeated by one element, 1,000 empty ones not counted, one filtered row at the end.
    expect(people.rowCount).toBe(7);
    expect(people.sampleHidden).toEqual([false, false, true, false, false, false, true]);
    expect(people.hiddenColumns).toEqual([2]);
    expect(comments.sample).toEqual([["A2", "Moved to Crewe", "call 07700 900123"]]);
  });

  it.each(ODS_FILES)("%s: the same sheets, hidden parts, counts and values as SheetJS", async (_, bytes) => {
    const ours = readOds(bytes(), ctx());
    const theirs = await readWithSheetJs(bytes(), { limits: DEFAULT_LIMITS });
    expect(ours.issues).toEqual(theirs.issues);
    const sheets = ours.tables.filter((t) => t.origin === "sheet");
    expect(sheets.map(shape)).toEqual(theirs.tables.map(shape));
    for (const [i, sheet] of sheets.entries()) {
      const width = Math.max(0, ...sheet.sample.map((row) => row.length));
      const cells = (t: RawTable) =>
        t.sample.map((row, r) =>
          Array.from({ length: width }, (_, c) =>
            isValue(sheet.sample[r]?.[c] ?? "") ? "" : (row[c] ?? "").trimEnd(),
          ),
        );
      expect(cells(sheet)).toEqual(cells(theirs.tables[i]));
    }
  });

  it("counts calamine's repeat bomb (issue 594) without expanding it: 10^9 rows of one cell", () => {
    const { tables, issues } = readOds(corpus("calamine/issue_594_dos.ods"), ctx());
    expect(issues).toEqual([]);
    expect(tables[0].rowCount).toBe(999_999_999);
    // The cell is repeated to the sheet's edge, and the repeated row only while the sample has room.
    expect(tables[0].sample[0].length).toBe(16_384);
    const cells = tables[0].sample.reduce((n, row) => n + row.length, 0);
    expect(cells).toBeLessThanOrEqual(MAX_SAMPLE_CELLS);
    expect(tables[0].sample.length).toBe(Math.floor(MAX_SAMPLE_CELLS / 16_384));
  });

  it("a password-protected file is ENCRYPTED, a DTD is refused", () => {
    expect(readOds(corpus("calamine/pass_protected.ods"), ctx()).issues).toEqual([
      { code: "ENCRYPTED", path: "" },
    ]);
    const people = file("people.ods");
    const dtd = repack(people, {
      "content.xml": partText(people, "content.xml").replace("?>", '?><!DOCTYPE x [<!ENTITY a "b">]>'),
    });
    expect(readOds(dtd, ctx()).issues).toEqual([{ code: "DTD_REFUSED", path: "" }]);
  });

  it("stops at the draft's deadline: the whole file is TIMEOUT, naming the limit", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`person ${i}`, i]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Big");
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: "ods", type: "array" }) as ArrayBuffer);
    expect(readOds(bytes, { ...ctx(), deadline: nodePlatform.now() - 1 })).toEqual({
      tables: [],
      issues: [
        { code: "TIMEOUT", path: "", limit: { name: "maxSecondsPerDraft", value: 20, unit: "seconds" } },
      ],
    });
    expect(readOds(bytes, ctx()).tables[0].rowCount).toBe(3000);
  });

  it("is what the dispatcher reads an .ods with, inside a ZIP too", async () => {
    const read = await readAttachment(
      {
        filename: "people.ods",
        contentType: "application/vnd.oasis.opendocument.spreadsheet",
        bytes: file("people.ods"),
      },
      { ...ctx(), deadline: nodePlatform.now() + 60_000 },
    );
    expect(read.status).toBe("inspected");
    expect(read.tables.map((t) => t.name)).toEqual(["People", "comments on People", "Secret"]);
  });
});
