/** How far into a text file armour or PEM is looked for: past a BOM, blank lines, a comment. */
const ARMOUR_PROBE_BYTES = 1024;
/** How deeply the CMS reader follows nested DER before giving up (SignedData is 4 levels down). */
const MAX_DER_DEPTH = 8;

// CMS content types (RFC 5652 §4-§8, RFC 5083): enveloped, encrypted and authenticated-enveloped
// data cannot be read without a key; signed data carries its content inside only when opaque.
const PKCS7 = "2a864886f70d0107";
const ENVELOPED = `${PKCS7}03`;
const SIGNED = `${PKCS7}02`;
const ENCRYPTED_DATA = `${PKCS7}06`;
const AUTH_ENVELOPED = "2a864886f70d0109100117";

/** What a file is to encryption: locked content, a detached signature, or neither. */
export type Encryption = "encrypted" | "signature" | undefined;

/**
 * Tells encrypted (or opaque-signed) files from their bytes: OpenPGP ASCII armour or binary packets
 * (RFC 4880, RFC 9580), or a CMS / PKCS #7 ContentInfo (S/MIME's smime.p7m, DER or PEM) holding
 * enveloped data or signed data with its content inside; these cannot be read without a key or an
 * unpacker. A detached signature (PGP SIGNATURE armour or packet, CMS signed data without content,
 * as in smime.p7s) is "signature": the mail it signs is readable beside it.
 */
export function sniffEncryption(bytes: Uint8Array): Encryption {
  const head = String.fromCharCode(...bytes.subarray(0, ARMOUR_PROBE_BYTES));
  const armour = /-----BEGIN (PGP MESSAGE|PGP SIGNATURE|PKCS7|CMS)-----/.exec(head);
  if (armour !== null && /^[\s\uFEFF\u00EF\u00BB\u00BF]*$/.test(head.slice(0, armour.index))) {
    if (armour[1] === "PGP MESSAGE") return "encrypted";
    if (armour[1] === "PGP SIGNATURE") return "signature";
    return sniffCms(pemBody(bytes));
  }
  return sniffOpenPgp(bytes) ?? sniffCms(bytes);
}

