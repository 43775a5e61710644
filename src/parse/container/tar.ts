import type { ReadIssue } from "../../model/table.js";

/** One regular file inside a tar archive; `bytes` is a view into the archive, not a copy. */
export interface TarMember {
  name: string;
  bytes: Uint8Array;
}

type Listing = { ok: true; members: TarMember[] } | { ok: false; issue: ReadIssue };

const BLOCK = 512;
const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

/** A NUL-terminated field of a header (POSIX.1-1988 ustar; names are bytes, UTF-8 by custom). */
function field(bytes: Uint8Array, at: number, length: number): string {
  const slice = bytes.subarray(at, at + length);
  const nul = slice.indexOf(0);
  return utf8.decode(nul < 0 ? slice : slice.subarray(0, nul));
}

/**
 * A numeric field: octal digits, or GNU's base-256 (high bit of the first byte set) for sizes past
 * 8 GiB. -1 when it is neither, or past what a JS number holds exactly.
 */
function numeric(bytes: Uint8Array, at: number, length: number): number {
  if (bytes[at] & 0x80) {
    let value = bytes[at] & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + bytes[at + i];
    return Number.isSafeInteger(value) ? value : -1;
  }
  const text = latin1.decode(bytes.subarray(at, at + length)).replace(/[\0 ]+$/, "");
  if (text.trim() === "") return 0;
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : -1;
}

/** The header checksum: the sum of its bytes with the checksum field itself read as spaces. */
function checksumMatches(bytes: Uint8Array, at: number): boolean {
  const stored = numeric(bytes, at + 148, 8);
  if (stored < 0) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : bytes[at + i];
  return sum === stored;
}

/** Whether bytes open with a tar header: the ustar magic, or (pre-POSIX v7 tar) a valid checksum. */
export function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK) return false;
  const magic = latin1.decode(bytes.subarray(257, 263));
  if (magic === "ustar\0" || magic === "ustar ") return checksumMatches(bytes, 0);
  return bytes[0] !== 0 && checksumMatches(bytes, 0);
}

/** The `path` (or `linkpath`) record of a pax extended header (POSIX.1-2001 `x`), if any. */
function paxPath(data: Uint8Array): string | undefined {
  const text = utf8.decode(data);
  let path: string | undefined;
  for (let i = 0; i < text.length; ) {
    // Each record is "LENGTH KEY=VALUE\n", LENGTH counting the whole record in bytes; names here are
    // read as characters, which is the same for the ASCII length prefix and good enough for the key.
    const space = text.indexOf(" ", i);
    const newline = text.indexOf("\n", space);
    if (space < 0 || newline < 0) break;
    const record = text.slice(space + 1, newline);
    const eq = record.indexOf("=");
    if (eq > 0 && record.slice(0, eq) === "path") path = record.slice(eq + 1);
    i = newline + 1;
  }
  return path;
}

/**
 * Lists the regular files of a tar archive (ustar, pax and GNU long names), in order. Directories,
 * links and devices hold no data and are passed over. Never throws: a header that fails its
 * checksum, or a member that runs past the end, is a CORRUPT issue.
 */
export function listTarMembers(bytes: Uint8Array): Listing {
  const members: TarMember[] = [];
  let longName: string | undefined;
  let at = 0;
  while (at + BLOCK <= bytes.length) {
    // Two zero blocks end the archive; many writers pad further with zeros.
    if (bytes.subarray(at, at + BLOCK).every((b) => b === 0)) break;
    if (!checksumMatches(bytes, at)) return corrupt(`bad header checksum at ${at}`);
    const size = numeric(bytes, at + 124, 12);
    const start = at + BLOCK;
    if (size < 0 || start + size > bytes.length) return corrupt(`member at ${at} runs past the end`);
    const data = bytes.subarray(start, start + size);
    const type = String.fromCharCode(bytes[at + 156]);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") longName = field(data, 0, data.length);
    else if (type === "x") longName = paxPath(data) ?? longName;
    else if (type === "0" || type === "\0" || type === "7") {
      const header = start - BLOCK;
      // Only POSIX ustar has a name prefix there; old GNU tar keeps times in the same bytes.
      const posix = latin1.decode(bytes.subarray(header + 257, header + 263)) === "ustar\0";
      const prefix = posix ? field(bytes, header + 345, 155) : "";
      const own = field(bytes, header, 100);
      members.push({ name: longName ?? (prefix ? `${prefix}/${own}` : own), bytes: data });
      longName = undefined;
    } else if (type !== "g" && type !== "K") longName = undefined;
  }
  return { ok: true, members };
}

function corrupt(detail: string): { ok: false; issue: ReadIssue } {
  return { ok: false, issue: { code: "CORRUPT", path: "", detail } };
}
