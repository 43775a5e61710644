// What SheetJS reads from an xls, put in the xls reader's terms, to cross-check the two: the same
// cells as the reader's own values (numbers as JS writes them, dates as ISO days by the project's
// date rule, booleans TRUE/FALSE, errors as Excel shows them), fed through the same TableBuilder.
import * as XLSX from "@e965/xlsx";
import type { RawTable, SheetState } from "../../../src/model/table.js";
import { dateFormatKind, formatExcelSerial } from "../../../src/parse/excel-date.js";
import { TableBuilder } from "../../../src/parse/table-builder.js";

/** One table per worksheet as SheetJS sees it. */
export function sheetJsView(bytes: Uint8Array, sampleRows: number): RawTable[] {
  const wb = XLSX.read(bytes, {
    type: "array",
    dense: true,
    cellStyles: true,
    cellNF: true,
    cellDates: false,
  });
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  return wb.SheetNames.flatMap((name, index) => {
    const sheet = wb.Sheets[name] as XLSX.WorkSheet & { "!type"?: string };
    if (sheet["!type"] === "chart") return [];
    const hidden = wb.Workbook?.Sheets?.[index]?.Hidden ?? 0;
    const state: SheetState = hidden === 2 ? "veryHidden" : hidden === 1 ? "hidden" : "visible";
    const builder = new TableBuilder(name, "sheet", state, sampleRows);
    let width = 0;
    const rows = sheet["!rows"];
    (sheet["!data"] ?? []).forEach((row, r) => {
      if (!row) return;
      const cells: string[] = [];
      row.forEach((cell, c) => {
        const text = cellText(cell, date1904);
        if (text === "") return;
        while (cells.length < c) cells.push("");
        cells[c] = text;
      });
      if (cells.some((cell) => cell.trim() !== "")) width = Math.max(width, cells.length);
      builder.addRow(cells, Boolean(rows?.[r]?.hidden));
    });
    sheet["!cols"]?.forEach((col, c) => {
      if (col?.hidden && c < width) builder.hideColumn(c);
    });
    return [builder.build()];
  });
}

function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return "";
  switch (cell.t) {
    case "n": {
      const value = cell.v as number;
      const kind = typeof cell.z === "string" ? dateFormatKind(cell.z) : "none";
      return (kind !== "none" && formatExcelSerial(value, date1904, kind === "date-time")) || String(value);
    }
    case "b":
      return cell.v ? "TRUE" : "FALSE";
    case "e":
      return cell.w ?? "";
    default:
      return String(cell.v);
  }
}
