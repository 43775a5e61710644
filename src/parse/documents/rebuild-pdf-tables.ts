/** A run of text placed on a PDF page: its left edge, baseline, width and font size, in points. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** A table rebuilt from positions, with the page it starts on. */
export interface PdfGrid {
  page: number;
  rows: string[][];
}

/** What a document's pages hold: tables rebuilt from positions, and the running text around them. */
export interface PdfLayout {
  grids: PdfGrid[];
  /** The text outside tables, a line per line and a blank line between paragraphs. */
  text: string;
}

interface Chunk {
  text: string;
  left: number;
  right: number;
}
interface Line {
  y: number;
  size: number;
  chunks: Chunk[];
}

// Word spaces are about a quarter of the font size; cells stand at least half of it apart (Calc's
// and Writer's cell padding), so a wider gap starts a new cell.
const CELL_GAP = 0.5;
// Baselines closer than this share of the font size are one line (superscripts, a cell's text
// nudged by its vertical alignment).
const SAME_LINE = 0.4;
// Lines further apart than this many font sizes belong to different blocks (a table, a paragraph).
const BLOCK_GAP = 2;
// Within a table, lines closer than this share of its usual row pitch are one row's wrapped cells.
const WRAPPED = 0.6;
// Rows of a table whose text may stand over a column gap (clipped cells) without closing it.
const STRAY_ROWS = 0.25;
// Share of rows that must show a column's start (text ending before it, text starting at it) for
// it to stand where pdf.js joined the cells of the other rows.
const EDGE_ROWS = 0.15;
// How near (in font sizes) a space must be to a column's start for a joined item to be cut there.
const NEAR = 2;

/**
 * Rebuilds tables from where text stands on each page: lines by baseline, cells by gaps within a
 * line, rows from lines (a cell wrapped over lines stands closer than the rows do), and columns
 * where no row of a block has text (the white "rivers" between them), so right-aligned numbers and
 * ragged cells still fall into their columns. A table that goes on over the next page with as many
 * columns is one table; a header row repeated there is dropped. The rest is running text.
 */
export function rebuildPdfTables(pages: PlacedText[][]): PdfLayout {
  const tables: PageTable[] = [];
  const text: string[] = [];
  // The table that ends the previous page, which a table opening this page may carry on.
  let open: PageTable | null = null;
  pages.forEach((items, p) => {
    let carry = open;
    open = null;
    for (const block of toBlocks(toLines(items))) {
      const { before, rows, columns, after } = readBlock(block);
      text.push(...before);
      if (rows !== null) {
        const other = carry !== null && otherHeader(carry.rows, rows);
        if (carry !== null && !other && sameColumns(carry.columns, columns, rows[0][0].size))
          carry.rows.push(...rows);
        else tables.push({ page: p + 1, rows, columns, beside: other ? carry : null });
        open = tables[tables.length - 1];
        carry = null;
      }
      text.push(...after, "");
    }
  });
  // Columns are found over all of a table's rows, on every page it covers, so they agree.
  const grids = new Map(
    tables.map((t) => [t, { page: t.page, rows: dropRepeatedHeader(toGrid(t.rows) ?? []) }]),
  );
  for (const table of tables) stitchBeside(table, grids);
  return { grids: [...grids.values()].filter((g) => g.rows.length > 0), text: text.join("\n") };
}

/** A table of a page, and the table it may stand beside: printed before it, from its row 1. */
interface PageTable {
  page: number;
  rows: Line[][];
  columns: [number, number][];
  beside: PageTable | null;
}

/**
 * Calc prints a wide sheet left columns first, then the rest from row 1: a table that opened a
 * page with another header than the one before it, with as many rows, is that table's next
 * columns, and is read beside it as one table (names on page 1, voting intention on page 4).
 */
