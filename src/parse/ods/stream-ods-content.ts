import type { RawTable } from "../../model/table.js";
import { formatIsoDateTime } from "../excel-date.js";
import { MAX_COLUMNS } from "../excel-grid.js";
import { normalizeNumber } from "../ooxml/cell-text.js";
import { commentFields } from "../ooxml/read-comments.js";
import { TableBuilder } from "../table-builder.js";
import { XmlScanner } from "../xml/xml-scanner.js";
import type { OdsStyles } from "./ods-styles.js";

/** What streaming content.xml needs: the styles so far, the sample size, names, and the clock. */
export interface OdsStreamOptions {
  styles: OdsStyles;
  sampleRows: number;
  /** Put before every table name, e.g. `inner.zip/book.ods#`. */
  prefix: string;
  /** Whether time is up; asked by the scanner, which then throws ScanTimeout. */
  late?: () => boolean;
}

const CELL_ATTRS = [
  "value-type",
  "value",
  "date-value",
  "boolean-value",
  "string-value",
  "style-name",
  "number-columns-repeated",
] as const;

/** A repeat count (OpenDocument 19.675, 19.678): at least 1. */
const repeatOf = (text: string | undefined): number => Math.max(1, Number.parseInt(text ?? "1", 10) || 1);

/** `A1` reference of a 0-based row and column, for naming where a comment sits. */
function cellRef(row: number, col: number): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** Reads an ODS content.xml in one forward pass: one table per sheet, then one per sheet's comments. */
export function streamOdsContent(xml: string, options: OdsStreamOptions): RawTable[] {
  const streamer = new OdsStreamer(xml, options);
  streamer.run();
  return streamer.tables;
}

/** Text being gathered from `<text:p>` paragraphs: a cell's or a comment's. */
interface Paragraphs {
  text: string;
  count: number;
}

/** The state of one pass: the open table, row and cell, and the text being gathered. */
class OdsStreamer {
  readonly tables: RawTable[] = [];
  private readonly s: XmlScanner;
  private readonly attrs: (string | undefined)[] = CELL_ATTRS.map(() => undefined);
  private builder: TableBuilder | undefined;
  private comments: TableBuilder | undefined;
  private tableName = "";
  private hiddenColumns: [number, number][] = [];
  private column = 0;
  private width = 0;
  private row = 0;
  private rowRepeat = 1;
  private rowHidden = false;
  private col = 0;
  private readonly cols: number[] = [];
  private readonly values: string[] = [];
  private rowFilled = false;
  private cellOpen = false;
  private cellRepeat = 1;
  private covered = 0;
  private annotation = 0;
  private paragraph = 0;
  private readonly cell: Paragraphs = { text: "", count: 0 };
  private readonly note: Paragraphs = { text: "", count: 0 };

  constructor(
    xml: string,
    private readonly options: OdsStreamOptions,
  ) {
    this.s = new XmlScanner(xml, options.late);
  }

  run(): void {
    const { s } = this;
    while (s.next()) {
      if (this.options.styles.take(s)) continue;
      if (s.close) this.closeTag(s.name);
      else this.openTag(s.name);
      // Text between tags belongs to the paragraph it is in: `a<text:s/>b`, `<text:span>c</text:span>d`.
      if (this.paragraph > 0) this.target().text += s.trailingText();
    }
    this.endTable();
  }

  /** Where paragraph text goes: the comment being read, or the cell. */
  private target(): Paragraphs {
    return this.annotation > 0 ? this.note : this.cell;
  }

  private openTag(name: string): void {
    const { s } = this;
    if (this.covered > 0 && name !== "covered-table-cell") return;
    switch (name) {
      case "table":
        if (!this.cellOpen) this.startTable();
        break;
      case "table-column":
        this.addColumns(repeatOf(s.attr("number-columns-repeated")), s.attr("visibility"));
        break;
      case "table-row":
        this.startRow();
        break;
      case "table-cell":
        this.startCell();
        break;
      case "covered-table-cell":
        // A cell hidden under a merged one: it takes its column; what it holds is not shown.
        this.col += repeatOf(s.attr("number-columns-repeated"));
        if (!s.selfClose) this.covered++;
        break;
      case "annotation":
        if (this.cellOpen && !s.selfClose) this.annotation++;
        break;
      default:
        this.openText(name);
    }
  }

  /** Paragraphs and the spacing elements inside them (OpenDocument 6.1). */
  private openText(name: string): void {
    const { s } = this;
    if (!this.cellOpen) return;
    if (name === "p" || name === "h") {
      const target = this.target();
      if (target.count++ > 0) target.text += "\n";
      if (!s.selfClose) this.paragraph++;
    } else if (this.paragraph > 0) {
      if (name === "s") this.target().text += " ".repeat(Math.min(repeatOf(s.attr("c")), 1024));
      else if (name === "tab") this.target().text += "\t";
      else if (name === "line-break") this.target().text += "\n";
    }
  }

