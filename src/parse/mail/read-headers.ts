import { stripMboxLine } from "./parse-draft.js";

/** One header field of a message, unfolded; the name as written, the value without its leading blanks. */
export interface HeaderField {
  name: string;
  value: string;
}

/** Where the header block ends: the offset of the first empty line, or the end of the bytes. */
export function headerEnd(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (i === 0 || bytes[i - 1] === 0x0a) {
      if (bytes[i] === 0x0a) return i;
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) return i;
    }
  }
  return bytes.length;
}

/**
 * Reads a message's header fields (RFC 5322 section 2.2): unfolds continuation lines and stops at
 * the first empty line. A leading mbox `From ` line is skipped. Never throws; a line that is not a
 * field (no colon) is ignored, as postal-mime does.
 */
export function readHeaders(input: Uint8Array): HeaderField[] {
  const bytes = stripMboxLine(input);
  // latin1 keeps one character per byte: field names are ASCII, values are only compared or trimmed.
  const text = new TextDecoder("latin1").decode(bytes.subarray(0, headerEnd(bytes)));
  const fields: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === "") continue;
    const last = fields[fields.length - 1];
    if ((line[0] === " " || line[0] === "\t") && last !== undefined) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  for (const f of fields) f.value = f.value.trim();
  return fields;
}

/** The values of every field with this name (compared without regard to case), in order. */
export const headerValues = (fields: HeaderField[], name: string): string[] =>
  fields.filter((f) => f.name.toLowerCase() === name.toLowerCase()).map((f) => f.value);