function stitchBeside(table: PageTable, grids: Map<PageTable, PdfGrid>): void {
  let left = table.beside;
  while (left !== null && !grids.has(left)) left = left.beside;
  const right = grids.get(table);
  const leftGrid = left === null ? undefined : grids.get(left);
  if (right === undefined || leftGrid === undefined || leftGrid.rows.length !== right.rows.length) return;
  leftGrid.rows = leftGrid.rows.map((row, i) => [...row, ...right.rows[i]]);
  grids.delete(table);
}

/** Whether two runs of rows have their columns in the same places: a table going on over a page. */
function sameColumns(a: [number, number][], b: [number, number][], size: number): boolean {
  const shared = b.filter(([left]) => a.some(([l]) => Math.abs(l - left) <= size / 2)).length;
  return shared >= 2 && shared >= 0.5 * Math.min(a.length, b.length);
}

/**
 * Whether a page's rows open with another header than the table they would carry on: Calc prints a
 * wide sheet left columns first, then the rest from row 1, and with default column widths the
 * second group's columns stand where the first's did. A header is short words, no figures but a
 * lone digit (`Address 1`); the first row of a page that goes on is data, or the same header.
 */
function otherHeader(table: Line[][], page: Line[][]): boolean {
  const texts = (row: Line[]) => chunksOf(row).map((c) => c.text);
  const header = (cells: string[]) =>
    cells.length >= 2 &&
    cells.every((c) => c.length <= 40 && !c.includes("@") && !/\d\d|\d[^\d\s]|[^\d\s]\d/.test(c));
  const [was, now] = [texts(table[0]), texts(page[0])];
  return header(was) && header(now) && was.join("\u0001") !== now.join("\u0001");
}

/** A header row repeated on each page of a long table is not data: only its first stays. */
function dropRepeatedHeader(rows: string[][]): string[][] {
  if (rows.length === 0) return rows;
  const header = rows[0].join("\u0001");
  return [rows[0], ...rows.slice(1).filter((row) => row.join("\u0001") !== header)];
}

/** Items grouped into lines top to bottom, each line's items into cells left to right. */
function toLines(items: PlacedText[]): Line[] {
  const sorted = items
    .filter((t) => t.text.trim() !== "" && Number.isFinite(t.x) && Number.isFinite(t.y))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: PlacedText[] }[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const size = Math.max(1, Math.abs(item.size));
    if (line && Math.abs(line.y - item.y) <= SAME_LINE * Math.max(size, line.size)) line.items.push(item);
    else lines.push({ y: item.y, size, items: [item] });
  }
  return lines.map((line) => ({ y: line.y, size: line.size, chunks: toChunks(line.items, line.size) }));
}

function toChunks(items: PlacedText[], size: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (const item of [...items].sort((a, b) => a.x - b.x)) {
    const last = chunks[chunks.length - 1];
    const right = item.x + Math.max(0, item.width);
    if (last && item.x - last.right <= CELL_GAP * size) {
      const joiner = item.x - last.right > 0.1 * size ? " " : "";
      last.text = `${last.text}${joiner}${item.text}`;
      last.right = Math.max(last.right, right);
    } else chunks.push({ text: item.text, left: item.x, right });
  }
  return chunks.map((c) => ({ ...c, text: c.text.replace(/\s+/g, " ").trim() }));
}

/** Lines cut into blocks where more than BLOCK_GAP font sizes of white space stand between them. */
function toBlocks(lines: Line[]): Line[][] {
  const blocks: Line[][] = [];
  lines.forEach((line, i) => {
    const above = lines[i - 1];
    if (above && above.y - line.y <= BLOCK_GAP * Math.max(line.size, above.size))
      blocks[blocks.length - 1].push(line);
    else blocks.push([line]);
  });
  return blocks;
}

/**
 * A block as a table's rows, with the text lines before and after it (a title, a caption), or as
 * text only: a table needs two rows of two or more cells and two columns.
 */
