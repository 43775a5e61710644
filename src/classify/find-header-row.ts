import type { Ruleset, ValueTest } from "../model/ruleset.js";
import { normaliseHeader } from "../ruleset/normalise-header.js";
import { ClassifyTimeout } from "./classify-timeout.js";
import { matchHeader } from "./match-header.js";

/** How many leading rows may be titles, notes or blanks above the header. */
const MAX_TITLE_ROWS = 30;

/**
 * Longer cells are never matched as header words nor compared by shape: no header is a paragraph,
 * and matching every detector's phrases against the lines of a long plain-text body (a bug
 * report's 137 text blocks) cost seconds.
 */
const MAX_HEADER_CHARS = 200;

/** Cells remembered per ruleset as header words or not; bounded, so a huge draft cannot grow it. */
const KNOWN_CACHE_SIZE = 20_000;
const knownByRuleset = new WeakMap<Ruleset, Map<string, boolean>>();

/**
 * Whether a cell is a header word of some detector, remembered: a draft's tables repeat their
 * cells (a body of 137 text blocks, sheets of one export), and matching each cell against every
 * detector's phrases was most of the time spent finding headers.
 */
function knownCells(ruleset: Ruleset): Map<string, boolean> {
  let known = knownByRuleset.get(ruleset);
  if (known === undefined) {
    known = new Map();
    knownByRuleset.set(ruleset, known);
  }
  return known;
}

/** Rows below a candidate header compared with it, column by column. */
const ROWS_COMPARED = 20;

const looksLikeNumberOrDate = (cell: string): boolean =>
  /^[-+£$€]?[\d\s,.]+%?$/.test(cell) || /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(cell);

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;

/** Whether a UTF-16 unit ends a line (the units a regex `.` does not match). */
const endsLine = (unit: number): boolean => unit === 10 || unit === 13 || unit === 0x2028 || unit === 0x2029;

/**
 * The shape of a value: letters, digits and the rest as classes, runs of one class as one
 * (`Jane Smith` -> `Aa Aa`). One pass with an ASCII fast path: four Unicode regex replacements
 * per cell were the largest cost of finding headers in long bodies. Same result as
 * replace(/\p{Lu}/gu, "A"), then \p{Ll} -> "a", \d -> "9", then /(.)\1+/g -> "$1".
 */
export function shapeOf(cell: string): string {
  const out: number[] = [];
  const push = (unit: number): void => {
    if (out.length === 0 || out[out.length - 1] !== unit || endsLine(unit)) out.push(unit);
  };
  for (let i = 0; i < cell.length; i++) {
    const unit = cell.charCodeAt(i);
    if (unit < 128) {
      push(
        unit >= 65 && unit <= 90 ? 65 : unit >= 97 && unit <= 122 ? 97 : unit >= 48 && unit <= 57 ? 57 : unit,
      );
      continue;
    }
    const point = cell.codePointAt(i) ?? unit;
    const char = String.fromCodePoint(point);
    if (UPPER.test(char)) push(65);
    else if (LOWER.test(char)) push(97);
    else for (let k = 0; k < char.length; k++) push(char.charCodeAt(k));
    i += char.length - 1;
  }
  return String.fromCharCode(...out);
}

/** Where the header is: its row in the sample, and the group row above it in a two-row header. */
export interface HeaderPosition {
  row: number;
  groupRow: number | null;
}

/**
 * Finds the header row among the first sampled rows: the first row that is as wide as the data,
 * whose cells read as labels: not numbers, dates or values a detector recognises without a header,
 * and not shaped like the values below them unless they are known header words (a first row of
 * `Zephaniah Oakwright, 12 Mill Lane, ...` is data, and treating it as a header would both print
 * it as a label and lose a person from the count). Returns null for a table with no header row.
 * `late` (the draft's clock) is asked before each row is judged: a row 16,384 cells wide takes a while.
 */
