import type { RawTable, SheetState, TableOrigin } from "../model/table.js";

/**
 * Collects a table row by row: keeps the first `sampleRows` non-empty rows and counts them all,
 * so a reader can stream a sheet of any length in bounded memory.
 */
export class TableBuilder {
  private readonly table: RawTable;
  private readonly hidden = new Set<number>();

  constructor(
    name: string,
    origin: TableOrigin,
    state: SheetState,
    private readonly sampleRows: number,
  ) {
    this.table = {
      name,
      origin,
      state,
      sample: [],
      sampleHidden: [],
      rowCount: 0,
      hiddenRowCount: 0,
      hiddenColumns: [],
    };
  }

  /** Adds one row; empty rows (all cells blank) are not counted. */
  addRow(cells: string[], hidden = false): void {
    if (!cells.some((cell) => cell.trim() !== "")) return;
    this.table.rowCount++;
    if (hidden) this.table.hiddenRowCount++;
    if (this.table.sample.length < this.sampleRows) {
      this.table.sample.push(cells);
      this.table.sampleHidden.push(hidden);
    }
  }

  /** Counts a non-empty row past the sample without keeping its cells. */
  countRow(hidden: boolean): void {
    this.countRows(1, hidden);
  }

  /** Counts `n` non-empty rows past the sample at once: ODS repeats one row element many times. */
  countRows(n: number, hidden: boolean): void {
    this.table.rowCount += n;
    if (hidden) this.table.hiddenRowCount += n;
  }

  /** Marks a column (0-based) as hidden. */
  hideColumn(index: number): void {
    this.hidden.add(index);
  }

  /** The table as collected so far. */
  build(): RawTable {
    this.table.hiddenColumns = [...this.hidden].sort((a, b) => a - b);
    return this.table;
  }
}