/** The DER inside PEM armour; an empty array when its base64 is damaged. */
function pemBody(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder("latin1").decode(bytes);
  const body = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END /.exec(text)?.[1] ?? "";
  try {
    return Uint8Array.from(atob(body.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

// The version octets each packet that can open a message may start with (RFC 9580 §5): public- and
// symmetric-key encrypted session keys (tags 1, 3), a one-pass signature (4), compressed data (8),
// encrypted data (18, 20); and a detached signature (2).
const PACKET_VERSIONS: Record<number, readonly number[]> = {
  1: [3, 6],
  2: [3, 4, 6],
  3: [4, 5, 6],
  4: [3, 6],
  8: [0, 1, 2, 3],
  18: [1, 2],
  20: [1],
};

/**
 * Whether the bytes open with an OpenPGP packet that begins a message nobody can read without a key
 * or an unpacker, or a signature packet. The version octet after the header must be one the
 * standard defines and a stated length must fit the file, so arbitrary binary that happens to share
 * a first byte is not taken.
 */
function sniffOpenPgp(bytes: Uint8Array): Encryption {
  if (bytes.length < 3 || (bytes[0] & 0x80) === 0) return undefined;
  const newFormat = (bytes[0] & 0x40) !== 0;
  const tag = newFormat ? bytes[0] & 0x3f : (bytes[0] >> 2) & 0x0f;
  const { headerLength, bodyLength } = newFormat ? newLength(bytes) : oldLength(bytes);
  const version = bytes[headerLength];
  if (version === undefined || !(PACKET_VERSIONS[tag]?.includes(version) ?? false)) return undefined;
  if (bodyLength !== undefined && headerLength + bodyLength > bytes.length) return undefined;
  return tag === 2 ? "signature" : "encrypted";
}

const be = (bytes: Uint8Array, from: number, count: number): number =>
  bytes.subarray(from, from + count).reduce((n, b) => n * 256 + b, 0);

/** An old-format packet header (RFC 9580 §4.2.2): the low two bits say how many length octets. */
function oldLength(bytes: Uint8Array): { headerLength: number; bodyLength?: number } {
  const octets = [1, 2, 4, 0][bytes[0] & 0x03];
  // Zero octets: indeterminate length, the packet runs to the end of the file.
  return octets === 0 ? { headerLength: 1 } : { headerLength: 1 + octets, bodyLength: be(bytes, 1, octets) };
}

/** A new-format packet header (RFC 9580 §4.2.1): one, two or five length octets, or a partial length. */
function newLength(bytes: Uint8Array): { headerLength: number; bodyLength?: number } {
  const first = bytes[1];
  if (first < 192) return { headerLength: 2, bodyLength: first };
  if (first < 224) return { headerLength: 3, bodyLength: ((first - 192) << 8) + bytes[2] + 192 };
  if (first === 255) return { headerLength: 6, bodyLength: be(bytes, 2, 4) };
  return { headerLength: 2 }; // a partial body length: the first chunk only
}

interface Der {
  tag: number;
  /** Offset of the contents. */
  start: number;
  /** Offset just past the contents (for indefinite length, past the end-of-contents octets). */
  end: number;
  indefinite: boolean;
}

/** Reads one BER/DER element's header at `at`; undefined when it is malformed or overruns `limit`. */
function readDer(bytes: Uint8Array, at: number, limit: number, depth = 0): Der | undefined {
  if (at + 2 > limit || depth > MAX_DER_DEPTH) return undefined;
  const tag = bytes[at];
  let length = bytes[at + 1];
  let start = at + 2;
  if (length === 0x80) {
    // BER indefinite length (openssl -stream): find the end by walking the children.
    let p = start;
    while (p + 2 <= limit && !(bytes[p] === 0 && bytes[p + 1] === 0)) {
      const child = readDer(bytes, p, limit, depth + 1);
      if (child === undefined) return undefined;
      p = child.end;
    }
    return p + 2 <= limit ? { tag, start, end: p + 2, indefinite: true } : undefined;
  }
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || start + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  return start + length <= limit ? { tag, start, end: start + length, indefinite: false } : undefined;
}

const hex = (bytes: Uint8Array, el: Der): string =>
  Array.from(bytes.subarray(el.start, el.end), (b) => b.toString(16).padStart(2, "0")).join("");

/** The children of a constructed element, read in order; stops at a malformed one. */
function childrenOf(bytes: Uint8Array, parent: Der, depth: number): Der[] {
  const out: Der[] = [];
  const limit = parent.indefinite ? parent.end - 2 : parent.end;
  for (let p = parent.start; p < limit && out.length < 8; ) {
    const child = readDer(bytes, p, limit, depth);
    if (child === undefined) break;
    out.push(child);
    p = child.end;
  }
  return out;
}

/**
 * A CMS ContentInfo (RFC 5652 §3) holding enveloped, encrypted or authenticated-enveloped data, or
 * signed data whose encapsulated content is inside it (opaque signing, smime-type=signed-data),
 * which guard does not unpack, is "encrypted"; signed data without content (a detached signature,
 * a certificate bundle) is "signature".
 */
function sniffCms(bytes: Uint8Array): Encryption {
  const info = readDer(bytes, 0, bytes.length);
  if (info === undefined || info.tag !== 0x30) return undefined;
  const [type, content] = childrenOf(bytes, info, 1);
  if (type?.tag !== 0x06 || content?.tag !== 0xa0) return undefined;
  const oid = hex(bytes, type);
  if (oid === ENVELOPED || oid === ENCRYPTED_DATA || oid === AUTH_ENVELOPED) return "encrypted";
  if (oid !== SIGNED) return undefined;
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, ... }, and
  // EncapsulatedContentInfo ::= SEQUENCE { eContentType, [0] eContent OPTIONAL }.
  const signedData = childrenOf(bytes, content, 2)[0];
  if (signedData?.tag !== 0x30) return undefined;
  const encap = childrenOf(bytes, signedData, 3)[2];
  if (encap?.tag !== 0x30) return undefined;
  return childrenOf(bytes, encap, 4)[1]?.tag === 0xa0 ? "encrypted" : "signature";
}
