// Unicode strings of BIFF8 ([MS-XLS] 2.5.293-2.5.296) over a record and the CONTINUE records after
// it. A string's characters may cross into a CONTINUE, which then begins with a fresh flags byte
// (its bit 0: two bytes a character, or one byte, the high byte being 0); formatting runs and
// phonetic data that cross carry no such byte. Every read stops at the end of the data, whatever
// lengths the record claims.

/** A position in a record's data and its CONTINUE records' data. */
export interface BiffCursor {
  parts: Uint8Array[];
  /** Index of the current part. */
  i: number;
  /** Offset inside the current part. */
  pos: number;
}

const utf16 = new TextDecoder("utf-16le");

/** A new cursor at the start of the first part. */
export function biffCursor(parts: Uint8Array[]): BiffCursor {
  return { parts, i: 0, pos: 0 };
}

/** Whether every byte has been read. */
export function atEnd(c: BiffCursor): boolean {
  while (c.i < c.parts.length && c.pos >= c.parts[c.i].length) {
    c.i++;
    c.pos = 0;
  }
  return c.i >= c.parts.length;
}

/** The next byte across parts, or -1 at the end. */
function byte(c: BiffCursor): number {
  return atEnd(c) ? -1 : c.parts[c.i][c.pos++];
}

/** The next little-endian 16-bit value, or -1 at the end. */
function u16(c: BiffCursor): number {
  const lo = byte(c);
  const hi = byte(c);
  return hi < 0 ? -1 : lo | (hi << 8);
}

/** Skips `n` bytes across parts without flag bytes (formatting runs, phonetic data). */
function skip(c: BiffCursor, n: number): void {
  let left = n;
  while (left > 0 && !atEnd(c)) {
    const step = Math.min(left, c.parts[c.i].length - c.pos);
    c.pos += step;
    left -= step;
  }
}

/** Characters of one part as a string; one byte each (latin-1 range) or two. */
function decode(bytes: Uint8Array, from: number, count: number, wide: boolean): string {
  if (wide) {
    if (count > 24) return utf16.decode(bytes.subarray(from, from + count * 2));
    let out = "";
    for (let k = from; k < from + count * 2; k += 2)
      out += String.fromCharCode(bytes[k] | (bytes[k + 1] << 8));
    return out;
  }
  let out = "";
  // apply() takes at most a few thousand arguments safely; strings are read in slices of that size.
  for (let k = from; k < from + count; k += 4096) {
    const slice = bytes.subarray(k, Math.min(from + count, k + 4096));
    out += String.fromCharCode.apply(null, slice as unknown as number[]);
  }
  return out;
}

/**
 * Reads `count` characters starting with the encoding `wide`; at a part's end the next part's first
 * byte says the encoding of what follows. Stops short at the end of the data.
 */
export function readChars(c: BiffCursor, count: number, wide: boolean): string {
  let out = "";
  let got = 0;
  let high = wide;
  while (got < count && c.i < c.parts.length) {
    const part = c.parts[c.i];
    const avail = part.length - c.pos;
    const take = Math.min(count - got, high ? avail >> 1 : avail);
    if (take <= 0) {
      // The characters go on in the next CONTINUE, behind its own flags byte.
      c.i++;
      c.pos = 0;
      if (c.i >= c.parts.length || c.parts[c.i].length === 0) continue;
      high = (c.parts[c.i][0] & 1) === 1;
      c.pos = 1;
      continue;
    }
    out += decode(part, c.pos, take, high);
    c.pos += take * (high ? 2 : 1);
    got += take;
  }
  return out;
}

/** An XLUnicodeString (16-bit count, flags, characters): LABEL, STRING and FORMAT records. */
export function readXlString(c: BiffCursor): string {
  const count = u16(c);
  const flags = byte(c);
  if (flags < 0) return "";
  return readChars(c, count, (flags & 1) === 1);
}

/** An XLUnicodeRichExtendedString, its formatting runs and phonetic text skipped: the SST's items. */
function readRichString(c: BiffCursor): string | undefined {
  const count = u16(c);
  const flags = byte(c);
  if (flags < 0) return undefined;
  const runs = flags & 0x08 ? u16(c) : 0;
  const ext = flags & 0x04 ? u16(c) + u16(c) * 65536 : 0;
  const text = readChars(c, count, (flags & 1) === 1);
  skip(c, Math.max(0, runs) * 4 + Math.max(0, ext));
  return text;
}

/**
 * The shared string table (SST and its CONTINUEs). Strings are read until the data ends, not up to
 * the declared count: writers are known to get the count wrong (calamine's gh548), and a count that
 * lies high must not make anything allocate.
 */
export function readSst(parts: Uint8Array[]): string[] {
  const c = biffCursor(parts);
  skip(c, 8); // total and unique counts
  const strings: string[] = [];
  while (!atEnd(c)) {
    const text = readRichString(c);
    if (text === undefined) break;
    strings.push(text);
  }
  return strings;
}
