import { concatBytes } from "../concat-bytes.js";
import { headerEnd } from "./read-headers.js";

/**
 * Removes every field with this name (and its continuation lines) from a message's header block,
 * leaving every other byte as it was: the one change a policy may allow the sendmail wrapper to make.
 */
export function removeHeader(bytes: Uint8Array, name: string): Uint8Array {
  const end = headerEnd(bytes);
  const prefix = `${name.toLowerCase()}:`;
  const keep: Uint8Array[] = [];
  let dropping = false;
  let start = 0;
  while (start < end) {
    const nl = bytes.indexOf(0x0a, start);
    const stop = nl < 0 || nl >= end ? end : nl + 1;
    const line = bytes.subarray(start, stop);
    const continuation = line[0] === 0x20 || line[0] === 0x09;
    if (!continuation) {
      const head = new TextDecoder("latin1").decode(line.subarray(0, prefix.length + 40)).toLowerCase();
      dropping = head.replace(/^([^:\s]+)[ \t]+:/, "$1:").startsWith(prefix);
    }
    if (!dropping) keep.push(line);
    start = stop;
  }
  keep.push(bytes.subarray(end));
  return concatBytes(keep);
}
