import type { RawTable, SheetState, TableOrigin } from "../model/table.js";

/**
 * Cells a sample may hold, whatever its width: a sideways card (60 fields x 16,384 people) fits,
 * while 500 rows of 16,384 repeated cells (an ODS repeat, 2 KB of XML) would be 8 M cells, ~20 s
 * of classification; rows past it are counted like rows past the sample.
 */
export const MAX_SAMPLE_CELLS = 1 << 20;

/** A `sampleRows` that keeps every row, with no bound on cells: `guard register build` reads all. */
export const ALL_ROWS = Number.MAX_SAFE_INTEGER;

/**
 * Collects a table row by row: keeps the first `sampleRows` non-empty rows (at most
 * MAX_SAMPLE_CELLS cells) and counts them all, so a reader can stream a sheet of any length in
 * bounded memory and the classifier's work is bounded too.
 */
export class TableBuilder {
  private readonly table: RawTable;
  private readonly hidden = new Set<number>();
  private cells = 0;
  private full = false;

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
    if (this.full) return;
    this.cells += cells.length;
    if (this.cells > MAX_SAMPLE_CELLS && this.sampleRows !== ALL_ROWS) {
      this.full = true;
      return;
    }
    this.table.sample.push(cells);
    this.table.sampleHidden.push(hidden);
    if (this.table.sample.length >= this.sampleRows) this.full = true;
  }

  /** Whether the sample holds all it may, so a reader need only count later rows. */
  get sampleFull(): boolean {
    return this.full;
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
