// Outlook's TNEF wrapper (`winmail.dat`, application/ms-tnef): a message's attachments packed into
// one binary part, which other mail clients show as an opaque file. Layout from [MS-OXTNEF]:
// a signature, a legacy key, then attributes `level(1) id(4) length(4) data checksum(2)`, all
// little-endian; each attachment begins with attAttachRendData.
import type { ReadIssue } from "../../model/table.js";
import { startsWith, TNEF_MAGIC } from "../magic-bytes.js";

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
      const props = readAttachmentProps(data, view, start);
      if (props === undefined) return corrupt("unreadable attachment properties");
      current.longName ??= props.longName ?? props.name;
      current.data ??= props.data;
    }
  }
  const members = found
    .filter((p): p is Pending & { data: Uint8Array } => p.data !== undefined)
    .map((p, i) => ({
      name: (p.longName || p.transportName || p.title || `attachment ${i + 1}`).replace(/\0+$/, ""),
      bytes: p.data,
    }));
  return { ok: true, members };
}

/** Sizes of fixed-length MAPI property types (MS-OXCDATA 2.11.1); PT_SHORT and PT_BOOLEAN pad to 4. */
const FIXED_SIZE: Record<number, number> = {
  1: 4, // PtypNull
  2: 4,
  3: 4,
  4: 4,
  5: 8,
  6: 8,
  7: 8,
  10: 4,
  11: 4,
  20: 8,
  64: 8,
  72: 16,
};
/** Variable-length types: string8, Unicode string, binary, object. */
const VARIABLE = new Set([0x001e, 0x001f, 0x0102, 0x000d]);
const MULTI = 0x1000;

/**
 * The file names and data among an attachment's MAPI properties (MS-OXTNEF 2.1.3.5): a count,
 * then each property's tag, its name when named (id >= 0x8000), and its values, each variable
 * value with its length and padded to four bytes. Undefined when a property breaks off.
 */
function readAttachmentProps(
  block: Uint8Array,
  view: DataView,
  base: number,
): { name?: string; longName?: string; data?: Uint8Array } | undefined {
  const out: { name?: string; longName?: string; data?: Uint8Array } = {};
  const end = block.length;
  const u32 = (at: number): number => view.getUint32(base + at, true);
  if (end < 4) return undefined;
  const count = u32(0);
  let pos = 4;
  for (let n = 0; n < count; n++) {
    if (pos + 4 > end) return undefined;
    const type = view.getUint16(base + pos, true);
    const id = view.getUint16(base + pos + 2, true);
    pos += 4;
    if (id >= 0x8000) {
      if (pos + 20 > end) return undefined;
      const kind = u32(pos + 16);
      pos += 20;
      if (kind === 1) {
        if (pos + 4 > end) return undefined;
        pos += 4 + padded(u32(pos));
      } else pos += 4;
    }
    const valueType = type & ~MULTI;
    let values = 1;
    if (type & MULTI || VARIABLE.has(valueType)) {
      if (pos + 4 > end) return undefined;
      values = u32(pos);
      pos += 4;
    }
    for (let v = 0; v < values; v++) {
      if (pos > end) return undefined;
      if (VARIABLE.has(valueType)) {
        if (pos + 4 > end) return undefined;
        const length = u32(pos);
        const start = pos + 4;
        if (start + length > end) return undefined;
        const value = block.subarray(start, start + length);
        pos = start + padded(length);
        if (v > 0) continue;
        if (id === PR_ATTACH_DATA_BIN && valueType === 0x0102) out.data = value;
        else if (id === PR_ATTACH_LONG_FILENAME || id === PR_ATTACH_FILENAME) {
          const text = valueType === 0x001f ? utf16(value) : valueType === 0x001e ? ansi(value) : undefined;
          if (text !== undefined) out[id === PR_ATTACH_LONG_FILENAME ? "longName" : "name"] = text;
        }
      } else {
        const size = FIXED_SIZE[valueType];
        if (size === undefined) return undefined; // an unknown type: its size cannot be known
        pos += size;
      }
    }
    if (pos > end) return undefined;
  }
  return out;
}

const padded = (length: number): number => length + ((4 - (length % 4)) % 4);

/** A UTF-16LE string up to its terminating NUL. */
const utf16 = (bytes: Uint8Array): string =>
  new TextDecoder("utf-16le")
    .decode(bytes.subarray(0, bytes.length - (bytes.length % 2)))
    .replace(/\0.*$/s, "");
