/**
 * The bytes after a UTF-8 byte order mark, if they open with one. Windows editors (Notepad, some
 * "save as .eml" tools) write one before the first header; RFC 5322 has no place for it, and left
 * in, the first header line reads as no header at all. Only the reading skips it: a sendmail
 * wrapper still hands on the very bytes it got.
 */
export function skipBom(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
    ? bytes.subarray(3)
    : bytes;
}
