// TextDecoder and TextEncoder for runtimes without them (classic Outlook's JavaScript-only
// runtime promises ECMAScript, not the Encoding Standard). Only the encodings the core and its
// mail parser ask for are known; any other label throws RangeError, as a real TextDecoder does for
// a label it does not know, and the caller falls back (postal-mime to windows-1252).
import { decodeWindows1252 } from "../parse/text/decode-text.js";

type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "iso-8859-15";

/** WHATWG Encoding Standard labels (section 4.2) of the encodings below. */
const LABELS: Record<string, Encoding> = {};
const add = (encoding: Encoding, labels: string) => {
  for (const label of labels.split(" ")) LABELS[label] = encoding;
};
add("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8");
add("utf-16le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le");
add("utf-16be", "unicodefffe utf-16be");
add(
  "windows-1252",
  "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
);
add("iso-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9 latin9");

/** Where ISO-8859-15 differs from Latin-1 (the euro sign and seven letters). */
const LATIN9: Record<number, number> = {
  164: 0x20ac,
  166: 0x160,
  168: 0x161,
  180: 0x17d,
  184: 0x17e,
  188: 0x152,
  189: 0x153,
  190: 0x178,
};

/** Joins UTF-16 code units into a string a slice at a time (argument lists have a size limit). */
function fromCodes(codes: number[]): string {
  let out = "";
  for (let i = 0; i < codes.length; i += 8192)
    out += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
  return out;
}

const asBytes = (input?: ArrayBuffer | ArrayBufferView): Uint8Array =>
  input === undefined
    ? new Uint8Array(0)
    : ArrayBuffer.isView(input)
      ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
      : new Uint8Array(input);

/** How many bytes at the end of `bytes` start a UTF-8 sequence that is not complete yet. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? back : 0;
    }
  }
  return 0;
}

/** The UTF-8 decoder of the Encoding Standard (section 9.1.1): U+FFFD per maximal bad subpart, or throw when fatal. */
function decodeUtf8(bytes: Uint8Array, fatal: boolean): string {
  const codes: number[] = [];
  const bad = () => {
    if (fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
    codes.push(0xfffd);
  };
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    // Runs of ASCII (nearly all of a sheet's XML) go to fromCharCode in slices, not one by one.
    let end = i;
    while (end < bytes.length && end - i < 8192 && bytes[end] < 0x80) end++;
    if (end > i) {
      if (codes.length > 0) out += fromCodes(codes.splice(0));
      out += String.fromCharCode.apply(null, bytes.subarray(i, end) as unknown as number[]);
      i = end;
      continue;
    }
    const b = bytes[i++];
    let need = 0;
    let cp = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) [need, cp] = [1, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) {
      [need, cp] = [2, b & 0xf];
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      [need, cp] = [3, b & 0x7];
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      bad();
      continue;
    }
    let ok = true;
    for (let k = 0; k < need; k++) {
      const c = bytes[i];
      if (i >= bytes.length || c < lower || c > upper) {
        ok = false;
        break;
      }
      [lower, upper] = [0x80, 0xbf];
      cp = (cp << 6) | (c & 0x3f);
      i++;
    }
    if (!ok) bad();
    else if (cp < 0x10000) codes.push(cp);
    else codes.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
  }
  return out + fromCodes(codes);
}

/** UTF-16 code units from bytes; an unpaired surrogate or an odd last byte becomes U+FFFD, as the standard says. */
function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2)
    units.push(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  const codes: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const isHigh = u >= 0xd800 && u <= 0xdbff;
    const nextIsLow = i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff;
    if (isHigh && nextIsLow) codes.push(u, units[++i]);
    else codes.push(u >= 0xd800 && u <= 0xdfff ? 0xfffd : u);
  }
  if (bytes.length % 2 === 1) codes.push(0xfffd);
  return fromCodes(codes);
}

function decodeLatin9(bytes: Uint8Array): string {
  const codes: number[] = [];
  for (let i = 0; i < bytes.length; i++) codes.push(LATIN9[bytes[i]] ?? bytes[i]);
  return fromCodes(codes);
}

/** A byte order mark's length at the start of `bytes` for `encoding`, 0 when there is none. */
function bomLength(encoding: Encoding, bytes: Uint8Array): number {
  if (encoding === "utf-8") return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (encoding === "utf-16le") return bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0;
  if (encoding === "utf-16be") return bytes[0] === 0xfe && bytes[1] === 0xff ? 2 : 0;
  return 0;
}

/** TextDecoder for utf-8, utf-16le/be, windows-1252 (and its latin1/ascii labels) and iso-8859-15. */
export class PortableTextDecoder {
  readonly encoding: Encoding;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  /** Bytes of a character split across `stream` calls, kept for the next call. */
  private pending = new Uint8Array(0);
  private started = false;

  constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const encoding = LABELS[String(label).trim().toLowerCase()];
    if (encoding === undefined) throw new RangeError(`The encoding label provided ('${label}') is invalid.`);
    this.encoding = encoding;
    this.fatal = options.fatal === true;
    this.ignoreBOM = options.ignoreBOM === true;
  }

  /** Decodes `input`; with `stream`, a character cut at the end waits for the next call. */
  decode(input?: ArrayBuffer | ArrayBufferView, options: { stream?: boolean } = {}): string {
    let bytes = asBytes(input);
    if (this.pending.length > 0) {
      const joined = new Uint8Array(this.pending.length + bytes.length);
      joined.set(this.pending);
      joined.set(bytes, this.pending.length);
      bytes = joined;
    }
    const keep = options.stream === true ? this.tailToKeep(bytes) : 0;
    this.pending = bytes.slice(bytes.length - keep);
    bytes = bytes.subarray(0, bytes.length - keep);
    if (!this.started && !this.ignoreBOM) bytes = bytes.subarray(bomLength(this.encoding, bytes));
    this.started = options.stream === true && (this.started || bytes.length > 0);
    return this.run(bytes);
  }

  private tailToKeep(bytes: Uint8Array): number {
    if (this.encoding === "utf-8") return incompleteTail(bytes);
    return this.encoding.startsWith("utf-16") ? bytes.length % 2 : 0;
  }

  private run(bytes: Uint8Array): string {
    switch (this.encoding) {
      case "utf-8":
        return decodeUtf8(bytes, this.fatal);
      case "utf-16le":
        return decodeUtf16(bytes, true);
      case "utf-16be":
        return decodeUtf16(bytes, false);
      case "windows-1252":
        return decodeWindows1252(bytes);
      case "iso-8859-15":
        return decodeLatin9(bytes);
    }
  }
}

/** TextEncoder: a string to UTF-8 bytes, a lone surrogate becoming U+FFFD. */
export class PortableTextEncoder {
  readonly encoding = "utf-8";

  /** Encodes `text` as UTF-8. */
  encode(text = ""): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else cp = 0xfffd;
      }
      if (cp < 0x80) out.push(cp);
      else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
      else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
      else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    }
    return Uint8Array.from(out);
  }
}
