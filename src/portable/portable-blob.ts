import { PortableTextDecoder, PortableTextEncoder } from "./text-codec.js";

type BlobPart = ArrayBuffer | ArrayBufferView | string | PortableBlob;

function partBytes(part: BlobPart): Uint8Array {
  if (typeof part === "string") return new PortableTextEncoder().encode(part);
  if (part instanceof PortableBlob) return part.bytes;
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
  return new Uint8Array(part);
}

/**
 * The part of Blob that postal-mime uses (it joins decoded chunks in a Blob and reads them back
 * with arrayBuffer()), for runtimes without the File API such as classic Outlook's.
 */
export class PortableBlob {
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly type: string;

  constructor(parts: BlobPart[] = [], options: { type?: string } = {}) {
    const pieces = parts.map(partBytes);
    this.bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const piece of pieces) {
      this.bytes.set(piece, at);
      at += piece.length;
    }
    this.size = this.bytes.length;
    this.type = options.type === undefined ? "" : String(options.type).toLowerCase();
  }

  /** A copy of the bytes. */
  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.bytes.slice().buffer);
  }

  /** The bytes read as UTF-8. */
  text(): Promise<string> {
    return Promise.resolve(new PortableTextDecoder().decode(this.bytes));
  }

  /** A Blob of bytes `start` to `end`. */
  slice(start?: number, end?: number, type?: string): PortableBlob {
    return new PortableBlob([this.bytes.slice(start, end)], { type: type ?? "" });
  }

  get [Symbol.toStringTag](): string {
    return "Blob";
  }
}
