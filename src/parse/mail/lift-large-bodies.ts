import { concatBytes } from "../concat-bytes.js";

/** Base64 bodies at least this long are lifted out of the message before postal-mime parses it. */

const LIFT_MIN_CHARS = 64 * 1024;

/** Part types whose bodies postal-mime may turn into the message text rather than an attachment. */
const KEEP_TYPES = /content-type:\s*(text\/plain|text\/html|multipart\/|message\/)/i;

/** A message with its large base64 attachment bodies replaced by short markers. */
export interface LiftedMessage {
  skeleton: Uint8Array;
  /** Marker text (what postal-mime will decode the placeholder to) -> the original base64 body. */
  bodies: Map<string, string>;
}

/**
 * Lifts large base64 attachment bodies out of a MIME message, leaving a short base64 marker in
 * each place, so that postal-mime parses only the structure and headers and the bodies are
 * decoded in one native step (atob) instead of line by line in JavaScript. On the Crewe draft that
 * is most of the parsing time, and on a draft with a 20 MB workbook ~100 MB of peak memory.
 * Returns null when there is nothing worth lifting; what it cannot read plainly it leaves in place.
 */
export function liftLargeBodies(bytes: Uint8Array): LiftedMessage | null {
  if (bytes.length < LIFT_MIN_CHARS) return null;
  // windows-1252 maps every byte to one UTF-16 unit, so string offsets are byte offsets.
  const text = new TextDecoder("latin1").decode(bytes);
  const boundaries = new Set<string>();
  for (const m of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/gi))
    boundaries.add(m[1] ?? m[2]);
  if (boundaries.size === 0) return null;

  // Every delimiter line: `--boundary` at the start of a line.
  const delimiters: number[] = [];
  for (const boundary of boundaries) {
    const needle = `\n--${boundary}`;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
      delimiters.push(at + 1);
  }
  delimiters.sort((a, b) => a - b);

  const pieces: Uint8Array[] = [];
  const bodies = new Map<string, string>();
  let copiedTo = 0;
  for (let i = 0; i < delimiters.length - 1; i++) {
    const lineEnd = text.indexOf("\n", delimiters[i]);
    if (lineEnd < 0) break;
    const partStart = lineEnd + 1;
    const headerEnd = findHeaderEnd(text, partStart, delimiters[i + 1]);
    if (headerEnd < 0) continue;
    const headers = text.slice(partStart, headerEnd);
    if (!/content-transfer-encoding:\s*base64/i.test(headers) || KEEP_TYPES.test(headers)) continue;
    // The body runs to the line break before the next delimiter.
    const bodyEnd = text[delimiters[i + 1] - 2] === "\r" ? delimiters[i + 1] - 2 : delimiters[i + 1] - 1;
    if (bodyEnd - headerEnd < LIFT_MIN_CHARS) continue;
    const marker = `guard-lifted-body-${bodies.size}`;
    bodies.set(marker, text.slice(headerEnd, bodyEnd));
    pieces.push(bytes.subarray(copiedTo, headerEnd), new TextEncoder().encode(btoa(marker)));
    copiedTo = bodyEnd;
  }
  if (bodies.size === 0) return null;
  pieces.push(bytes.subarray(copiedTo));
  return { skeleton: concatBytes(pieces), bodies };
}

/** The offset just past a part's blank line that ends its headers, or -1 before `limit`. */
function findHeaderEnd(text: string, from: number, limit: number): number {
  if (text.startsWith("\r\n", from)) return from + 2;
  if (text[from] === "\n") return from + 1;
  const crlf = text.indexOf("\r\n\r\n", from);
  const lf = text.indexOf("\n\n", from);
  const ends = [crlf < 0 ? -1 : crlf + 4, lf < 0 ? -1 : lf + 2].filter((e) => e >= 0 && e <= limit);
  return ends.length === 0 ? -1 : Math.min(...ends);
}

/** Decodes a lifted base64 body; null when it is not clean base64 (then the caller parses whole). */
export function decodeLiftedBody(base64: string): Uint8Array | null {
  let binary: string;
  try {
    // atob skips ASCII white space (the line breaks) and rejects anything else that is not base64.
    binary = atob(base64);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
