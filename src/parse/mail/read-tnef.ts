// Outlook's TNEF wrapper (`winmail.dat`, application/ms-tnef): a message's attachments packed into
// one binary part, which other mail clients show as an opaque file. Layout from [MS-OXTNEF]:
// a signature, a legacy key, then attributes `level(1) id(4) length(4) data checksum(2)`, all
// little-endian; each attachment begins with attAttachRendData.
import type { ReadIssue } from "../../model/table.js";
import { writeCfb } from "../legacy/write-cfb.js";
import { startsWith, TNEF_MAGIC } from "../magic-bytes.js";
import { type MapiProp, readMapiProps } from "./read-mapi-props.js";
import { embeddedTnef, tnefToMsg } from "./tnef-to-msg.js";

const ATT_ATTACH_REND_DATA = 0x00069002; // starts an attachment
const ATT_ATTACH_TRANSPORT_FILENAME = 0x00069001;
const ATT_ATTACH_TITLE = 0x00018010; // often an 8.3 name
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005; // the attachment's MAPI properties

const PR_ATTACH_DATA_BIN = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_LONG_FILENAME = 0x3707;

/** A file packed inside a TNEF stream. */
export interface TnefMember {
  name: string;
  bytes: Uint8Array;
}

/** The files in a TNEF stream, or a coded issue when it is not one or breaks off. */
export type TnefRead = { ok: true; members: TnefMember[] } | { ok: false; issue: ReadIssue };

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

/** Reads the attachments of a TNEF stream; members share the input's memory. */
export function readTnef(bytes: Uint8Array): TnefRead {
  if (bytes.length < 6 || !startsWith(bytes, TNEF_MAGIC)) return corrupt("no TNEF signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
      // Message-level attributes (subject, body, dates) hold no files.
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
  return { ok: true, members };
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
  const text = (p: MapiProp): string | undefined =>
    p.type === 0x001f ? utf16(p.value) : p.type === 0x001e ? ansi(p.value) : undefined;
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

/** A UTF-16LE string up to its terminating NUL. */
const utf16 = (bytes: Uint8Array): string =>
  new TextDecoder("utf-16le")
    .decode(bytes.subarray(0, bytes.length - (bytes.length % 2)))
    .replace(/\0.*$/s, "");
