import Papa from "papaparse";

/** A table found in plain text: its rows, and the lines (0-based, inclusive) it was read from. */
export interface TextTable {
  kind: "tab" | "delimited" | "aligned";
  rows: string[][];
  firstLine: number;
  lastLine: number;
}

/** Lines a block of comma-separated text needs: fewer is as likely a sentence broken in two. */
const MIN_DELIMITED_LINES = 3;
/** Lines an aligned block needs: two lines sharing a gap is too often chance. */
const MIN_ALIGNED_LINES = 3;
/** Share of a block's lines that must have the block's field count. */
const STEADY_SHARE = 0.8;
/** A cell of a delimited block longer than this is prose, not a field. */
const MAX_FIELD = 80;

/**
 * Finds the tables a plain-text body holds, as mail clients write pasted ranges and exports:
 * tab-separated blocks (Excel's clipboard, Apple Mail), comma- or semicolon-separated blocks
 * (a CSV pasted in), and space-aligned columns (a range as plain-text clients lay it out).
 * Each line belongs to at most one table. Pure; never throws for bad input (`tick`, the draft's
 * clock, throws when time is up).
 */
export function readTextTables(text: string, tick: () => void = () => {}): TextTable[] {
  const lines = text.split(/\r?\n/);
  const used = new Array<boolean>(lines.length).fill(false);
  const tables: TextTable[] = [];
  const claim = (t: TextTable | null): void => {
    if (t === null) return;
    tables.push(t);
    for (let i = t.firstLine; i <= t.lastLine; i++) used[i] = true;
  };
  const test = (pass: (line: string) => boolean) => (line: string) => {
    tick();
    return pass(line);
  };
  for (const [first, last] of runs(
    lines,
    used,
    test((line) => line.includes("\t")),
  ))
    claim(tabTable(lines, first, last));
  for (const [first, last] of runs(
    lines,
    used,
    test((line) => /[,;|]/.test(line)),
  ))
    for (const t of delimitedTables(lines, first, last)) claim(t);
  for (const [first, last] of runs(
    lines,
    used,
    test((line) => /\S {2,}\S/.test(line.trim())),
  ))
    claim(alignedTable(lines, first, last, tick));
  return tables.sort((a, b) => a.firstLine - b.firstLine);
}

/** Maximal runs of consecutive unused lines that pass `test`, as [first, last] pairs. */
function runs(lines: string[], used: boolean[], test: (line: string) => boolean): [number, number][] {
  const found: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const ok = i < lines.length && !used[i] && lines[i].trim() !== "" && test(lines[i]);
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      found.push([start, i - 1]);
      start = -1;
    }
  }
  return found;
}

const trimRow = (row: string[]): string[] => row.map((cell) => cell.trim());

/** A run of tab-separated lines: two or more lines, two or more fields. */
function tabTable(lines: string[], first: number, last: number): TextTable | null {
  if (last - first < 1) return null;
  const rows = lines.slice(first, last + 1).map((line) => trimRow(line.split("\t")));
  if (Math.max(...rows.map((r) => r.filter((c) => c !== "").length)) < 2) return null;
  return { kind: "tab", rows, firstLine: first, lastLine: last };
}

/**
 * Within a run of lines holding `,`, `;` or `|`: the longest stretches whose lines split into the
 * same number of short fields (quotes honoured, as papaparse reads CSV) with one delimiter.
 */
function delimitedTables(lines: string[], first: number, last: number): TextTable[] {
  if (last - first + 1 < MIN_DELIMITED_LINES) return [];
  let best: TextTable | null = null;
  for (const delimiter of [";", "|", ","]) {
    const block = lines.slice(first, last + 1).join("\n");
    const parsed = Papa.parse<string[]>(block, { delimiter, header: false, skipEmptyLines: false });
    const rows = parsed.data.map(trimRow);
    if (rows.length !== last - first + 1) continue;
    const width = modalWidth(rows);
    // Steady: most rows have the block's width and two fields filled (`Best Regards,` has one).
    const steady = rows.filter((r) => r.length === width && r.filter((c) => c !== "").length >= 2).length;
    const short = rows.every((r) => r.every((c) => c.length <= MAX_FIELD));
    if (width < 2 || steady < STEADY_SHARE * rows.length || !short || sentences(rows)) continue;
    if (best === null || width > best.rows[0].length)
      best = { kind: "delimited", rows, firstLine: first, lastLine: last };
  }
  return best === null ? [] : [best];
}

/** Whether the fields read as prose broken at commas: most rows end a sentence. */
const sentences = (rows: string[][]): boolean =>
  rows.filter((r) => /[a-z][.!?]$/.test(r[r.length - 1] ?? "")).length >= rows.length / 2;

function modalWidth(rows: string[][]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/**
 * Space-aligned columns: a run of lines where some character positions are blank on every line
 * and most lines have two or more spaces there. Those gaps divide the columns.
 */
function alignedTable(lines: string[], first: number, last: number, tick: () => void): TextTable | null {
  if (last - first + 1 < MIN_ALIGNED_LINES) return null;
  const block = lines.slice(first, last + 1).map((line) => line.replace(/\s+$/, ""));
  const width = Math.max(...block.map((l) => l.length));
  // Each position looks at every line: a wide block is width x lines, so the clock is asked per position.
  const blank = Array.from({ length: width }, (_, p) => {
    tick();
    return block.every((l) => p >= l.length || l[p] === " ");
  });
  const gaps: [number, number][] = [];
  for (let p = 0; p < width; p++) {
    if (!blank[p]) continue;
    let end = p;
    while (end + 1 < width && blank[end + 1]) end++;
    // Indentation is no gap; a gap most lines show as two or more spaces divides columns.
    const wide = block.filter((l) => / {2}/.test(l.slice(Math.max(0, p - 1), end + 2))).length;
    if (p > 0 && end + 1 < width && wide >= 0.6 * block.length) gaps.push([p, end]);
    p = end;
  }
  if (gaps.length === 0) return null;
  const cuts = [0, ...gaps.flatMap(([a, b]) => [a, b + 1]), width];
  const rows = block.map((line) => {
    const cells: string[] = [];
    for (let c = 0; c < cuts.length; c += 2) cells.push(line.slice(cuts[c], cuts[c + 1]).trim());
    return cells;
  });
  return { kind: "aligned", rows, firstLine: first, lastLine: last };
}
