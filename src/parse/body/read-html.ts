import type { Parser } from "htmlparser2";
import { clockTick } from "../read-in-time.js";

/** What an HTML body holds: its data tables (rows of cell texts) and the rest as plain text. */
export interface HtmlBody {
  /** Tables with at least two columns and two non-empty rows, innermost first. */
  tables: string[][][];
  /** The text outside those tables, a line per block, as a reader sees it. */
  text: string;
  /** Set when nesting passed MAX_DEPTH and reading stopped: the body was not read to its end. */
  tooDeep: boolean;
}

/**
 * Open elements allowed at once. Browsers stop nesting at 512 (Chromium's HTML parser); htmlparser2
 * keeps its open elements in an array it shifts, so each open tag costs the depth: 100,000 unclosed
 * `<div>`s (500 KB) took 10-30 s to parse here. Real mail nests a few dozen deep.
 */
const MAX_DEPTH = 512;
/** Columns one cell may span, so `colspan=100000` cannot make a row of 100,000 cells. */
const MAX_COLSPAN = 50;
/** Elements whose content is not shown: style sheets, scripts, the title. */
const HIDDEN = new Set(["script", "style", "title", "template"]);
/** Elements that begin a new line of text. */
const BLOCKS = new Set(
  "address article aside blockquote br center dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li ol p pre section ul".split(
    " ",
  ),
);
/** A cell this long (or with a line break) is prose laid out in a table: it is read as text as well. */
const PROSE_CELL = 200;

class TooDeep extends Error {}

interface OpenTable {
  rows: string[][];
  row: string[] | null;
  /** Index in `row` of the open cell, or -1. */
  cell: number;
}

let parserClass: Promise<typeof Parser> | undefined;

/** htmlparser2, loaded with the first HTML body: a check of a plain-text mail never pays for it. */
const loadParser = (): Promise<typeof Parser> => {
  parserClass ??= import("./html-parser.js").then((m) => m.Parser);
  return parserClass;
};

/**
 * Reads an HTML body with htmlparser2's event parser (no tree is built): cell texts of every
 * table (a table inside a cell is a table of its own), and the text outside data tables with a
 * line break for each block element, entities decoded, Outlook's tab spans as tabs. Comments,
 * scripts and style sheets are not text. Never throws for bad input; throws ScanTimeout when
 * `late` (the draft's clock, asked every thousand tags) says time is up.
 */
export async function readHtml(html: string, late?: () => boolean): Promise<HtmlBody> {
  const HtmlParser = await loadParser();
  const walker = new HtmlWalker(clockTick(late, 1024));
  const parser = new HtmlParser(walker, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  let tooDeep = false;
  try {
    parser.end(html);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    tooDeep = true;
  }
  return { ...walker.finish(), tooDeep };
}

/** The parser's handler: follows open tables, rows and cells, and where each piece of text goes. */
class HtmlWalker {
  private readonly tables: string[][][] = [];
  private readonly open: OpenTable[] = [];
  private readonly text: string[] = [];
  private depth = 0;
  private hidden = 0;
  private pre = 0;
  private tabSpan = 0;

  constructor(private readonly tick: () => void) {}

  onopentag(name: string, attribs: Record<string, string>): void {
    this.tick();
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
    if (HIDDEN.has(name)) this.hidden++;
    else if (name === "pre") this.pre++;
    else if (name === "table") this.open.push({ rows: [], row: null, cell: -1 });
    else if (name === "tr") startRow(this.top());
    else if (name === "td" || name === "th") startCell(this.top(), attribs.colspan);
    // Outlook writes a tab typed or pasted into a message as a span of spaces.
    else if (name === "span" && /mso-tab-count/i.test(attribs.style ?? "")) {
      this.write("\t");
      this.tabSpan++;
    }
    if (BLOCKS.has(name)) this.write("\n");
  }

  ontext(data: string): void {
    if (this.hidden > 0 || this.tabSpan > 0) return;
    this.write(this.pre > 0 ? data : data.replace(/[ \t\r\n\f]+/g, " "));
  }

  onclosetag(name: string): void {
    this.depth--;
    if (HIDDEN.has(name)) this.hidden = Math.max(0, this.hidden - 1);
    else if (name === "pre") this.pre = Math.max(0, this.pre - 1);
    else if (name === "span" && this.tabSpan > 0) this.tabSpan--;
    else if (name === "td" || name === "th") endCell(this.top());
    else if (name === "tr") endRow(this.top());
    else if (name === "table") this.closeTable();
    if (BLOCKS.has(name) && name !== "br") this.write("\n");
  }

  /** Closes what the markup left open and hands over the tables and text. */
  finish(): Omit<HtmlBody, "tooDeep"> {
    while (this.open.length > 0) this.closeTable();
    return { tables: this.tables, text: tidyText(this.text.join("")) };
  }

  private top(): OpenTable | undefined {
    return this.open[this.open.length - 1];
  }

  /** Text goes to the open cell, or to the text outside tables. */
  private write(s: string): void {
    const t = this.top();
    if (t?.row && t.cell >= 0) t.row[t.cell] += s;
    else this.text.push(s);
  }

  private closeTable(): void {
    const table = this.open.pop();
    if (table !== undefined) closeTable(table, this.tables, (s) => this.write(s));
  }
}

function startRow(table: OpenTable | undefined): void {
  if (table === undefined) return;
  table.row = [];
  table.rows.push(table.row);
  table.cell = -1;
}

function startCell(table: OpenTable | undefined, colspan: string | undefined): void {
  if (table === undefined) return;
  if (table.row === null) startRow(table);
  const row = table.row as string[];
  table.cell = row.length;
  row.push("");
  // A cell spanning columns keeps the cells after it under their own headers.
  const span = Math.min(MAX_COLSPAN, Math.max(1, Number.parseInt(colspan ?? "1", 10) || 1));
  for (let i = 1; i < span; i++) row.push("");
}

function endCell(table: OpenTable | undefined): void {
  if (table !== undefined) table.cell = -1;
}

function endRow(table: OpenTable | undefined): void {
  if (table === undefined) return;
  table.row = null;
  table.cell = -1;
}

/**
 * A closed table is data when two rows have content in two or more cells; otherwise it is layout
 * (a signature, a newsletter's frame) and its text flows on as text. Prose cells of a data table
 * are also given to the text, so a list of people typed into a layout cell is still read.
 */
function closeTable(table: OpenTable, tables: string[][][], write: (s: string) => void): void {
  const rows = table.rows.filter((row) => row.some((cell) => cell.trim() !== ""));
  const wide = rows.filter((row) => row.filter((cell) => cell.trim() !== "").length >= 2).length;
  const isData = wide >= 2;
  if (isData) tables.push(rows.map((row) => row.map((cell) => cell.replace(/\s+/g, " ").trim())));
  for (const row of rows)
    for (const cell of row)
      if (!isData || cell.length > PROSE_CELL || /\n\s*\S/.test(cell.trim())) write(`\n${cell}\n`);
}

/** Lines trimmed at the end, no-break spaces as spaces, at most one blank line in a row. */
function tidyText(text: string): string {
  return text
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \r]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
