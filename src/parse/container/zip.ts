import type { InflateBudget, Limits } from "../../model/limits.js";
import type { Platform } from "../../model/platform.js";
import type { ReadIssue } from "../../model/table.js";

/** One member of a ZIP archive as its central directory describes it. */
export interface ZipEntry {
  /** Path inside the archive, with `/` separators. */
  name: string;
  /** 0 = stored, 8 = deflate, 99 = AES; others are refused when extracted. */
  method: number;
  /** General purpose bit flags; bit 0 = encrypted, bit 11 = UTF-8 name. */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** What extracting a member may use: the host's inflater, the limits, and the draft's shared budget. */
export interface ZipContext {
  platform: Platform;
  limits: Limits;
  budget: InflateBudget;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
/** Below this a high ratio is harmless (a 1 MiB sheet of blanks deflates very well). */
export const BOMB_FLOOR = 1024 * 1024;

// CP437 for names without the UTF-8 flag (APPNOTE 4.4.4); the low half is ASCII.
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

const utf8 = new TextDecoder("utf-8");

type Listing = { ok: true; entries: ZipEntry[] } | { ok: false; issue: ReadIssue };
/** Result of extracting one member. */
export type Extracted = { ok: true; bytes: Uint8Array } | { ok: false; issue: ReadIssue };

const corrupt = (detail: string, path = ""): { ok: false; issue: ReadIssue } => ({
  ok: false,
  issue: { code: "CORRUPT", path, detail },
});

/** Decodes a name that lacks the UTF-8 flag as CP437. */
function decodeCp437(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return out;
}

/**
 * Reads a little-endian 64-bit value, or -1 when it is past what a JS number holds exactly (2^53 - 1).
 * Two 32-bit halves rather than getBigUint64: BigInt is ES2020, past what Outlook's add-in runtime has.
 */
function u64(view: DataView, at: number): number {
  const high = view.getUint32(at + 4, true);
  return high > 0x1fffff ? -1 : high * 0x100000000 + view.getUint32(at, true);
}

/** Finds the End Of Central Directory record, searching back over at most a 64 KiB comment. */
function findEocd(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) !== EOCD_SIG) continue;
    // A signature inside the comment would claim a comment that overruns the file.
    if (at + EOCD_SIZE + view.getUint16(at + 20, true) <= view.byteLength) return at;
  }
  return -1;
}

/** Where the central directory is and how many entries it holds, from the (ZIP64) EOCD. */
function readDirectory(view: DataView): { offset: number; size: number; count: number } | string {
  const eocd = findEocd(view);
  if (eocd < 0) return "no end of central directory";
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  const needs64 = count === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  const locator = eocd - 20;
  if (needs64 && locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIG) {
    const at = u64(view, locator + 8);
    if (at < 0 || at + 56 > view.byteLength || view.getUint32(at, true) !== ZIP64_EOCD_SIG) {
      return "bad zip64 end of central directory";
    }
    count = u64(view, at + 32);
    size = u64(view, at + 40);
    offset = u64(view, at + 48);
    if (count < 0 || size < 0 || offset < 0) return "bad zip64 end of central directory";
  }
  if (offset + size > view.byteLength) return "central directory outside the file";
  // Each record takes at least 46 bytes, which bounds a lying count before any loop runs.
  if (count * CENTRAL_SIZE > size) return "central directory too small for its entry count";
  return { offset, size, count };
}

