import { concatBytes } from "../concat-bytes.js";

/** A content decoder of postal-mime 4.0.0 (base64, quoted-printable, pass-through), as used here. */
interface ContentDecoder {
  /** What was decoded so far: byte arrays, and "\n" strings between pass-through lines. */
  chunks: (ArrayBuffer | Uint8Array | string)[];
  finalize(): Promise<ArrayBuffer>;
  /** Base64Decoder keeps an unaligned tail until its end. */
  flushRemainder?(): void;
  /** QPDecoder keeps a partly filled output buffer. */
  flushBuffer?(): void;
}

/** postal-mime 4.0.0's MimeNode (src/mime-node.ts), as far as its content decoder goes. */
interface MimeNodeInternals {
  contentDecoder: ContentDecoder | null;
  setupContentDecoder(transferEncoding: string): void;
}

const LF = new Uint8Array([0x0a]);
const encoder = new TextEncoder();

/** A decoder's chunks as one ArrayBuffer, as its own finalize returns them. */
function joined(decoder: ContentDecoder): ArrayBuffer {
  decoder.flushRemainder?.();
  decoder.flushBuffer?.();
  const parts = decoder.chunks.map((chunk) =>
    typeof chunk === "string" ? (chunk === "\n" ? LF : encoder.encode(chunk)) : new Uint8Array(chunk),
  );
  // concatBytes makes a fresh array of exactly this length: its buffer is the whole content.
  return concatBytes(parts).buffer as ArrayBuffer;
}

const patched = new WeakSet<object>();

/**
 * Makes postal-mime's decoders join their chunks directly instead of through a Blob. Each part's
 * body goes into a Blob of one chunk per line and is read back with blob.arrayBuffer(); in Node
 * that round trip dominated a mail of deeply nested messages (flanker's torture.eml: ~2.7 of ~3 s
 * of CPU). The bytes are the same; `root` is any MimeNode, whose prototype is patched once.
 */
export function joinDecodedPartsDirectly(root: object): void {
  const proto = Object.getPrototypeOf(root) as MimeNodeInternals;
  if (patched.has(proto)) return;
  patched.add(proto);
  const setup = proto.setupContentDecoder;
  proto.setupContentDecoder = function (this: MimeNodeInternals, transferEncoding: string): void {
    setup.call(this, transferEncoding);
    const decoder = this.contentDecoder;
    if (decoder) decoder.finalize = () => Promise.resolve(joined(decoder));
  };
}
