/** A decoded text and the encoding it was read as (a WHATWG encoding label). */
export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
}

/** How many leading bytes are looked at to spot UTF-16 without a byte order mark. */
const UTF16_PROBE_BYTES = 1024;
/** Share of zero bytes in one parity needed to call BOM-less text UTF-16 (Western text has ~100%). */
const UTF16_ZERO_SHARE = 0.9;

/**
 * Decodes a text file the way spreadsheet users produce them: UTF-8 (with or without BOM), Excel's
 * "Unicode text" (UTF-16LE with BOM), UTF-16 without BOM, and otherwise windows-1252, which is what
 * Excel's plain "CSV" writes on Western Windows and which, unlike UTF-8, accepts every byte.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // Not fatal: a BOM states the intent, a stray bad byte later becomes U+FFFD rather than mojibake.
    return { text: decodeWith("utf-8", bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeWith("utf-16le", bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeWith("utf-16be", bytes.subarray(2)), encoding: "utf-16be" };
  }
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: decodeWith(utf16, bytes), encoding: utf16 };
  const utf8 = tryStrictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
  return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
}

/** UTF-16 without BOM shows as a zero in every other byte for Latin text; the parity tells LE from BE. */
function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, UTF16_PROBE_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * UTF16_ZERO_SHARE && evenZeros < pairs * (1 - UTF16_ZERO_SHARE)) return "utf-16le";
  if (evenZeros >= pairs * UTF16_ZERO_SHARE && oddZeros < pairs * (1 - UTF16_ZERO_SHARE)) return "utf-16be";
  return undefined;
}

function tryStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: the BOM case is handled above; here a leading U+FEFF would be content.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeWith(label: "utf-8" | "utf-16le" | "utf-16be", bytes: Uint8Array): string {
  return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
}

/** The 0x80-0x9F block of windows-1252; the rest of the byte range maps to the same code point. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * windows-1252 by table rather than TextDecoder: Node 20's decoder for that label takes a latin-1
 * fast path and turns 0x80-0x9F (€, curly quotes, dashes) into C1 controls (seen on Node 20.20).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}
