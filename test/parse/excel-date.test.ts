import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { nodePlatform } from "../../src/node/platform.js";
import { dateFormatKind, formatExcelSerial, formatIsoDateTime } from "../../src/parse/excel-date.js";
import { readXlsx } from "../../src/parse/ooxml/read-xlsx.js";
import { readWithSheetJs } from "../../src/parse/sheetjs/read-sheetjs.js";

describe("the one Excel date rule", () => {
  it.each([
    [45000, "date", "2023-03-15"],
    [45000.75, "date", "2023-03-15"], // a date format hides the time, as Excel does
    [45000.75, "date-time", "2023-03-15 18:00"],
    [45000.5 + 30 / 86_400, "date-time", "2023-03-15 12:00:30"],
    [45000, "date-time", "2023-03-15"], // midnight: the date alone
    [45000.9999999, "date-time", "2023-03-16"], // rounds to the second first, as Excel shows it
    [60.25, "date-time", "1900-02-29 06:00"],
  ] as const)("serial %s in a %s format reads %s", (serial, kind, expected) => {
    expect(formatExcelSerial(serial, false, kind === "date-time")).toBe(expected);
  });

  it.each([
    ["2020-01-02T00:00:00", true, "2020-01-02"],
    ["2020-01-02T13:45:00Z", true, "2020-01-02 13:45"],
    ["2020-01-02T13:45:00Z", false, "2020-01-02"],
    ["2020-01-02", true, "2020-01-02"],
    ["soon", true, "soon"],
  ])("ISO %s (time shown: %s) reads %s", (iso, showTime, expected) => {
    expect(formatIsoDateTime(iso, showTime)).toBe(expected);
  });

  it.each([
    ["dd/mm/yyyy", "date"],
    ["yyyy-mm-dd hh:mm", "date-time"],
    ["d-mmm-yy h:mm AM/PM", "date-time"],
    ["[h]:mm", "none"],
    ["0.00", "none"],
  ])("format %s shows %s", (code, kind) => {
    expect(dateFormatKind(code)).toBe(kind);
  });

  it("the same date cells read the same from xlsx (our reader), xls, xlsb and ods (SheetJS)", async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ["born", "seen"],
      [45000.75, 45000.75],
      [45000, 45000],
    ]);
    for (const ref of ["A2", "A3"]) sheet[ref].z = "dd/mm/yyyy";
    for (const ref of ["B2", "B3"]) sheet[ref].z = "yyyy-mm-dd hh:mm";
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, "Dates");
    const bytes = (bookType: XLSX.BookType) =>
      new Uint8Array(XLSX.write(wb, { bookType, type: "array", cellStyles: true }) as ArrayBuffer);
    const expected = [
      ["born", "seen"],
      ["2023-03-15", "2023-03-15 18:00"],
      ["2023-03-15", "2023-03-15"],
    ];
    const ours = readXlsx(bytes("xlsx"), {
      platform: nodePlatform,
      limits: DEFAULT_LIMITS,
      budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
    });
    expect(ours.tables[0].sample).toEqual(expected);
    for (const bookType of ["biff8", "xlsb", "ods", "xlsx"] as const) {
      const theirs = await readWithSheetJs(bytes(bookType), { limits: DEFAULT_LIMITS });
      expect([bookType, theirs.tables[0].sample]).toEqual([bookType, expected]);
    }
  });
});
