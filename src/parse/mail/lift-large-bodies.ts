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
  return latin1Bytes(binary);
}

/** How every marker starts once encoded: btoa("guard-lifted-body-"), 18 bytes, no padding. */
const MARKER_START = btoa("guard-lifted-body-");

/**
 * An attached message (message/rfc822, kept whole) carries the markers of the parts lifted from
 * inside it in its own bytes: they go back as the original base64 text, so the message is read
 * later exactly as a whole parse hands it over (and lifted again at its own level). Nested messages (flanker's
 * torture.eml) were parsed twice before, the second time decoding every body in JavaScript.
 * Null when a marker turns up twice.
 */
export function putBackInside(
  content: Uint8Array,
  bodies: Map<string, string>,
  restored: Set<string>,
): Uint8Array | null {
  // latin1: one UTF-16 unit per byte, so offsets in the text are offsets in the bytes.
  const text = new TextDecoder("latin1").decode(content);
  if (!text.includes(MARKER_START)) return content;
  const found: { at: number; length: number; body: string }[] = [];
  for (const [marker, body] of bodies) {
    const at = markerAt(text, btoa(marker));
    if (at === -1) continue;
    if (at === -2 || restored.has(marker)) return null;
    found.push({ at, length: btoa(marker).length, body });
    restored.add(marker);
  }
  found.sort((a, b) => a.at - b.at);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const { at, length, body } of found) {
    // postal-mime hands an attached message over with its lines ended by LF alone: so the body.
    pieces.push(content.subarray(from, at), latin1Bytes(body.replace(/\r\n/g, "\n")));
    from = at + length;
  }
  pieces.push(content.subarray(from));
  return concatBytes(pieces);
}

/**
 * Where an encoded marker stands, ended by a line break or the end as the body it replaced was
 * (marker 100 is a prefix of marker 1000); -1 when nowhere, -2 when more than once.
 */
function markerAt(text: string, encoded: string): number {
  let found = -1;
  for (let at = text.indexOf(encoded); at >= 0; at = text.indexOf(encoded, at + 1)) {
    const next = text.charCodeAt(at + encoded.length);
    if (!(Number.isNaN(next) || next === 13 || next === 10)) continue;
    if (found !== -1) return -2;
    found = at;
  }
  return found;
}

const latin1Bytes = (text: string): Uint8Array => {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
};