function readBlock(block: Line[]): {
  before: string[];
  rows: Line[][] | null;
  columns: [number, number][];
  after: string[];
} {
  const rows = toRows(block);
  const multi = (row: Line[]) => row.reduce((n, line) => n + line.chunks.length, 0) >= 2;
  const first = rows.findIndex(multi);
  let last = rows.length - 1 - [...rows].reverse().findIndex(multi);
  // The last row's cells may wrap onto lines of their own, set as tight as a paragraph's lines.
  while (first >= 0 && last + 1 < rows.length && tight(rows[last], rows[last + 1])) last++;
  const table = first < 0 || last - first < 1 ? null : rows.slice(first, last + 1);
  const textOf = (part: Line[][]) => part.flat().map(lineText);
  const columns = table === null ? [] : columnsOf(table);
  if (table === null || columns.length < 2) return { before: textOf(rows), rows: null, columns, after: [] };
  return { before: textOf(rows.slice(0, first)), rows: table, columns, after: textOf(rows.slice(last + 1)) };
}

/** Whether a row stands right below another, no further than a paragraph's next line. */
const tight = (above: Line[], below: Line[]): boolean =>
  above[above.length - 1].y - below[0].y <= 1.3 * below[0].size;

/** Lines grouped into rows: a line much closer to the one above than rows usually are continues its row. */
function toRows(lines: Line[]): Line[][] {
  const gaps = lines.slice(1).map((line, i) => lines[i].y - line.y);
  const sorted = [...gaps].sort((a, b) => a - b);
  // Too few lines to tell wrapped cells from rows: each line is a row.
  const pitch = sorted.length >= 3 ? sorted[Math.floor(sorted.length * 0.9)] : 0;
  const rows: Line[][] = [];
  lines.forEach((line, i) => {
    if (i > 0 && gaps[i - 1] < WRAPPED * pitch) rows[rows.length - 1].push(line);
    else rows.push([line]);
  });
  return rows;
}

/**
 * The rows as a grid, columns found in the gaps that (almost) no multi-cell row crosses: a cell's
 * text clipped at its edge still stands over the next column in the PDF, and one such row must not
 * join two columns. Null for fewer than two columns.
 */
function toGrid(rows: Line[][]): string[][] | null {
  const columns = columnsOf(rows);
  if (columns.length < 2) return null;
  const grid = rows.map((row) => {
    const cells = columns.map(() => "");
    for (const chunk of chunksOf(row).flatMap((c) => splitAcross(c, columns, row[0].size))) {
      const c = columnOf(chunk, columns);
      cells[c] = cells[c] === "" ? chunk.text : `${cells[c]} ${chunk.text}`;
    }
    return cells;
  });
  return joinWrapped(grid);
}

/**
 * A row without a first cell, filling under half the columns, is the rest of the row above: its
 * cells wrapped onto another line (top-aligned cells wrap at about the rows' own pitch).
 */
function joinWrapped(grid: string[][]): string[][] {
  const out: string[][] = [];
  for (const row of grid) {
    const above = out[out.length - 1];
    const filled = row.filter((cell) => cell !== "").length;
    if (row[0] !== "" || above === undefined || filled * 2 >= row.length) out.push(row);
    else for (const [c, cell] of row.entries()) if (cell !== "") above[c] = `${above[c]} ${cell}`.trim();
  }
  return out;
}

/** The column a chunk overlaps most, or the nearest one. */
function columnOf(chunk: Chunk, columns: [number, number][]): number {
  let best = 0;
  let score = Number.NEGATIVE_INFINITY;
  columns.forEach(([l, r], i) => {
    // Overlap when positive, minus the distance between them when not.
    const overlap = Math.min(r, chunk.right) - Math.max(l, chunk.left);
    if (overlap > score) {
      score = overlap;
      best = i;
    }
  });
  return best;
}