  private closeTag(name: string): void {
    if (this.covered > 0) {
      if (name === "covered-table-cell") this.covered--;
      return;
    }
    switch (name) {
      case "p":
      case "h":
        if (this.paragraph > 0) this.paragraph--;
        break;
      case "annotation":
        if (this.annotation > 0) this.annotation--;
        break;
      case "table-cell":
        if (this.cellOpen) this.endCell();
        break;
      case "table-row":
        this.endRow();
        break;
      case "table":
        if (!this.cellOpen) this.endTable();
        break;
    }
  }

  private startTable(): void {
    this.endTable();
    const { s, options } = this;
    this.tableName = s.attr("name") ?? "";
    const state = options.styles.hidesTable(s.attr("style-name")) ? "hidden" : "visible";
    this.builder = new TableBuilder(options.prefix + this.tableName, "sheet", state, options.sampleRows);
    this.hiddenColumns = [];
    this.column = this.width = this.row = 0;
  }

  private endTable(): void {
    const { builder } = this;
    if (builder === undefined) return;
    // LibreOffice hides "the rest of the columns" with one repeated element: only data columns count.
    for (const [start, end] of this.hiddenColumns)
      for (let c = start; c < Math.min(end, this.width); c++) builder.hideColumn(c);
    this.tables.push(builder.build());
    if (this.comments) this.tables.push(this.comments.build());
    this.builder = this.comments = undefined;
  }

  private addColumns(repeat: number, visibility: string | undefined): void {
    if (visibility !== undefined && visibility !== "visible")
      this.hiddenColumns.push([this.column, this.column + repeat]);
    this.column = Math.min(this.column + repeat, MAX_COLUMNS);
  }

  private startRow(): void {
    const { s } = this;
    const visibility = s.attr("visibility");
    this.rowRepeat = repeatOf(s.attr("number-rows-repeated"));
    this.rowHidden = visibility !== undefined && visibility !== "visible";
    this.col = 0;
    this.rowFilled = false;
    this.cols.length = this.values.length = 0;
    if (s.selfClose) this.endRow();
  }

  /** Ends a row: a repeated row with content stands for that many rows, sampled or counted. */
  private endRow(): void {
    const { builder, rowRepeat, rowHidden } = this;
    if (builder !== undefined && this.rowFilled) {
      let left = rowRepeat;
      if (this.cols.length > 0) {
        let max = 0;
        for (const col of this.cols) if (col > max) max = col;
        if (max + 1 > this.width) this.width = max + 1;
        const cells = new Array<string>(max + 1).fill("");
        for (let i = 0; i < this.cols.length; i++) cells[this.cols[i]] = this.values[i];
        // A repeated row is expanded only while the sample (rows and cells) has room.
        for (; left > 0 && !builder.sampleFull; left--)
          builder.addRow(left === rowRepeat ? cells : cells.slice(), rowHidden);
      }
      if (left > 0) builder.countRows(left, rowHidden);
    }
    this.row += rowRepeat;
    this.rowRepeat = 1;
    this.rowFilled = false;
  }

  private startCell(): void {
    const { s, attrs } = this;
    s.attrs(CELL_ATTRS, attrs, true);
    this.cellRepeat = repeatOf(attrs[6]);
    this.cell.text = "";
    this.cell.count = 0;
    this.note.text = "";
    this.note.count = 0;
    this.cellOpen = true;
    if (s.selfClose) this.endCell();
  }

  /** The value of the cell by its type (OpenDocument 19.385), put in every column it repeats over. */
  private endCell(): void {
    this.cellOpen = false;
    this.paragraph = this.annotation = 0;
    const value = this.cellValue();
    const start = this.col;
    this.col += this.cellRepeat;
    if (this.note.count > 0) this.addComment(start);
    if (value.trim() === "") return;
    this.rowFilled = true;
    // Past the sample only whether the row has content matters.
    if (this.builder === undefined || this.builder.sampleFull) return;
    for (let c = start; c < Math.min(this.col, MAX_COLUMNS); c++) {
      this.cols.push(c);
      this.values.push(value);
    }
  }

  private cellValue(): string {
    const [type, value, dateValue, booleanValue, stringValue, styleName] = this.attrs;
    switch (type) {
      case "float":
      case "percentage":
      case "currency":
        return value === undefined || value === "" ? this.cell.text : normalizeNumber(value);
      case "date":
        if (dateValue === undefined) return this.cell.text;
        return formatIsoDateTime(dateValue, this.options.styles.showsTime(styleName));
      case "boolean":
        return booleanValue === "true" ? "TRUE" : booleanValue === "false" ? "FALSE" : this.cell.text;
      default:
        // string, time (shown as written), or no type: an empty cell or one LibreOffice could not type.
        return stringValue ?? this.cell.text;
    }
  }

  private addComment(col: number): void {
    this.comments ??= new TableBuilder(
      `${this.options.prefix}comments on ${this.tableName}`,
      "comments",
      "visible",
      this.options.sampleRows,
    );
    this.comments.addRow([cellRef(this.row, col), ...commentFields(this.note.text)]);
  }
}
