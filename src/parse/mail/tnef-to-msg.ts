// An Outlook item carried inside winmail.dat (an attachment of method 5, whose PR_ATTACH_DATA_OBJ
// holds IID_IMessage and a TNEF stream of its own, [MS-OXTNEF] 2.1.3.4) rewritten as the .msg
// Outlook would save: its MAPI properties are the same either way, so the one .msg reader reads
// its sender, recipients, bodies and attachments, items inside it included.
import type { CfbEntry } from "../legacy/write-cfb.js";
import { startsWith, TNEF_MAGIC } from "../magic-bytes.js";
import { type MapiProp, readMapiProps } from "./read-mapi-props.js";

const ATT_SUBJECT = 0x00018004;
const ATT_BODY = 0x0002800c;
const ATT_MESSAGE_PROPS = 0x00069003;
const ATT_RECIP_TABLE = 0x00069004;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005;

const PT_STRING8 = 0x001e;
const PT_OBJECT = 0x000d;
const PT_BINARY = 0x0102;
const PR_SUBJECT = 0x0037;
const PR_BODY = 0x1000;
const PR_ATTACH_DATA = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
/** Items inside items inside items: Outlook nests a few; past this the stream is taken as hostile. */
const MAX_NESTING = 8;

interface Item {
  props: MapiProp[];
  recipients: MapiProp[][];
  attachments: MapiProp[][];
}

/** The embedded TNEF stream inside a PtypObject value (after the 16-byte IID), if it is one. */
export function embeddedTnef(value: Uint8Array): Uint8Array | undefined {
  return value.length > 22 && startsWith(value, TNEF_MAGIC, 16) ? value.subarray(16) : undefined;
}

const prop = (id: number, type: number, value: Uint8Array): MapiProp => ({ id, type, value, named: false });
const has = (props: MapiProp[], id: number): boolean => props.some((p) => p.id === id && !p.named);

/** The message, recipient rows and attachments of a TNEF stream; undefined when it breaks off. */
function readItem(bytes: Uint8Array): Item | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const item: Item = { props: [], recipients: [], attachments: [] };
  const legacy: MapiProp[] = [];
  let current: MapiProp[] | undefined;
  for (let pos = 6; pos < bytes.length; ) {
    if (pos + 9 > bytes.length) return undefined;
    const id = view.getUint32(pos + 1, true);
    const start = pos + 9;
    const end = start + view.getUint32(pos + 5, true);
    if (end + 2 > bytes.length) return undefined;
    const data = bytes.subarray(start, end);
    pos = end + 2;
    if (id === ATT_ATTACH_REND_DATA) {
      current = [];
      item.attachments.push(current);
    } else if (id === ATT_MESSAGE_PROPS || id === ATT_ATTACHMENT) {
      const read = readMapiProps(data);
      if (read === undefined) return undefined;
      (current ?? item.props).push(...read.props);
    } else if (id === ATT_RECIP_TABLE) {
      const rows = readRows(data);
      if (rows === undefined) return undefined;
      item.recipients.push(...rows);
    } else if (current && id === ATT_ATTACH_DATA) current.push(prop(PR_ATTACH_DATA, PT_BINARY, data));
    else if (current && id === ATT_ATTACH_TITLE) current.push(prop(PR_ATTACH_FILENAME, PT_STRING8, data));
    else if (!current && id === ATT_SUBJECT) legacy.push(prop(PR_SUBJECT, PT_STRING8, data));
    else if (!current && id === ATT_BODY) legacy.push(prop(PR_BODY, PT_STRING8, data));
  }
  // The older attributes stand in only where the MAPI properties do not say the same.
  item.props.push(...legacy.filter((p) => !has(item.props, p.id)));
  return item;
}

/** attRecipTable: a row count, then each row a property list. */
function readRows(data: Uint8Array): MapiProp[][] | undefined {
  if (data.length < 4) return undefined;
  const count = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  const rows: MapiProp[][] = [];
  let pos = 4;
  for (let i = 0; i < count; i++) {
    const read = readMapiProps(data, pos);
    if (read === undefined) return undefined;
    rows.push(read.props);
    pos = read.end;
  }
  return rows;
}

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, "0");

/** One object's property stream and value streams ([MS-OXMSG] 2.4), under `prefix`. */
function writeObject(props: MapiProp[], header: number, prefix: string, out: CfbEntry[]): void {
  const seen = new Set<number>();
  // One value per tag (an attachment's data may come both as attAttachData and as a property).
  const kept = props.filter((p) => {
    const tag = (p.id << 16) | p.type;
    if (p.named || p.type === 0x0048 || p.type === PT_OBJECT || seen.has(tag)) return false;
    seen.add(tag);
    return true;
  });
  const stream = new Uint8Array(header + kept.length * 16);
  const view = new DataView(stream.buffer);
  kept.forEach((p, i) => {
    const at = header + i * 16;
    view.setUint32(at, ((p.id << 16) | p.type) >>> 0, true);
    view.setUint32(at + 4, 6, true);
    if (p.type === PT_STRING8 || p.type === 0x001f || p.type === PT_BINARY) {
      view.setUint32(at + 8, p.value.length, true);
      out.push({ path: `${prefix}__substg1.0_${hex(p.id, 4)}${hex(p.type, 4)}`, bytes: p.value });
    } else stream.set(p.value.subarray(0, 8), at + 8);
  });
  out.push({ path: `${prefix}__properties_version1.0`, bytes: stream });
}

/** The streams of a .msg holding the item of a TNEF stream; undefined when it cannot be read. */
export function tnefToMsg(bytes: Uint8Array, prefix = "", nesting = 0): CfbEntry[] | undefined {
  const item = nesting < MAX_NESTING ? readItem(bytes) : undefined;
  if (item === undefined) return undefined;
  const out: CfbEntry[] = [];
  writeObject(item.props, nesting === 0 ? 32 : 24, prefix, out);
  for (const [i, row] of item.recipients.entries())
    writeObject(row, 8, `${prefix}__recip_version1.0_#${hex(i, 8)}/`, out);
  for (const [i, props] of item.attachments.entries()) {
    const at = `${prefix}__attach_version1.0_#${hex(i, 8)}/`;
    writeObject(props, 8, at, out);
    const object = props.find((p) => p.id === PR_ATTACH_DATA && p.type === PT_OBJECT);
    const inner = object && embeddedTnef(object.value);
    if (inner === undefined) continue;
    const nested = tnefToMsg(inner, `${at}__substg1.0_3701000D/`, nesting + 1);
    if (nested === undefined) return undefined;
    out.push(...nested);
  }
  return out;
}