/**
 * pdf.js joins runs of text less than 0.6 em apart into one item, and table cells often stand that
 * close: an item that reaches well into the next column is cut at a space near that column's start
 * (within `NEAR` font sizes), placing characters by their share of the item's width. Text that only
 * runs over (a long name into an empty cell beside it) has no space there, and stays whole.
 */
function splitAcross(chunk: Chunk, columns: [number, number][], size: number): Chunk[] {
  const width = chunk.right - chunk.left;
  const boundary = columns.find(([l]) => l > chunk.left + 1 && l < chunk.right - 2);
  if (boundary === undefined || width <= 0) return [chunk];
  const at = (i: number) => chunk.left + (width * i) / chunk.text.length;
  let cut = -1;
  for (let i = chunk.text.indexOf(" "); i >= 0; i = chunk.text.indexOf(" ", i + 1))
    if (cut < 0 || Math.abs(at(i) - boundary[0]) < Math.abs(at(cut) - boundary[0])) cut = i;
  if (cut < 0 || Math.abs(at(cut) - boundary[0]) > NEAR * size) return [chunk];
  const head = { text: chunk.text.slice(0, cut).trim(), left: chunk.left, right: at(cut) };
  const tail = { text: chunk.text.slice(cut + 1).trim(), left: at(cut + 1), right: chunk.right };
  return [head, ...splitAcross(tail, columns, size)];
}

const chunksOf = (row: Line[]): Chunk[] => row.flatMap((line) => line.chunks);

/** The columns of a run of rows: x ranges where text of its multi-cell rows stands. */
function columnsOf(rows: Line[][]): [number, number][] {
  const multi = rows.map(chunksOf).filter((chunks) => chunks.length >= 2);
  const spans = multi.flat().map((c) => [c.left, c.right] as const);
  const rivers = findColumns(spans, Math.floor(multi.length * STRAY_ROWS));
  return rivers.flatMap((column) => cutAtHiddenEdges(column, multi, rows[0][0].size));
}

/**
 * A column cut where the start of another shows in some rows only: there text ends before an x and
 * the next cell's text starts at it. In the other rows pdf.js joined the two cells into one run
 * (long names in a narrow column, clipped at print), and no white river shows the edge. Values
 * of one right-aligned column never do both in one row.
 */
function cutAtHiddenEdges([l, r]: [number, number], rows: Chunk[][], size: number): [number, number][] {
  const need = Math.max(2, Math.ceil(rows.length * EDGE_ROWS));
  const shownIn = new Map<number, number>();
  for (const chunks of rows) {
    const inside = chunks.filter((c) => c.left >= l - 0.5 && c.left < r);
    const edges = new Set(
      inside
        .filter(
          (c) =>
            c.left > l + size && inside.some((d) => d.left < c.left - size && d.right <= c.left - 0.2 * size),
        )
        .map((c) => Math.round(c.left)),
    );
    for (const x of edges) shownIn.set(x, (shownIn.get(x) ?? 0) + 1);
  }
  const cuts = [...shownIn]
    .filter(([, n]) => n >= need)
    .map(([x]) => x)
    .sort((a, b) => a - b);
  const edges = [l, ...cuts.map((x) => x - 0.5)];
  return edges.map((from, i): [number, number] => [from, i + 1 < edges.length ? edges[i + 1] - 0.01 : r]);
}

/** The x ranges covered by more than `stray` spans: a sweep over where spans open and close. */
function findColumns(spans: (readonly [number, number])[], stray: number): [number, number][] {
  const events = spans.flatMap(([l, r]) => [[l, 1] as const, [Math.max(l, r), -1] as const]);
  events.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const columns: [number, number][] = [];
  let depth = 0;
  for (const [x, step] of events) {
    const before = depth;
    depth += step;
    if (before <= stray && depth > stray) columns.push([x, x]);
    else if (before > stray && depth <= stray) columns[columns.length - 1][1] = x;
  }
  return columns;
}

const lineText = (line: Line): string => line.chunks.map((c) => c.text).join(" ");
