// The workbook-wide parts a sheet's cells refer to: the sheet list, shared strings and styles.
import type { SheetState } from "../../model/table.js";
import { builtinDateFormatKind, type DateFormatKind, dateFormatKind } from "../excel-date.js";
import { decodeXString, XmlScanner } from "../xml/xml-scanner.js";

/** A sheet as the workbook part lists it. */
export interface SheetRef {
  name: string;
  state: SheetState;
  rid: string;
}

/** What turns a sheet's raw cell values into text. */
export interface CellFormats {
  strings: Pick<SharedStrings, "get">;
  /** By cell style index (`s`): what its number format shows of a date. */
  dateStyles: DateFormatKind[];
  date1904: boolean;
}

/** Sheets in workbook order with their visibility, and whether dates count from 1904. */
export function parseWorkbook(xml: string): { sheets: SheetRef[]; date1904: boolean } {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  const s = new XmlScanner(xml);
  while (s.next()) {
    if (s.close) continue;
    if (s.name === "sheet") {
      const state = s.attr("state");
      sheets.push({
        name: s.attr("name") ?? `Sheet${sheets.length + 1}`,
        state: state === "hidden" || state === "veryHidden" ? state : "visible",
        rid: s.attr("id") ?? "",
      });
    } else if (s.name === "workbookPr") {
      const flag = s.attr("date1904");
      date1904 = flag === "1" || flag === "true";
    }
  }
  return { sheets, date1904 };
}

/**
 * The shared string table: each `<si>` is its `<t>` runs joined, phonetic `<rPh>` runs left out.
 * Read only as far as the cells asked so far need: a sheet's sampled rows use the first strings
 * of the table (writers add them in order of first use), and rows past the sample are counted
 * without their text, so most of a long register's strings were parsed for nothing.
 */
export class SharedStrings {
  private readonly strings: string[] = [];
  private readonly s: XmlScanner;
  private done = false;
  private current = "";
  private inItem = false;
  private inPhonetic = false;

  /** `late` is the draft's clock, asked as the scan goes (it throws ScanTimeout). */
  constructor(xml: string, late?: () => boolean) {
    this.s = new XmlScanner(xml, late);
  }

  /** The string at `index`; undefined past the table's end or for a non-index. */
  get(index: number): string | undefined {
    while (this.strings.length <= index && !this.done) this.step();
    return this.strings[index];
  }

  private step(): void {
    const { s } = this;
    if (!s.next()) {
      this.done = true;
      return;
    }
    if (s.name === "si") {
      if (s.close || s.selfClose) {
        this.strings.push(decodeXString(this.current));
        this.current = "";
        this.inItem = false;
      } else this.inItem = true;
    } else if (s.name === "t") {
      if (!s.close && this.inItem && !this.inPhonetic) this.current += s.text();
    } else if (s.name === "rPh") {
      this.inPhonetic = !s.close && !s.selfClose;
    }
  }
}

/** For each cell style index (`s`), what its number format shows of a date. */
export function parseDateStyles(xml: string): DateFormatKind[] {
  const custom = new Map<number, string>();
  const styles: DateFormatKind[] = [];
  const s = new XmlScanner(xml);
  let inCellXfs = false;
  while (s.next()) {
    if (s.name === "numFmt" && !s.close) {
      custom.set(Number(s.attr("numFmtId")), s.attr("formatCode") ?? "");
    } else if (s.name === "cellXfs") {
      inCellXfs = !s.close && !s.selfClose;
    } else if (s.name === "xf" && inCellXfs && !s.close) {
      const id = Number(s.attr("numFmtId") ?? 0);
      const code = custom.get(id);
      styles.push(code !== undefined ? dateFormatKind(code) : builtinDateFormatKind(id));
    }
  }
  return styles;
}
