import type { Limits } from "../../model/limits.js";
import type { ReadResult } from "../../model/table.js";
import { readTicking, type TextReadContext } from "../read-in-time.js";
import { TableBuilder } from "../table-builder.js";
import { decodeText } from "./decode-text.js";

/** LDAP attribute names a contact export uses, headed as a spreadsheet would head them. */
const HEADERS: Record<string, string> = {
  cn: "Name",
  displayname: "Name",
  sn: "Surname",
  givenname: "Forename",
  mail: "Email",
  telephonenumber: "Telephone",
  homephone: "Home phone",
  mobile: "Mobile",
  street: "Address",
  postaladdress: "Address",
  homepostaladdress: "Home address",
  l: "Town",
  postalcode: "Postcode",
  // Thunderbird's own attributes for a contact's home address.
  mozillahomestreet: "Address",
  mozillahomelocalityname: "Town",
  mozillahomepostalcode: "Postcode",
  o: "Organisation",
};
/** Columns kept: an entry with more attribute kinds than this is not a contact list. */
const MAX_COLUMNS = 256;

/**
 * Reads an LDIF export (RFC 2849; Thunderbird's and directory servers' address books) as one
 * table, a row per entry, a column per attribute (the first value of each; base64 values decoded,
 * folded lines unfolded), contact attributes under the headers a spreadsheet would give them.
 * Time up (the draft's clock, `late`) is TIMEOUT.
 */
export function readLdif(bytes: Uint8Array, ctx: TextReadContext): ReadResult {
  return readTicking(ctx, (tick) => readEntries(bytes, ctx, tick));
}

function readEntries(bytes: Uint8Array, ctx: { limits: Limits; name: string }, tick: () => void): ReadResult {
  const entries: Map<string, string>[] = [];
  let entry: Map<string, string> | null = null;
  for (const line of unfold(decodeText(bytes).text, tick)) {
    tick();
    if (line.trim() === "") {
      entry = null;
      continue;
    }
    const m = /^([A-Za-z][\w;-]*)(::?)\s*(.*)$/.exec(line);
    if (m === null || line.startsWith("#")) continue;
    const attribute = m[1].split(";")[0].toLowerCase();
    if (attribute === "version" && entry === null) continue;
    if (entry === null) {
      entry = new Map();
      entries.push(entry);
    }
    if (!entry.has(attribute) && attribute !== "objectclass")
      entry.set(attribute, m[2] === "::" ? base64(m[3]) : m[3]);
  }
  const columns = [...new Set(entries.flatMap((e) => [...e.keys()]))].slice(0, MAX_COLUMNS);
  const builder = new TableBuilder(ctx.name, "csv", "visible", ctx.limits.sampleRows);
  builder.addRow(columns.map((c) => HEADERS[c] ?? c));
  for (const e of entries) {
    tick();
    builder.addRow(columns.map((c) => e.get(c) ?? ""));
  }
  return { tables: [builder.build()], issues: [] };
}

function unfold(text: string, tick: () => void): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    tick();
    if (line.startsWith(" ") && out.length > 0) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  return out;
}

function base64(value: string): string {
  try {
    const binary = atob(value.trim());
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return "";
  }
}
