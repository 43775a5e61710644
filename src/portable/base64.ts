// Base64 without atob: classic Outlook on Windows runs add-ins in a JavaScript-only runtime that
// promises ECMAScript and no web APIs, and Office hands attachments over as base64 text.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Each character code's 6-bit value, or -1 where the code is not in the alphabet. */
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** ASCII white space as the HTML standard's forgiving-base64 decode skips it. */
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/** The 6-bit values of `text`'s base64 characters with white space and final padding dropped; null when any other character is present. */
function sextets(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  let n = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === 0x3d) {
      padding++;
      continue;
    }
    const value = c < 128 ? VALUES[c] : -1;
    // A data character after padding, or a character outside the alphabet: not base64.
    if (value < 0 || padding > 0) return null;
    out[n++] = value;
  }
  if (padding > 2 || (padding > 0 && (n + padding) % 4 !== 0)) return null;
  return n % 4 === 1 ? null : out.subarray(0, n);
}

/**
 * Decodes base64 text (white space allowed, as in MIME bodies) into bytes, as the HTML standard's
 * forgiving-base64 decode does; null when the text is not base64.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const s = sextets(text);
  if (s === null) return null;
  const whole = s.length - (s.length % 4);
  const out = new Uint8Array((s.length * 3) >> 2);
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const v = (s[i] << 18) | (s[i + 1] << 12) | (s[i + 2] << 6) | s[i + 3];
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  const rest = s.length - whole;
  if (rest >= 2) out[o++] = ((s[whole] << 2) | (s[whole + 1] >> 4)) & 0xff;
  if (rest === 3) out[o++] = ((s[whole + 1] << 4) | (s[whole + 2] >> 2)) & 0xff;
  return out;
}

/** Encodes bytes as base64 text with padding and no line breaks. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const v = (bytes[i] << 16) | (b1 << 8) | b2;
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(v >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? ALPHABET[v & 63] : "=";
  }
  return out;
}
