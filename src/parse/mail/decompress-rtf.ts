// Outlook's compressed RTF (PR_RTF_COMPRESSED), [MS-OXRTFCP] 2.1.3: a 16-byte header, then LZ77
// runs over a 4,096-byte ring dictionary preloaded with common RTF words. Many .msg bodies exist
// only in this form, so a message's text cannot be read without it.

/** The dictionary's initial text, [MS-OXRTFCP] 2.1.3.1.1 (207 characters). */
const PREBUFFER =
  "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

const COMPRESSED = 0x75465a4c; // "LZFu"
const UNCOMPRESSED = 0x414c454d; // "MELA"
const RING = 4096;

/** The RTF bytes, or undefined when the header is not one the format defines. */
export function decompressRtf(bytes: Uint8Array, maxBytes: number): Uint8Array | undefined {
  if (bytes.length < 16) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawSize = view.getUint32(4, true);
  const type = view.getUint32(8, true);
  // The declared size is a hint only: a lying header must not make us allocate, so cap by the input.
  const limit = Math.min(rawSize, maxBytes);
  if (type === UNCOMPRESSED) return bytes.slice(16, 16 + limit);
  if (type !== COMPRESSED) return undefined;
  const ring = new Uint8Array(RING);
  for (let i = 0; i < PREBUFFER.length; i++) ring[i] = PREBUFFER.charCodeAt(i);
  let write = PREBUFFER.length;
  const out = new Uint8Array(Math.min(limit, (bytes.length - 16) * 16));
  let size = 0;
  let at = 16;
  while (at < bytes.length && size < out.length) {
    const control = bytes[at++];
    for (let bit = 0; bit < 8 && at < bytes.length && size < out.length; bit++) {
      if ((control & (1 << bit)) === 0) {
        out[size++] = bytes[at];
        ring[write] = bytes[at++];
        write = (write + 1) % RING;
        continue;
      }
      if (at + 2 > bytes.length) return out.subarray(0, size);
      const word = (bytes[at] << 8) | bytes[at + 1];
      at += 2;
      const offset = word >> 4;
      if (offset === write) return out.subarray(0, size); // the end marker
      const length = (word & 0xf) + 2;
      for (let i = 0; i < length && size < out.length; i++) {
        const b = ring[(offset + i) % RING];
        out[size++] = b;
        ring[write] = b;
        write = (write + 1) % RING;
      }
    }
  }
  return out.subarray(0, size);
}
