// The text of a legacy Word document (.doc, Word 97-2003, [MS-DOC]): the FIB at the head of the
// WordDocument stream names the table stream and where its piece table (the Clx) lies; each piece
// maps a run of character positions to 8-bit (cp1252) or UTF-16 bytes of the WordDocument stream.
// Tables are rebuilt from Word's cell marks (\x07 ends a cell, one more ends a row) as HTML, so the
// body reader finds both the tables and the lists of people in running text.

import type { Limits } from "../../model/limits.js";
import type { ReadIssue, ReadResult } from "../../model/table.js";
import { readBody } from "../body/read-body.js";
import type { IdentifierChecks } from "../body/read-people-list.js";
import { openCfb } from "./cfb.js";

/** The document as HTML (paragraphs and tables), or why it could not be read. */
export type DocText = { ok: true; html: string } | { ok: false; issue: ReadIssue };

const fail = (code: ReadIssue["code"], detail: string): DocText => ({
  ok: false,
  issue: { code, path: "", detail },
});

/** Reads the document's text; `maxBytes` caps each stream read. */
export function readDocText(bytes: Uint8Array, maxBytes: number): DocText {
  const opened = openCfb(bytes);
  if (!opened.ok) return { ok: false, issue: opened.issue };
  const word = opened.cfb.read("WordDocument", maxBytes);
  if (!word.ok) return { ok: false, issue: word.issue };
  const doc = word.bytes;
  if (doc.length < 0x200) return fail("CORRUPT", "doc: FIB cut short");
  const fib = new DataView(doc.buffer, doc.byteOffset, doc.byteLength);
  if (fib.getUint16(0, true) !== 0xa5ec) return fail("UNSUPPORTED", "doc: not a Word 97-2003 FIB");
  if (fib.getUint16(2, true) < 0x00c1) return fail("UNSUPPORTED", "doc: Word 95 or older");
  const flags = fib.getUint16(0x0a, true);
  if (flags & 0x0100) return fail("ENCRYPTED", "doc: password");
  const clx = clxPlace(fib);
  if (clx === undefined) return fail("CORRUPT", "doc: FIB has no piece table");
  const table = opened.cfb.read(flags & 0x0200 ? "1Table" : "0Table", maxBytes);
  if (!table.ok) return { ok: false, issue: table.issue };
  const text = readPieces(doc, table.bytes, clx);
  if (typeof text !== "string") return text;
  const unread = unreadText(fib, text);
  return unread ?? { ok: true, html: toHtml(text) };
}

/** Characters the FIB counts ([MS-DOC] FibRgLw97): the main text, then each other story. */
function storyCounts(fib: DataView): { main: number; all: number } | undefined {
  const lwAt = 34 + fib.getUint16(32, true) * 2;
  if (lwAt + 2 + 11 * 4 > fib.byteLength || fib.getUint16(lwAt, true) < 11) return undefined;
  const ccp = (i: number) => fib.getInt32(lwAt + 2 + i * 4, true);
  // ccpText, then ccpFtn, ccpHdd, ccpMcr (unused, 0), ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx.
  const main = ccp(3);
  const others = [4, 5, 6, 7, 8, 9, 10].map(ccp);
  if (main < 0 || others.some((n) => n < 0)) return undefined;
  const rest = others.reduce((a, b) => a + b, 0);
  // With any story past the main text, one more paragraph mark ends the document.
  return { main, all: main + rest + (rest > 0 ? 1 : 0) };
}

/**
 * Fails closed when the text read is not the text the FIB counts: pieces that end before the
 * counted characters, or a main text that is mostly NULs (the pieces point where no text is). A
 * document whose text cannot be read is CORRUPT, never an empty document reported as read.
 */
function unreadText(fib: DataView, text: string): DocText | undefined {
  const counts = storyCounts(fib);
  if (counts === undefined) return fail("CORRUPT", "doc: FIB character counts unreadable");
  if (text.length < counts.all)
    return fail("CORRUPT", `doc: piece table holds ${text.length} of ${counts.all} characters`);
  const main = text.slice(0, counts.main);
  const nuls = main.length - main.replace(/\0/g, "").length;
  if (main.length > 1 && nuls * 2 > main.length)
    return fail("CORRUPT", "doc: no text where the pieces point");
  return undefined;
}

/** Where the Clx lies in the table stream: fcClx and lcbClx, pair 33 of FibRgFcLcb97. */
function clxPlace(fib: DataView): { at: number; length: number } | undefined {
  const csw = fib.getUint16(32, true);
  const lwAt = 34 + csw * 2;
  if (lwAt + 2 > fib.byteLength) return undefined;
  const cslw = fib.getUint16(lwAt, true);
  const fcAt = lwAt + 2 + cslw * 4;
  if (fcAt + 2 > fib.byteLength || fib.getUint16(fcAt, true) < 34) return undefined;
  const pair = fcAt + 2 + 33 * 8;
  if (pair + 8 > fib.byteLength) return undefined;
  return { at: fib.getUint32(pair, true), length: fib.getUint32(pair + 4, true) };
}

