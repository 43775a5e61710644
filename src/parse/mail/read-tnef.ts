// Outlook's TNEF wrapper (`winmail.dat`, application/ms-tnef): a message's attachments packed into
// one binary part, which other mail clients show as an opaque file. Layout from [MS-OXTNEF]:
// a signature, a legacy key, then attributes `level(1) id(4) length(4) data checksum(2)`, all
// little-endian; each attachment begins with attAttachRendData.
import type { BodyText } from "../../model/draft.js";
import type { ReadIssue } from "../../model/table.js";
import { writeCfb } from "../legacy/write-cfb.js";
import { startsWith, TNEF_MAGIC } from "../magic-bytes.js";
import { bodyFromParts } from "./body-from-parts.js";
import { codePageDecoder } from "./msg-storage.js";
import { type MapiProp, readMapiProps } from "./read-mapi-props.js";
import { embeddedTnef, tnefToMsg } from "./tnef-to-msg.js";

const ATT_ATTACH_REND_DATA = 0x00069002; // starts an attachment
const ATT_ATTACH_TRANSPORT_FILENAME = 0x00069001;
const ATT_ATTACH_TITLE = 0x00018010; // often an 8.3 name
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005; // the attachment's MAPI properties
const ATT_BODY = 0x0002800c; // the message's plain text, as TNEF's own attribute
const ATT_MESSAGE_PROPS = 0x00069003; // the message's MAPI properties

const PR_ATTACH_DATA_BIN = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_BODY = 0x1000;
const PR_RTF_COMPRESSED = 0x1009;
const PR_BODY_HTML = 0x1013;
const PR_INTERNET_CPID = 0x3fde;

/** A file packed inside a TNEF stream. */
export interface TnefMember {
  name: string;
  bytes: Uint8Array;
}

/**
 * The files in a TNEF stream and the message's own text (its one body, or none), or a coded issue
 * when it is not one or breaks off.
 */
export type TnefRead =
  | { ok: true; members: TnefMember[]; bodies: BodyText[] }
  | { ok: false; issue: ReadIssue };

interface Pending {
  embedded?: boolean;
  title?: string;
  transportName?: string;
  longName?: string;
  data?: Uint8Array;
}

const corrupt = (detail: string): TnefRead => ({ ok: false, issue: { code: "CORRUPT", path: "", detail } });

/** Text of an 8-bit string up to its terminating NUL; the code page is usually Windows-1252. */
const ansi = (bytes: Uint8Array): string => {
  const nul = bytes.indexOf(0);
  return new TextDecoder("windows-1252").decode(nul < 0 ? bytes : bytes.subarray(0, nul));
};

