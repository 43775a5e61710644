import type { Ruleset } from "../model/ruleset.js";
import { normaliseHeader } from "../ruleset/normalise-header.js";
import { matchHeader } from "./match-header.js";

/** How many leading rows may be titles, notes or blanks above the header. */
const MAX_TITLE_ROWS = 10;

const looksLikeNumberOrDate = (cell: string): boolean =>
  /^[-+£$€]?[\d\s,.]+%?$/.test(cell) || /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(cell);

/**
 * Finds the header row among the first sampled rows: the first row that is as wide as the data,
 * whose cells read as labels (not numbers, dates or values a detector recognises without a header).
 * Returns null for a table that has no header row.
 */
export function findHeaderRow(sample: string[][], ruleset: Ruleset): HeaderPosition | null {
  const strongTests = ruleset.detectors.flatMap((d) => d.values.filter((t) => !t.needsHeader));
  const width = Math.max(0, ...sample.slice(0, 50).map(nonEmptyCount));
  const limit = Math.min(MAX_TITLE_ROWS, sample.length);
  for (let r = 0; r < limit; r++) {
    const row = judgeRow(sample[r], width, strongTests, ruleset);
    if (row === null) continue;
    // A row of plain words over rows of plain words is a header only if something says so:
    // a known header word, or data below that differs in kind (numbers, recognised values).
    if (
      row.known > 0 ||
      r + 1 >= sample.length ||
      rowLabelShare(sample[r + 1], strongTests) < row.labelShare
    ) {
      // Two-row headers: a group row ("Contact details", "Canvass") over the real labels.
      const below = r + 1 < limit ? judgeRow(sample[r + 1], width, strongTests, ruleset) : null;
      if (below !== null && below.cells > row.cells && below.known >= row.known)
        return { row: r + 1, groupRow: r };
      return { row: r, groupRow: null };
    }
  }
  return null;
}

/** Where the header is: its row in the sample, and the group row above it in a two-row header. */
export interface HeaderPosition {
  row: number;
  groupRow: number | null;
}

/** How header-like a row is, or null when it cannot be the header (too narrow, mostly data). */
function judgeRow(
  cellsIn: string[],
  width: number,
  strongTests: { test: (v: string) => boolean }[],
  ruleset: Ruleset,
): { cells: number; known: number; labelShare: number } | null {
  const cells = cellsIn.map((c) => c.trim()).filter((c) => c !== "");
  if (cells.length === 0 || cells.length < Math.max(1, Math.ceil(width / 2))) return null;
  const known = cells.filter((c) =>
    ruleset.detectors.some((d) => matchHeader(d, normaliseHeader(c)) !== null),
  );
  const labels = cells.filter(
    (c) => c.length <= 60 && !looksLikeNumberOrDate(c) && !strongTests.some((t) => t.test(c)),
  );
  const labelShare = labels.length / cells.length;
  if (labelShare >= 0.8 || (known.length >= 2 && labelShare >= 0.5)) {
    return { cells: cells.length, known: known.length, labelShare };
  }
  return null;
}

function nonEmptyCount(row: string[]): number {
  let n = 0;
  for (const cell of row) if (cell.trim() !== "") n++;
  return n;
}

function rowLabelShare(row: string[], strongTests: { test: (v: string) => boolean }[]): number {
  const cells = row.map((c) => c.trim()).filter((c) => c !== "");
  if (cells.length === 0) return 0;
  const labels = cells.filter((c) => !looksLikeNumberOrDate(c) && !strongTests.some((t) => t.test(c)));
  return labels.length / cells.length;
}
