import { concatBytes } from "../concat-bytes.js";

/** A file carried uuencoded inside a message's text (`begin 644 name` ... `end`). */
export interface UuencodedFile {
  filename: string;
  bytes: Uint8Array;
  /** False when the text ended before `end`, or a line did not decode: the file is damaged. */
  complete: boolean;
}

const BEGIN = /^begin(?:-base64)? [0-7]{3,4} (.+)$/;

/**
 * Decodes the uuencoded files in a text, as old clients and some gateways still attach them inside
 * the body (POSIX uuencode; `begin-base64` too). Lines are read as the format defines them: the
 * first character gives the byte count, every four characters carry three bytes. Never throws.
 */
export function readUuencoded(text: string): UuencodedFile[] {
  const files: UuencodedFile[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]);
    if (begin === null) continue;
    const base64 = lines[i].startsWith("begin-base64");
    const chunks: Uint8Array[] = [];
    let complete = false;
    let ok = true;
    for (i++; i < lines.length; i++) {
      const line = lines[i];
      if (base64 ? line === "====" : line === "end") {
        complete = true;
        break;
      }
      const decoded = base64 ? decodeBase64Line(line) : decodeUuLine(line);
      if (decoded === null) ok = false;
      else chunks.push(decoded);
    }
    files.push({ filename: begin[1].trim(), bytes: concatBytes(chunks), complete: complete && ok });
  }
  return files;
}

/** One uuencoded line; null when its characters are outside the format's range. */
function decodeUuLine(line: string): Uint8Array | null {
  if (line === "" || line === "`") return new Uint8Array(0);
  const value = (ch: string): number => (ch.charCodeAt(0) - 32) & 63;
  const count = value(line[0]);
  const out = new Uint8Array(count);
  let n = 0;
  for (let p = 1; n < count; p += 4) {
    const quad = line.slice(p, p + 4).padEnd(4, "`");
    if (!/^[ -`]{4}$/.test(quad)) return null;
    const [a, b, c, d] = [...quad].map(value);
    const bytes = [(a << 2) | (b >> 4), ((b & 15) << 4) | (c >> 2), ((c & 3) << 6) | d];
    for (const byte of bytes) if (n < count) out[n++] = byte & 255;
  }
  return out;
}

function decodeBase64Line(line: string): Uint8Array | null {
  try {
    const binary = atob(line.trim());
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}
