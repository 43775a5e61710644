// MAPI property lists as TNEF packs them ([MS-OXTNEF] 2.1.3.5): a count, then each property's
// tag, its name when named (id >= 0x8000), and its values, each variable value with its length
// and padded to four bytes. attMessageProps, attAttachment and each row of attRecipTable are one.

/** One property: its id and type, and its first value (fixed values as their raw bytes). */
export interface MapiProp {
  id: number;
  type: number;
  value: Uint8Array;
  /** Named properties' ids are given per file by a name map, so they mean nothing on their own. */
  named: boolean;
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

const padded = (length: number): number => length + ((4 - (length % 4)) % 4);

/** Reads properties from `pos`: the list and where it ends, or undefined when one breaks off. */
export function readMapiProps(block: Uint8Array, pos = 0): { props: MapiProp[]; end: number } | undefined {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const end = block.length;
  if (pos + 4 > end) return undefined;
  const count = view.getUint32(pos, true);
  pos += 4;
  const props: MapiProp[] = [];
  for (let n = 0; n < count; n++) {
    if (pos + 4 > end) return undefined;
    const type = view.getUint16(pos, true);
    const id = view.getUint16(pos + 2, true);
    pos += 4;
    if (id >= 0x8000) {
      if (pos + 20 > end) return undefined;
      const kind = view.getUint32(pos + 16, true);
      pos += 20;
      if (kind === 1) {
        if (pos + 4 > end) return undefined;
        pos += 4 + padded(view.getUint32(pos, true));
      } else pos += 4;
    }
    const read = readValues(block, view, pos, type);
    if (read === undefined) return undefined;
    pos = read.pos;
    // Multi-valued properties (keywords, categories) carry nothing guard reads.
    if (read.first !== undefined && (type & MULTI) === 0)
      props.push({ id, type, value: read.first, named: id >= 0x8000 });
  }
  return { props, end: pos };
}

/** The values of one property from `pos`: the first, and where they end. */
function readValues(
  block: Uint8Array,
  view: DataView,
  pos: number,
  type: number,
): { first?: Uint8Array; pos: number } | undefined {
  const end = block.length;
  const valueType = type & ~MULTI;
  let values = 1;
  if (type & MULTI || VARIABLE.has(valueType)) {
    if (pos + 4 > end) return undefined;
    values = view.getUint32(pos, true);
    pos += 4;
  }
  let first: Uint8Array | undefined;
  for (let v = 0; v < values; v++) {
    let start = pos;
    let length: number;
    if (VARIABLE.has(valueType)) {
      if (pos + 4 > end) return undefined;
      length = view.getUint32(pos, true);
      start = pos + 4;
      pos = start + padded(length);
    } else {
      const size = FIXED_SIZE[valueType];
      if (size === undefined) return undefined; // an unknown type: its size cannot be known
      length = size;
      pos += size;
    }
    if (start + length > end || pos > end) return undefined;
    first ??= block.subarray(start, start + length);
  }
  return { ...(first ? { first } : {}), pos };
}