/** Follows the Clx's Pcdt (after any Prc) to the pieces and joins their text. */
function readPieces(
  doc: Uint8Array,
  table: Uint8Array,
  clx: { at: number; length: number },
): string | DocText {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const end = Math.min(table.length, clx.at + clx.length);
  let pos = clx.at;
  while (pos < end && table[pos] === 0x01) pos += 3 + Math.max(0, view.getInt16(pos + 1, true));
  if (pos + 5 > end || table[pos] !== 0x02) return fail("CORRUPT", "doc: no piece table");
  const lcb = view.getUint32(pos + 1, true);
  const base = pos + 5;
  if (base + lcb > table.length || (lcb - 4) % 12 !== 0) return fail("CORRUPT", "doc: piece table cut short");
  const n = (lcb - 4) / 12;
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const cp = view.getUint32(base + i * 4, true);
    const length = view.getUint32(base + (i + 1) * 4, true) - cp;
    const fc = view.getUint32(base + (n + 1) * 4 + i * 8 + 2, true);
    const compressed = (fc & 0x40000000) !== 0;
    const from = compressed ? (fc & 0x3fffffff) / 2 : fc & 0x3fffffff;
    const size = compressed ? length : length * 2;
    total += size;
    if (length < 0 || from + size > doc.length || total > doc.length)
      return fail("CORRUPT", "doc: piece past the end");
    const run = doc.subarray(from, from + size);
    parts.push(new TextDecoder(compressed ? "windows-1252" : "utf-16le").decode(run));
  }
  return parts.join("");
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Drops field instructions (from 0x13 to 0x14; the result up to 0x15 stays), objects' anchor
 * characters and other marks; line and page breaks end a paragraph. Keeps \r, \t and \x07.
 */
function clean(text: string): string {
  let out = "";
  let instruction = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 0x13) instruction++;
    else if (c === 0x14 || c === 0x15) instruction = Math.max(0, instruction - 1);
    else if (instruction > 0) continue;
    else if (c === 0x0b || c === 0x0c || c === 0x0e) out += "\r";
    else if (c >= 0x20 || c === 0x09 || c === 0x0d || c === 0x07) out += ch;
  }
  return out;
}

/** Paragraphs (\r) and tables (runs of cells between paragraphs, cut into rows by splitRows) as HTML. */
function toHtml(raw: string): string {
  const tokens = clean(raw).split("\x07");
  const last = tokens.length - 1;
  const out: string[] = [];
  const para = (s: string) => {
    for (const p of s.split("\r")) if (p.trim() !== "") out.push(`<p>${escapeHtml(p)}</p>`);
  };
  let i = 0;
  while (i < last) {
    const cut = tokens[i].lastIndexOf("\r");
    para(tokens[i].slice(0, cut + 1));
    const cells = [tokens[i].slice(cut + 1)];
    for (i++; i < last && !tokens[i].includes("\r"); i++) cells.push(tokens[i]);
    const rows = splitRows(cells).map(
      (r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`,
    );
    out.push(`<table>${rows.join("")}</table>`);
  }
  para(tokens[last]);
  return out.join("\n");
}

/**
 * Cuts a table's cells into rows. Word's row mark is one more \x07, so it reads as an empty cell;
 * the widest run of filled cells gives the row width, and an empty cell ends a row when the row is
 * full or when the cells after it would not fit in the same row (a spanned title row).
 */
function splitRows(cells: string[]): string[][] {
  let width = 0;
  let run = 0;
  for (const c of cells) {
    run = c === "" ? 0 : run + 1;
    width = Math.max(width, run);
  }
  const rows: string[][] = [];
  let row: string[] = [];
  for (let k = 0; k < cells.length; k++) {
    if (cells[k] !== "") {
      row.push(cells[k]);
      continue;
    }
    let next = 0;
    while (k + 1 + next < cells.length && cells[k + 1 + next] !== "") next++;
    if (row.length >= width || row.length + 1 + next > width) {
      rows.push(row);
      row = [];
    } else row.push("");
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** What reading a .doc needs: the limits, the validators for free text, the tables' name prefix. */
export interface DocOptions {
  limits: Limits;
  checks?: IdentifierChecks;
  prefix: string;
}

/** Without validators only email addresses make a list of people in the text. */
const EMAILS_ONLY: IdentifierChecks = { phone: () => false, postcode: () => false };

/** A .doc's tables and lists of people, read from its text by the body reader. */
export async function readDoc(bytes: Uint8Array, options: DocOptions): Promise<ReadResult> {
  const text = readDocText(bytes, bytes.length);
  if (!text.ok) return { tables: [], issues: [text.issue] };
  const checks = options.checks ?? EMAILS_ONLY;
  const read = await readBody({ html: text.html }, { sampleRows: options.limits.sampleRows, checks });
  return {
    tables: read.tables.map((t) => ({ ...t, name: `${options.prefix}${t.name}` })),
    issues: read.issues,
  };
}
