// A worksheet cell's raw value (`<v>`, inline text) as the text a table holds.
import { formatExcelSerial, formatIsoDateTime } from "../excel-date.js";
import { MAX_COLUMNS } from "../excel-grid.js";
import { decodeXString } from "../xml/xml-scanner.js";
import type { CellFormats } from "./parse-workbook-parts.js";

/** A cell as read from `<c r t s>`, its `<v>` and its inline string. */
export interface RawCell {
  type: string;
  style: number;
  value: string | undefined;
  inline: string;
}

/** Column index (0-based) from the letters of a cell reference, -1 without letters, -2 past XFD. */
export function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) | 32; // lower-case
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
    if (col > MAX_COLUMNS) return -2;
  }
  return i === 0 ? -1 : col - 1;
}

/** Writes long or exponent numbers as JS would, so `0.10000000000000001` reads as `0.1`. */
export function normalizeNumber(text: string): string {
  if (text.length <= 15 && !text.includes("E") && !text.includes("e")) return text;
  const value = Number(text);
  return Number.isFinite(value) ? String(value) : text;
}

/** An Excel date serial as text by the one date rule (excel-date.ts); else the number. */
export function serialToIsoDate(text: string, date1904: boolean, showTime = false): string {
  return formatExcelSerial(Number(text), date1904, showTime) ?? normalizeNumber(text);
}

/** The text of a cell by its type: shared string, inline, formula string, boolean, error, date, number. */
export function cellText(cell: RawCell, formats: CellFormats): string {
  const { value } = cell;
  const dateStyle = formats.dateStyles[cell.style] ?? "none";
  switch (cell.type) {
    case "s":
      return value === undefined ? "" : (formats.strings.get(Number(value)) ?? "");
    case "inlineStr":
      return decodeXString(cell.inline || (value ?? ""));
    case "str":
      return decodeXString(value ?? "");
    case "b":
      return value === "1" ? "TRUE" : value === "0" ? "FALSE" : (value ?? "");
    case "e":
      return value ?? "";
    case "d":
      // ISO 8601 dates (strict OOXML and some writers).
      return formatIsoDateTime(value ?? "", dateStyle === "date-time");
    default:
      if (value === undefined || value === "") return "";
      return dateStyle === "none"
        ? normalizeNumber(value)
        : serialToIsoDate(value, formats.date1904, dateStyle === "date-time");
  }
}
