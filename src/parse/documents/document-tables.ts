import type { RawTable, SheetState } from "../../model/table.js";
import { TableBuilder } from "../table-builder.js";

/** Excel's widest sheet; a document's cell repeated or spanned past it is cut there. */
const MAX_COLUMNS = 16_384;
/** Excel's tallest sheet: a row repeated more often than that is counted only that often. */
const MAX_ROWS = 1_048_576;

interface OpenTable {
  number: number;
  builder: TableBuilder;
  row: string[] | undefined;
  rowHidden: boolean;
  /** The row above, for cells merged down into it (Word's vMerge continue). */
  above: string[];
  cell: string[] | undefined;
}

/**
 * Gathers the tables of a document as its XML is walked: tables nest (a table in a cell is a table
 * of its own, numbered where it opens), cells span columns and continue the cell above. Tables are
 * named by position, `Table 1` first, as a reader would point at them.
 */
export class DocumentTables {
  private readonly open: OpenTable[] = [];
  private readonly done: { number: number; table: RawTable }[] = [];
  private count = 0;

  constructor(
    private readonly prefix: string,
    private readonly sampleRows: number,
  ) {}

  /** Starts a table, inside the current cell's table if any. */
  openTable(state: SheetState = "visible", label = ""): void {
    const number = ++this.count;
    const name = `${this.prefix}${label}Table ${number}`;
    const builder = new TableBuilder(name, "sheet", state, this.sampleRows);
    this.open.push({ number, builder, row: undefined, rowHidden: false, above: [], cell: undefined });
  }

  /** Ends the innermost table. */
  closeTable(): void {
    const table = this.open.pop();
    if (table) this.done.push({ number: table.number, table: table.builder.build() });
  }

  /** Whether text now belongs to a cell of the innermost table. */
  get inCell(): boolean {
    return this.top?.cell !== undefined;
  }

  /** Starts a row of the innermost table; hidden for a row recorded as deleted. */
  openRow(hidden = false): void {
    const top = this.top;
    if (!top) return;
    top.row = [];
    top.rowHidden = hidden;
  }

  /** Marks the current row hidden (a tracked deletion found in its properties). */
  hideRow(): void {
    if (this.top) this.top.rowHidden = true;
  }

  /** Ends a row, counted `repeat` times (ODF's number-rows-repeated). */
  closeRow(repeat = 1): void {
    const top = this.top;
    if (!top?.row) return;
    const row = top.row;
    // Trailing blank cells (ODF repeats one to the sheet's edge) carry nothing.
    let end = row.length;
    while (end > 0 && row[end - 1] === "") end--;
    row.length = end;
    if (end > 0) {
      // A repeated row is sampled while the sample has room, then counted at once: looping a
      // million times over a row 16,384 cells wide (ODF's repeat bomb) would take hours.
      let left = Math.min(repeat, MAX_ROWS);
      for (; left > 0 && !top.builder.sampleFull; left--) top.builder.addRow(row, top.rowHidden);
      if (left > 0) top.builder.countRows(left, top.rowHidden);
    }
    top.above = row;
    top.row = undefined;
  }

  /** Starts a cell of the current row. */
  openCell(): void {
    const top = this.top;
    if (top?.row) top.cell = [];
  }

  /** Adds text to the current cell; paragraphs are joined with spaces. */
  addText(text: string): void {
    this.top?.cell?.push(text);
  }

  /** Ends a paragraph inside the current cell. */
  breakLine(): void {
    this.top?.cell?.push(" ");
  }

  /**
   * Ends a cell that fills `span` grid columns and is written `repeat` times; a cell merged into
   * the one above takes that one's text, so a household's address spanning three rows is in each.
   */
  closeCell(options: { span?: number; repeat?: number; mergedAbove?: boolean } = {}): void {
    const top = this.top;
    if (!top?.row || !top.cell) return;
    const column = top.row.length;
    const own = top.cell.join("").replace(/\s+/g, " ").trim();
    const text = options.mergedAbove ? (top.above[column] ?? "") : own;
    const repeat = Math.max(1, options.repeat ?? 1);
    const span = Math.max(1, options.span ?? 1);
    for (let r = 0; r < repeat && top.row.length < MAX_COLUMNS; r++) {
      top.row.push(text);
      for (let s = 1; s < span && top.row.length < MAX_COLUMNS; s++) top.row.push("");
    }
    top.cell = undefined;
  }

  /** Every table, closed or not (a truncated document), in the order they opened. */
  tables(): RawTable[] {
    while (this.open.length > 0) this.closeTable();
    return this.done.sort((a, b) => a.number - b.number).map((d) => d.table);
  }

  private get top(): OpenTable | undefined {
    return this.open[this.open.length - 1];
  }
}