/** Reads the attachments and the message text of a TNEF stream; members share the input's memory. */
export function readTnef(bytes: Uint8Array): TnefRead {
  if (bytes.length < 6 || !startsWith(bytes, TNEF_MAGIC)) return corrupt("no TNEF signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const message: { id: number; data: Uint8Array }[] = [];
  const found: Pending[] = [];
  let current: Pending | undefined;
  let pos = 6; // signature, then the 2-byte legacy key
  while (pos < bytes.length) {
    if (pos + 9 > bytes.length) return corrupt("truncated attribute");
    const id = view.getUint32(pos + 1, true);
    const length = view.getUint32(pos + 5, true);
    const start = pos + 9;
    // The 2-byte checksum is not checked: a wrong sum makes the data no less sent.
    if (start + length + 2 > bytes.length) return corrupt("attribute past the end");
    const data = bytes.subarray(start, start + length);
    pos = start + length + 2;
    if (id === ATT_ATTACH_REND_DATA) {
      current = {};
      found.push(current);
    } else if (current === undefined) {
      // Message-level attributes hold no files, but the body among them is the message's text.
      if (id === ATT_BODY || id === ATT_MESSAGE_PROPS) message.push({ id, data });
    } else if (id === ATT_ATTACH_TITLE) current.title = ansi(data);
    else if (id === ATT_ATTACH_TRANSPORT_FILENAME) current.transportName = ansi(data);
    else if (id === ATT_ATTACH_DATA) current.data = data;
    else if (id === ATT_ATTACHMENT) {
      const props = readAttachmentProps(data);
      if (props === undefined) return corrupt("unreadable attachment properties");
      current.longName ??= props.longName ?? props.name;
      // An embedded item's attAttachData, where a writer adds one, is not the item itself.
      if (props.embedded) current.data = props.data;
      else current.data ??= props.data;
      current.embedded ||= props.embedded === true;
    }
  }
  const members = found
    .filter((p): p is Pending & { data: Uint8Array } => p.data !== undefined)
    .map((p, i) => {
      const name = (p.longName || p.transportName || p.title || `attachment ${i + 1}`).replace(/\0+$/, "");
      return { name: p.embedded && !/\.msg$/i.test(name) ? `${name}.msg` : name, bytes: p.data };
    });
  const bodies = messageBodies(message);
  return bodies === undefined ? corrupt("unreadable message properties") : { ok: true, members, bodies };
}

/**
 * The message's text: PR_BODY, PR_BODY_HTML and PR_RTF_COMPRESSED among its MAPI properties (as a
 * .msg keeps them), attBody for writers that give only that. Undefined when the properties break off.
 */
function messageBodies(attributes: { id: number; data: Uint8Array }[]): BodyText[] | undefined {
  let plain: string | undefined;
  let html: Uint8Array | string | undefined;
  let rtf: Uint8Array | undefined;
  let codePage: number | undefined;
  for (const { id, data } of attributes) {
    if (id === ATT_BODY) plain ??= ansi(data);
    if (id !== ATT_MESSAGE_PROPS) continue;
    const read = readMapiProps(data);
    if (read === undefined) return undefined;
    for (const p of read.props.filter((q) => !q.named)) {
      if (p.id === PR_BODY) plain = propText(p) ?? plain;
      else if (p.id === PR_BODY_HTML) html ??= p.type === 0x0102 ? p.value : propText(p);
      else if (p.id === PR_RTF_COMPRESSED && p.type === 0x0102) rtf ??= p.value;
      else if (p.id === PR_INTERNET_CPID && p.value.length >= 4) codePage = p.value[0] | (p.value[1] << 8);
    }
  }
  const text = typeof html === "string" || html === undefined ? html : codePageDecoder(codePage).decode(html);
  return bodyFromParts({ plain, html: text, rtf: () => rtf });
}

const PT_OBJECT = 0x000d;
const PR_DISPLAY_NAME = 0x3001;

/**
 * The file names and data among an attachment's MAPI properties; an embedded Outlook item (its
 * PR_ATTACH_DATA_OBJ holds a TNEF stream) is rewritten as a .msg. Undefined when a property
 * breaks off or an embedded item cannot be read.
 */
function readAttachmentProps(
  block: Uint8Array,
): { name?: string; longName?: string; data?: Uint8Array; embedded?: boolean } | undefined {
  const read = readMapiProps(block);
  if (read === undefined) return undefined;
  const out: { name?: string; longName?: string; data?: Uint8Array; embedded?: boolean } = {};
  const text = propText;
  for (const p of read.props) {
    if (p.named) continue;
    if (p.id === PR_ATTACH_DATA_BIN && p.type === 0x0102) out.data ??= p.value;
    else if (p.id === PR_ATTACH_LONG_FILENAME) out.longName ??= text(p);
    else if (p.id === PR_ATTACH_FILENAME || p.id === PR_DISPLAY_NAME) out.name ??= text(p);
    else if (p.id === PR_ATTACH_DATA_BIN && p.type === PT_OBJECT) {
      const inner = embeddedTnef(p.value);
      if (inner === undefined) continue; // an OLE object in another form: nothing of it is read
      const entries = tnefToMsg(inner);
      if (entries === undefined) return undefined;
      out.data = writeCfb(entries);
      out.embedded = true;
    }
  }
  return out;
}

/** A string property's text, Unicode or 8-bit; undefined for other types. */
const propText = (p: MapiProp): string | undefined =>
  p.type === 0x001f ? utf16(p.value) : p.type === 0x001e ? ansi(p.value) : undefined;

/** A UTF-16LE string up to its terminating NUL. */
const utf16 = (bytes: Uint8Array): string =>
  new TextDecoder("utf-16le")
    .decode(bytes.subarray(0, bytes.length - (bytes.length % 2)))
    .replace(/\0.*$/s, "");
