import { decodeText } from "../text/decode-text.js";

// AppleDouble and AppleSingle magic numbers (RFC 1740 appendix A; Apple's AppleSingle/AppleDouble
// Formats, 1990): Finder's "Compress" writes each file's resource fork and extended attributes as
// `__MACOSX/<dir>/._<name>` in AppleDouble form.
const APPLE_DOUBLE = [0x00, 0x05, 0x16, 0x07];
const APPLE_SINGLE = [0x00, 0x05, 0x16, 0x00];
// Finder's folder settings: a "Bud1" buddy-allocator file after a 4-byte alignment word.
const DS_STORE = [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31];
// Windows' thumbnail cache is an OLE2 compound file.
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * Whether an archive member is operating-system debris (macOS resource forks and folder settings,
 * Windows thumbnail caches and folder settings) that holds nobody's data. The name alone is not
 * trusted, since a renamed voter list would then pass unread: the bytes must be what the name says.
 */
export function isOsDebris(path: string, bytes: Uint8Array): boolean {
  const segments = path.split("/");
  const base = segments[segments.length - 1] ?? "";
  if (base.startsWith("._") || segments.slice(0, -1).includes("__MACOSX")) {
    return startsWith(bytes, APPLE_DOUBLE) || startsWith(bytes, APPLE_SINGLE);
  }
  const lower = base.toLowerCase();
  if (lower === ".ds_store") return startsWith(bytes, DS_STORE);
  if (lower === "thumbs.db") return startsWith(bytes, CFB);
  if (lower === "desktop.ini") return isIniSection(bytes);
  return false;
}

/** desktop.ini is a short INI file (often UTF-16LE) opening with a section such as `[.ShellClassInfo]`. */
function isIniSection(bytes: Uint8Array): boolean {
  if (bytes.length > 64 * 1024) return false;
  const lines = decodeText(bytes)
    .text.split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith(";"));
  // Every line is a section, a key=value pair: nothing a table could hide in.
  return /^\[[^\]]+\]$/.test(lines[0] ?? "") && lines.every((l) => /^\[[^\]]+\]$|^[^=,;\t]+=/.test(l));
}