/** Applies a ZIP64 extended information extra field (id 1) to the fields that overflowed. */
function applyZip64(view: DataView, start: number, end: number, entry: ZipEntry): boolean {
  for (let at = start; at + 4 <= end; ) {
    const id = view.getUint16(at, true);
    const len = view.getUint16(at + 2, true);
    const body = at + 4;
    if (body + len > end) return false;
    if (id === 1) {
      // Only the overflowed fields are present, in this fixed order (APPNOTE 4.5.3).
      let p = body;
      const take = (): number => {
        if (p + 8 > body + len) return -1;
        const value = u64(view, p);
        p += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return entry.uncompressedSize >= 0 && entry.compressedSize >= 0 && entry.localHeaderOffset >= 0;
    }
    at = body + len;
  }
  return true;
}

/** Lists the members of a ZIP archive from its central directory; offsets are bounds-checked. */
export function listZipEntries(bytes: Uint8Array): Listing {
  if (bytes.length < EOCD_SIZE) return corrupt("too short for a zip");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = readDirectory(view);
  if (typeof dir === "string") return corrupt(dir);
  const entries: ZipEntry[] = [];
  const end = dir.offset + dir.size;
  let at = dir.offset;
  for (let i = 0; i < dir.count; i++) {
    if (at + CENTRAL_SIZE > end || view.getUint32(at, true) !== CENTRAL_SIG) {
      return corrupt("bad central directory record");
    }
    const flags = view.getUint16(at + 8, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const nameStart = at + CENTRAL_SIZE;
    const extraStart = nameStart + nameLen;
    const next = extraStart + extraLen + commentLen;
    if (next > end) return corrupt("central directory record overruns the directory");
    const rawName = bytes.subarray(nameStart, extraStart);
    const entry: ZipEntry = {
      name: ((flags & 0x800) !== 0 ? utf8.decode(rawName) : decodeCp437(rawName)).replace(/\\/g, "/"),
      method: view.getUint16(at + 10, true),
      flags,
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    if (!applyZip64(view, extraStart, extraStart + extraLen, entry)) {
      return corrupt("bad zip64 extra field", entry.name);
    }
    entries.push(entry);
    at = next;
  }
  return { ok: true, entries };
}

/** A member's compressed bytes, found through its local header; a string says why they cannot be. */
export function zipMemberData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeaderOffset;
  if (local + LOCAL_SIZE > bytes.length || view.getUint32(local, true) !== LOCAL_SIG)
    return "bad local header";
  // The local header's own name/extra lengths decide where data starts; its sizes may be zero
  // (data descriptor, flag bit 3), so the central directory's sizes are the ones used.
  const dataStart = local + LOCAL_SIZE + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) return "member data past the end of the file";
  return bytes.subarray(dataStart, dataEnd);
}

/** Extracts one member under the size, ratio and budget limits; refuses bombs before inflating. */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry, ctx: ZipContext): Extracted {
  const { limits, budget } = ctx;
  const path = entry.name;
  const refuse = (code: ReadIssue["code"], detail: string): Extracted => ({
    ok: false,
    issue: { code, path, detail },
  });
  if ((entry.flags & 1) !== 0 || entry.method === 99) return refuse("ENCRYPTED", "encrypted member");
  if (entry.method !== 0 && entry.method !== 8)
    return refuse("CORRUPT", `unsupported method ${entry.method}`);
  const declared = entry.uncompressedSize;
  const packed = entry.compressedSize;
  if (declared > BOMB_FLOOR && declared / Math.max(packed, 1) > limits.maxCompressionRatio) {
    return refuse("ZIP_BOMB", `declares ${declared} bytes from ${packed}`);
  }
  const cap = Math.min(limits.maxPartBytes, budget.remaining);
  if (declared > cap) return refuse("TOO_LARGE", `declares ${declared} bytes`);

  const data = zipMemberData(bytes, entry);
  if (typeof data === "string") return refuse("CORRUPT", data);

  if (entry.method === 0) {
    if (packed > cap) return refuse("TOO_LARGE", `stores ${packed} bytes`);
    budget.remaining -= packed;
    return { ok: true, bytes: data };
  }
  // A member may lie about its size, so the ratio limit is also the inflater's cap: output past
  // it is a bomb by the same rule that refuses declared sizes above.
  const ratioCap = Math.max(BOMB_FLOOR, packed * limits.maxCompressionRatio);
  const maxBytes = Math.min(cap, ratioCap);
  // The declared size only sizes the output buffer; the cap above is what bounds the output.
  const out = ctx.platform.inflateRaw(data, maxBytes, entry.uncompressedSize);
  if (!out.ok) {
    if (out.error === "corrupt") return refuse("CORRUPT", "bad deflate data");
    return ratioCap <= cap
      ? refuse("ZIP_BOMB", `inflates past ${maxBytes} bytes from ${packed}`)
      : refuse("TOO_LARGE", `inflates past ${maxBytes} bytes`);
  }
  budget.remaining -= out.bytes.length;
  return { ok: true, bytes: out.bytes };
}
