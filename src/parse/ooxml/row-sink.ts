import type { TableBuilder } from "../table-builder.js";

/** Puts a row's non-empty cells into the builder: dense while sampled, just counted after. */
export class RowSink {
  width = 0;
  readonly cols: number[] = [];
  readonly values: string[] = [];

  /** `sampled` counts rows the builder already holds, so the two agree on when the sample is full. */
  constructor(
    private readonly builder: TableBuilder,
    private readonly sampleRows: number,
    private sampled = 0,
  ) {}

  /** Whether the sample is full, so later rows need only be counted. */
  get full(): boolean {
    return this.sampled >= this.sampleRows;
  }

  /** Adds one cell value at a column; blanks are skipped so styled empty cells cost nothing. */
  put(col: number, value: string): void {
    if (value === "") return;
    this.cols.push(col);
    this.values.push(value);
  }

  /** Ends the row. */
  flush(hidden: boolean): void {
    const { cols, values } = this;
    if (values.length === 0) return;
    if (values.some((v) => v.trim() !== "")) {
      let max = 0;
      for (const col of cols) if (col > max) max = col;
      if (max + 1 > this.width) this.width = max + 1;
      if (this.sampled < this.sampleRows) {
        const row = new Array<string>(max + 1).fill("");
        for (let i = 0; i < cols.length; i++) row[cols[i]] = values[i];
        this.builder.addRow(row, hidden);
        this.sampled++;
      } else {
        // Past the sample the builder only counts, so a wide row need not be laid out.
        this.builder.addRow(values.slice(), hidden);
      }
    }
    cols.length = 0;
    values.length = 0;
  }
}
