import type { BodyText } from "../../model/draft.js";
import type { DraftClock } from "../../model/limits.js";
import type { RawTable, ReadIssue } from "../../model/table.js";
import { clockTick } from "../read-in-time.js";
import { TableBuilder } from "../table-builder.js";
import { ScanTimeout } from "../xml/xml-scanner.js";
import { readHtml } from "./read-html.js";
import { type IdentifierChecks, identifiersIn, readPeopleList } from "./read-people-list.js";
import { readTextTables } from "./read-text-tables.js";
import { readUuencoded, type UuencodedFile } from "./read-uuencoded.js";
import { unquoteText } from "./unquote-text.js";

/** What a body holds: tables (HTML, text, a list of people), files uuencoded in it, and issues. */
export interface BodyRead {
  tables: RawTable[];
  files: UuencodedFile[];
  issues: ReadIssue[];
}

/** What readBody needs besides the text. */
export interface BodyOptions {
  sampleRows: number;
  /** How to tell phone numbers and postcodes in free text (the validators, from the core). */
  checks: IdentifierChecks;
  /** Identifiers (addresses, phones) not to count as a list of people: the message's correspondents. */
  ignore?: ReadonlySet<string>;
  /** The draft's clock: a body whose reading outlasts it is TIMEOUT, never reported as read. */
  clock?: DraftClock;
}

/**
 * Reads a message body for tables and lists of people, quoted earlier messages included. Of two
 * alternative forms of one body, the one that yields more rows and people is kept: they are the
 * same message, and counting both would count each person twice. Pure; never throws for bad input.
 */
export async function readBody(body: BodyText, options: BodyOptions): Promise<BodyRead> {
  const forms: BodyRead[] = [];
  try {
    if (body.html !== undefined && body.html.trim() !== "")
      forms.push(await readForm(body.html, "html", options));
    if (body.plain !== undefined && body.plain.trim() !== "")
      forms.push(await readForm(body.plain, "plain", options));
  } catch (error) {
    if (!(error instanceof ScanTimeout) || options.clock === undefined) throw error;
    // Half a body is not reported as read: the whole body is TIMEOUT.
    return { tables: [], files: [], issues: [{ code: "TIMEOUT", path: "", limit: options.clock.limit }] };
  }
  if (forms.length === 0) return { tables: [], files: [], issues: [] };
  // An issue (a body nested past the limit) wins: what was not read is never reported as clean.
  const best = forms.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const files = new Map<string, UuencodedFile>();
  for (const form of forms)
    for (const file of form.files) if (!files.has(file.filename)) files.set(file.filename, file);
  return { ...best, files: [...files.values()] };
}

const weight = (read: BodyRead): number =>
  read.issues.length > 0
    ? Number.POSITIVE_INFINITY
    : read.tables.reduce((n, t) => n + (t.people ?? t.rowCount), 0);

/** One form of a body read; throws ScanTimeout when the draft's clock runs out between its steps. */
async function readForm(source: string, form: "html" | "plain", options: BodyOptions): Promise<BodyRead> {
  const tick = clockTick(options.clock?.late, 256);
  const grids: string[][][] = [];
  const issues: ReadIssue[] = [];
  let text = source;
  if (form === "html") {
    const html = await readHtml(source, options.clock?.late);
    grids.push(...html.tables);
    text = html.text;
    if (html.tooDeep) issues.push({ code: "TOO_DEEP", path: "", detail: "HTML nested too deep" });
  }
  const files = readUuencoded(text);
  const unquoted = unquoteText(text);
  grids.push(...readTextTables(unquoted, tick).map((t) => t.rows));
  const tables = grids.map((rows, i) => toTable(`table ${i + 1}`, rows, options.sampleRows));
  // A person in a table is counted there, not again as a list in the text around it.
  const ignore = new Set(options.ignore);
  for (const rows of grids)
    for (const row of rows) {
      tick();
      for (const cell of row) for (const id of identifiersIn(cell, options.checks)) ignore.add(id);
    }
  const people = readPeopleList(unquoted, options.checks, ignore, tick);
  if (people !== null) {
    const table = toTable("people in the text", people.rows, options.sampleRows);
    tables.push({ ...table, people: people.people });
  }
  return { tables, files, issues };
}

function toTable(name: string, rows: string[][], sampleRows: number): RawTable {
  const builder = new TableBuilder(name, "body", "visible", sampleRows);
  for (const row of rows) builder.addRow(row);
  return builder.build();
}
