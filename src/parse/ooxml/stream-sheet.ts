import { MAX_COLUMNS } from "../excel-grid.js";
import type { TableBuilder } from "../table-builder.js";
import { XmlScanner } from "../xml/xml-scanner.js";
import { cellText, columnOf, type RawCell } from "./cell-text.js";
import { countRows } from "./count-rows.js";
import type { CellFormats } from "./parse-workbook-parts.js";
import { RowSink } from "./row-sink.js";

const CELL_ATTRS = ["r", "t", "s"] as const;

/** Streams one worksheet's `<sheetData>` into a builder in a single forward pass. */
export function streamSheet(
  xml: string,
  builder: TableBuilder,
  formats: CellFormats,
  sampleRows: number,
  /** Whether time is up: the scan then throws ScanTimeout. */
  late?: () => boolean,
): void {
  new SheetStreamer(xml, builder, formats, sampleRows, late).run();
}

/** The state of one pass over a worksheet: the open row and cell, and the hidden columns seen. */
class SheetStreamer {
  private readonly s: XmlScanner;
  private readonly sink: RowSink;
  private readonly hiddenRanges: [number, number][] = [];
  private readonly attrs: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly cell: RawCell = { type: "", style: 0, value: undefined, inline: "" };
  private rowHidden = false;
  private col = -1;
  private inCell = false;
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly xml: string,
    private readonly builder: TableBuilder,
    private readonly formats: CellFormats,
    sampleRows: number,
    late: (() => boolean) | undefined,
  ) {
    this.s = new XmlScanner(xml, late);
    this.sink = new RowSink(builder, sampleRows);
  }

  run(): void {
    const { s } = this;
    while (s.next()) {
      const go = s.close ? this.closeTag(s.name) : this.openTag(s.name);
      if (!go) break;
    }
    if (this.inCell) this.endCell();
    this.sink.flush(this.rowHidden);
    // `<col min="5" max="16384" hidden="1"/>` is how Excel hides everything right of the data, so
    // only columns that hold data are marked.
    for (const [min, max] of this.hiddenRanges) {
      for (let c = min; c <= Math.min(max, this.sink.width - 1); c++) this.builder.hideColumn(c);
    }
  }

  private endCell(): void {
    this.inCell = false;
    if (this.col < 0 || this.col >= MAX_COLUMNS) return;
    this.sink.put(this.col, cellText(this.cell, this.formats));
  }

  /** Handles an end tag; false once the sheet's data is over. */
  private closeTag(name: string): boolean {
    if (name === "c") {
      if (this.inCell) this.endCell();
    } else if (name === "row") {
      this.sink.flush(this.rowHidden);
      this.rowHidden = false;
    } else if (name === "is") this.inInline = false;
    else if (name === "rPh") this.inPhonetic = false;
    else if (name === "sheetData") return false; // what follows (merges, links, formats) holds no cells
    return true;
  }

  /** Handles a start tag; false once the rest need only be counted. */
  private openTag(name: string): boolean {
    const { s } = this;
    switch (name) {
      case "c":
        this.startCell();
        break;
      case "v":
        if (this.inCell && !s.selfClose) {
          this.cell.value = s.text();
          s.skipEndTag();
        }
        break;
      case "is":
        this.inInline = !s.selfClose;
        break;
      case "rPh":
        this.inPhonetic = !s.selfClose;
        break;
      case "t":
        if (this.inCell && this.inInline && !this.inPhonetic) this.cell.inline += s.text();
        break;
      case "row":
        return this.startRow();
      case "col":
        this.noteHiddenColumns();
        break;
    }
    return true;
  }

  private startCell(): void {
    const { s, cell, attrs } = this;
    if (this.inCell) this.endCell();
    s.attrs(CELL_ATTRS, attrs);
    const ref = columnOf(attrs[0]);
    // No reference: the cell follows the previous one. Past XFD: ignored, as Excel would.
    this.col = ref === -1 ? this.col + 1 : ref === -2 ? MAX_COLUMNS : ref;
    cell.type = attrs[1] ?? "n";
    cell.style = attrs[2] === undefined ? 0 : Number(attrs[2]);
    cell.value = undefined;
    cell.inline = "";
    this.inCell = !s.selfClose;
  }

  /** Opens a row; false when the sample is full and the rest of the rows were counted instead. */
  private startRow(): boolean {
    const { s } = this;
    // A row left open by a broken file is closed by the next one.
    this.sink.flush(this.rowHidden);
    if (this.sink.full) {
      // Past the sample only counts matter: count the rest with native string search.
      countRows(this.xml, this.xml.lastIndexOf("<", s.pos - 1), this.builder);
      this.rowHidden = false;
      this.inCell = false;
      return false;
    }
    const hidden = s.attr("hidden");
    this.rowHidden = !s.selfClose && (hidden === "1" || hidden === "true");
    this.col = -1;
    return true;
  }

  private noteHiddenColumns(): void {
    const { s } = this;
    const hidden = s.attr("hidden");
    if (hidden !== "1" && hidden !== "true") return;
    const min = Number(s.attr("min"));
    const max = Number(s.attr("max") ?? min);
    if (Number.isInteger(min) && Number.isInteger(max) && min >= 1)
      this.hiddenRanges.push([min - 1, max - 1]);
  }
}