export function findHeaderRow(
  sample: string[][],
  ruleset: Ruleset,
  late?: () => boolean,
): HeaderPosition | null {
  const strongTests = ruleset.detectors.flatMap((d) => d.values.filter((t) => !t.needsHeader));
  const known = knownCells(ruleset);
  const isKnown = (cell: string): boolean => {
    if (cell.length > MAX_HEADER_CHARS) return false;
    let answer = known.get(cell);
    if (answer === undefined) {
      const tokens = normaliseHeader(cell);
      answer = ruleset.detectors.some((d) => matchHeader(d, tokens) !== null);
      if (known.size < KNOWN_CACHE_SIZE) known.set(cell, answer);
    }
    return answer;
  };
  const width = Math.max(0, ...sample.slice(0, 50).map(nonEmptyCount));
  const limit = Math.min(MAX_TITLE_ROWS, sample.length);
  const judge = (r: number) => judgeRow(sample, r, width, strongTests, isKnown);
  for (let r = 0; r < limit; r++) {
    if (late?.()) throw new ClassifyTimeout();
    const row = judge(r);
    if (row === null) continue;
    // A row of plain words over rows of plain words is a header only if something says so:
    // a known header word, or data below that differs in kind (numbers, recognised values).
    if (
      row.known > 0 ||
      r + 1 >= sample.length ||
      rowLabelShare(sample[r + 1], strongTests) < row.labelShare
    ) {
      // Two-row headers: a group row ("Contact details", "Canvass") over the real labels.
      const below = r + 1 < limit ? judge(r + 1) : null;
      // As wide as the row above, the labels below still win when they know as much (`Contact`,
      // `Address` over `E-mail`, `PostCode`) and hold nothing a detector reads as a value: a first
      // data row of `Member Alice Brown, member0@...` has header words in it too.
      const groupAbove =
        below !== null &&
        ((below.cells > row.cells && below.known >= row.known) ||
          (below.cells === row.cells && below.known >= Math.max(1, row.known) && below.values === 0));
      if (groupAbove) return { row: r + 1, groupRow: r };
      return { row: r, groupRow: null };
    }
  }
  return null;
}

/** How header-like row r is, or null when it cannot be the header (too narrow, mostly data). */
function judgeRow(
  sample: string[][],
  r: number,
  width: number,
  strongTests: ValueTest[],
  isKnown: (cell: string) => boolean,
): { cells: number; known: number; labelShare: number; values: number } | null {
  const row = sample[r];
  const cells = row.map((c) => c.trim()).filter((c) => c !== "");
  // A title in one cell is no header of a table two or more columns wide.
  if (cells.length === 0 || cells.length < Math.max(Math.min(2, width), Math.ceil(width / 2))) return null;
  let known = 0;
  let labels = 0;
  let values = 0;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c].trim();
    if (cell === "") continue;
    const value = strongTests.some((t) => t.test(cell));
    if (value) values++;
    if (isKnown(cell)) {
      known++;
      labels++;
    } else if (
      cell.length <= 60 &&
      !looksLikeNumberOrDate(cell) &&
      !value &&
      !shapedLikeBelow(sample, r, c, cell)
    ) {
      labels++;
    }
  }
  const labelShare = labels / cells.length;
  if (labelShare >= 0.8 || (known >= 2 && labelShare >= 0.5))
    return { cells: cells.length, known, labelShare, values };
  return null;
}

/** Whether most values below a cell, in its column, have the cell's shape (then it is data). */
function shapedLikeBelow(sample: string[][], r: number, c: number, cell: string): boolean {
  const shape = shapeOf(cell);
  let same = 0;
  let seen = 0;
  for (let below = r + 1; below < sample.length && seen < ROWS_COMPARED; below++) {
    const value = (sample[below][c] ?? "").trim();
    if (value === "") continue;
    seen++;
    if (value.length <= MAX_HEADER_CHARS && shapeOf(value) === shape) same++;
  }
  // Single words are left alone: `Surname` over `Smith` has the shape of its values too.
  return seen >= 3 && same >= 0.6 * seen && /\s/.test(cell);
}

function nonEmptyCount(row: string[]): number {
  let n = 0;
  for (const cell of row) if (cell.trim() !== "") n++;
  return n;
}

function rowLabelShare(row: string[], strongTests: ValueTest[]): number {
  const cells = row.map((c) => c.trim()).filter((c) => c !== "");
  if (cells.length === 0) return 0;
  const labels = cells.filter((c) => !looksLikeNumberOrDate(c) && !strongTests.some((t) => t.test(c)));
  return labels.length / cells.length;
}
