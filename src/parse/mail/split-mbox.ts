import { skipBom } from "./skip-bom.js";

const LF = 0x0a;
const CR = 0x0d;
const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
/** A header field line: a name of printable characters but the colon, then the colon. */
const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;

const ascii = new TextDecoder("latin1");

function startsFrom(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < FROM_.length; i++) if (bytes[at + i] !== FROM_[i]) return false;
  return true;
}

/** The end of the line starting at `at` (the offset of its LF, or the end of the bytes). */
function lineEnd(bytes: Uint8Array, at: number): number {
  const eol = bytes.indexOf(LF, at);
  return eol < 0 ? bytes.length : eol;
}

/** Whether the line before the one starting at `at` is empty (LF LF or LF CR LF before it). */
function afterBlankLine(bytes: Uint8Array, at: number): boolean {
  if (at < 2 || bytes[at - 1] !== LF) return false;
  let p = at - 2;
  if (bytes[p] === CR) p--;
  return p < 0 || bytes[p] === LF;
}

/**
 * The `From ` line of RFC 4155: a sender, then a date with a time of day and a year (asctime's
 * "Tue May 13 16:42:07 2008" as mutt, Thunderbird, Python and git write it; some write RFC 5322
 * dates). "From the minutes:" in an unquoted body is not one.
 */
const FROM_LINE = /^From \S+ +(?=.*\b\d{1,2}:\d{2}\b)(?=.*\b\d{4}\b)/;

/** Whether a `From ` line at `at` opens a message: a sender and a date, then a header field. */
function opensMessage(bytes: Uint8Array, at: number): boolean {
  const line = (from: number) =>
    ascii.decode(bytes.subarray(from, Math.min(lineEnd(bytes, from), from + 200)));
  const next = lineEnd(bytes, at) + 1;
  return next < bytes.length && FROM_LINE.test(line(at)) && HEADER_LINE.test(line(next));
}

/** Undoes mboxrd (and mboxo) quoting: a line `>From ` (or `>>From `...) loses one `>`. */
function unquote(message: Uint8Array): Uint8Array {
  const drop: number[] = [];
  for (let at = 0; at < message.length; at = lineEnd(message, at) + 1) {
    let p = at;
    while (message[p] === 0x3e) p++; // ">"
    if (p > at && startsFrom(message, p)) drop.push(at);
  }
  if (drop.length === 0) return message;
  const out = new Uint8Array(message.length - drop.length);
  let from = 0;
  let to = 0;
  for (const at of drop) {
    out.set(message.subarray(from, at), to);
    to += at - from;
    from = at + 1;
  }
  out.set(message.subarray(from), to);
  return out;
}

/**
 * Splits an mbox (RFC 4155; a mail client's Drafts folder, `git format-patch --stdout`) into its
 * messages, each still opening with its `From ` line. A `From ` line separates only at the start
 * of the input or after a blank line, and only when a header field follows it, so a body line that
 * begins with "From " is not a separator even where the writer forgot to quote it. Input that does
 * not open with a `From ` line is one message, as is an mbox holding one (a single patch mail).
 */
export function splitMbox(input: Uint8Array): Uint8Array[] {
  const bytes = skipBom(input);
  let first = 0;
  while (first < bytes.length && (bytes[first] === LF || bytes[first] === CR)) first++;
  if (!startsFrom(bytes, first)) return [bytes];
  const starts = [first];
  for (let at = bytes.indexOf(LF, first) + 1; at > 0 && at < bytes.length; at = bytes.indexOf(LF, at) + 1) {
    if (startsFrom(bytes, at) && afterBlankLine(bytes, at) && opensMessage(bytes, at)) starts.push(at);
  }
  if (starts.length === 1) return [bytes];
  return starts.map((start, i) => unquote(bytes.subarray(start, starts[i + 1] ?? bytes.length)));
}
