import {
  APPLE_DOUBLE_MAGIC,
  APPLE_SINGLE_MAGIC,
  CFB_MAGIC,
  DS_STORE_MAGIC,
  startsWith,
} from "../magic-bytes.js";
import { decodeText } from "../text/decode-text.js";

// Finder's "Compress" writes each file's resource fork and extended attributes as
// `__MACOSX/<dir>/._<name>` in AppleDouble form; Windows' Thumbs.db is an OLE2 compound file.

/**
 * Whether an archive member is operating-system debris (macOS resource forks and folder settings,
 * Windows thumbnail caches and folder settings) that holds nobody's data. The name alone is not
 * trusted, since a renamed voter list would then pass unread: the bytes must be what the name says.
 */
export function isOsDebris(path: string, bytes: Uint8Array): boolean {
  const segments = path.split("/");
  const base = segments[segments.length - 1] ?? "";
  if (base.startsWith("._") || segments.slice(0, -1).includes("__MACOSX")) {
    return startsWith(bytes, APPLE_DOUBLE_MAGIC) || startsWith(bytes, APPLE_SINGLE_MAGIC);
  }
  const lower = base.toLowerCase();
  if (lower === ".ds_store") return startsWith(bytes, DS_STORE_MAGIC);
  if (lower === "thumbs.db") return startsWith(bytes, CFB_MAGIC);
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
