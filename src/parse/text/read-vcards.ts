import type { Limits } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { readTicking, type TextReadContext } from "../read-in-time.js";
import { TableBuilder } from "../table-builder.js";
import { decodeText } from "./decode-text.js";

/** The columns a card fills, as a contact export would head them. */
const HEADER = ["Name", "Email", "Phone", "Address", "Postcode", "Organisation", "Birthday", "Note"];
/** Extension (X-) properties kept as columns of their own. */
const MAX_EXTRAS = 32;

/**
 * Reads a vCard file (RFC 6350, and the 2.1 and 3.0 forms phones and Outlook still write) as one
 * table, a row per card: name (FN, else N), first email, first phone, address (ADR's street,
 * locality and region), postcode, organisation, birthday, note, then a column per X- property
 * (`X-VOTING-INTENTION` as "VOTING INTENTION"). Folded lines are unfolded,
 * escapes undone, quoted-printable (2.1) decoded. Time up (the draft's clock, `late`) is TIMEOUT.
 */
export function readVcards(bytes: Uint8Array, ctx: TextReadContext): ReadResult {
  return readTicking(ctx, (tick) => readCards(bytes, ctx, tick));
}

function readCards(bytes: Uint8Array, ctx: { limits: Limits; name: string }, tick: () => void): ReadResult {
  const cards: Map<string, string>[] = [];
  let card: Map<string, string> | null = null;
  for (const line of unfold(decodeText(bytes).text, tick)) {
    tick();
    const property = parseLine(line);
    if (property === null) continue;
    const [name, value] = property;
    if (name === "BEGIN" && value.toUpperCase() === "VCARD") {
      card = new Map();
      cards.push(card);
    } else if (name === "END") card = null;
    else if (card !== null && !card.has(name)) card.set(name, value);
  }
  // A CRM keeps what vCard has no property for (a canvass answer) in X- properties: columns too.
  const extras = [...new Set(cards.flatMap((c) => [...c.keys()].filter((k) => k.startsWith("X-"))))];
  const header = [...HEADER, ...extras.slice(0, MAX_EXTRAS).map((x) => x.slice(2).replace(/-/g, " "))];
  const rows = cards.map((c) => [...toRow(c), ...extras.slice(0, MAX_EXTRAS).map((x) => c.get(x) ?? "")]);
  // Only the columns some card fills: an empty `Phone` column would be tagged by its header alone.
  const kept = header.map((_, i) => i).filter((i) => rows.some((row) => row[i] !== ""));
  const builder = new TableBuilder(ctx.name, "csv", "visible", ctx.limits.sampleRows);
  for (const row of [header, ...rows]) builder.addRow(kept.map((i) => row[i]));
  return { tables: [builder.build()], issues: [] };
}

/** Lines with folding undone: a line starting with a space or tab continues the one before. */
function unfold(text: string, tick: () => void): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    tick();
    const last = out.length - 1;
    if (/^[ \t]/.test(line) && last >= 0) out[last] += line.slice(1);
    // Quoted-printable soft line breaks (vCard 2.1): a line ending in `=` goes on.
    else if (last >= 0 && /QUOTED-PRINTABLE/i.test(out[last]) && out[last].endsWith("="))
      out[last] = out[last].slice(0, -1) + line;
    else out.push(line);
  }
  return out;
}

/** A content line's property name (group and parameters dropped) and its decoded value. */
function parseLine(line: string): [string, string] | null {
  const colon = line.indexOf(":");
  if (colon <= 0) return null;
  const [head, ...params] = line.slice(0, colon).split(";");
  const name = head.replace(/^.*\./, "").toUpperCase();
  const raw = line.slice(colon + 1);
  const qp = params.some((p) => /QUOTED-PRINTABLE/i.test(p));
  return [name, qp ? decodeQuotedPrintable(raw) : raw];
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(value.charCodeAt(i) & 0xff);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** A structured value's components (`;`-separated), escapes undone. */
function components(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(/(?<!\\);/).map((c) =>
    c
      .replace(/\\n/gi, " ")
      .replace(/\\([,;\\])/g, "$1")
      .trim(),
  );
}

function toRow(card: Map<string, string>): string[] {
  const text = (name: string) => components(card.get(name)).join(" ").replace(/\s+/g, " ").trim();
  // N is Family;Given;Additional;Prefix;Suffix.
  const [family = "", given = "", additional = "", prefix = ""] = components(card.get("N"));
  const name = text("FN") || [prefix, given, additional, family].filter(Boolean).join(" ");
  // ADR is PO box;Extended;Street;Locality;Region;Postal code;Country.
  const adr = components(card.get("ADR"));
  const address = [adr[1], adr[2], adr[3], adr[4]].filter(Boolean).join(", ");
  const tel = text("TEL").replace(/^tel:/i, "");
  return [name, text("EMAIL"), tel, address, adr[5] ?? "", text("ORG"), text("BDAY"), text("NOTE")];
}
