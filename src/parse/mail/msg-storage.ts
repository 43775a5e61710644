// One object of an Outlook .msg file ([MS-OXMSG] 2.1-2.4): the message, a recipient, an attachment
// or an embedded message, each a storage of the compound file. Fixed-size properties sit in its
// `__properties_version1.0` stream (16-byte entries after a header), variable-size ones each in a
// `__substg1.0_IIIITTTT` stream named by property id and type.
import type { Cfb } from "../legacy/cfb.js";

const PROPERTIES = "__properties_version1.0";
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;

/** The first stream of a message that could not be read: the caller fails the whole message closed. */
export interface MsgDamage {
  detail?: string;
}

/** The header before the property entries: 32 for the message, 24 embedded, 8 recipients and attachments. */
export type ObjectKind = "message" | "embedded" | "child";
const HEADER: Record<ObjectKind, number> = { message: 32, embedded: 24, child: 8 };

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, "0");

/** What decodes 8-bit text. */
export interface Decoder {
  decode(bytes: Uint8Array): string;
}

/** Turns a Windows code page number into a TextDecoder, windows-1252 when unknown. */
export function codePageDecoder(codePage: number | undefined): Decoder {
  const labels: Record<number, string> = {
    65001: "utf-8",
    20127: "us-ascii",
    1200: "utf-16le",
    932: "shift_jis",
    936: "gbk",
    949: "euc-kr",
    950: "big5",
    54936: "gb18030",
    20866: "koi8-r",
    21866: "koi8-u",
    50220: "iso-2022-jp",
    51932: "euc-jp",
    866: "ibm866",
    874: "windows-874",
  };
  const label =
    codePage === undefined
      ? "windows-1252"
      : (labels[codePage] ??
        (codePage >= 1250 && codePage <= 1258
          ? `windows-${codePage}`
          : codePage >= 28591 && codePage <= 28606
            ? `iso-8859-${codePage - 28590}`
            : "windows-1252"));
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder("windows-1252");
  }
}

/** A storage of the .msg, read on demand; a stream it names but cannot read is noted in `damage`. */
export class MsgStorage {
  private fixed: Map<number, DataView> | undefined;
  /** Decodes PT_STRING8 values; the message's code page, once known. */
  decoder: Decoder = new TextDecoder("windows-1252");

  constructor(
    readonly cfb: Cfb,
    /** The storage's path with its trailing `/`, "" for the root. */
    readonly prefix: string,
    private readonly kind: ObjectKind,
    private readonly maxBytes: number,
    readonly damage: MsgDamage = {},
    /** The draft's clock, ticked per stream looked at; it throws ScanTimeout when time is up. */
    readonly tick: () => void = () => {},
  ) {}

  /** Whether the storage holds a stream of this name. */
  has(name: string): boolean {
    this.tick();
    const path = (this.prefix + name).toLowerCase();
    return this.cfb.streams.some((s) => s.path.toLowerCase() === path);
  }

  /** A stream's bytes, or undefined when there is none. */
  stream(name: string): Uint8Array | undefined {
    if (!this.has(name)) return undefined;
    const read = this.cfb.read(this.prefix + name, this.maxBytes);
    if (read.ok) return read.bytes;
    this.damage.detail ??= read.issue.detail ?? read.issue.code;
    return undefined;
  }

  /** A binary property (PT_BINARY). */
  binary(id: number): Uint8Array | undefined {
    return this.stream(`__substg1.0_${hex(id, 4)}${hex(PT_BINARY, 4)}`);
  }

  /** A string property, Unicode or 8-bit, without its terminating NULs. */
  string(id: number): string | undefined {
    const wide = this.stream(`__substg1.0_${hex(id, 4)}${hex(PT_UNICODE, 4)}`);
    if (wide !== undefined)
      return new TextDecoder("utf-16le").decode(wide.subarray(0, wide.length & ~1)).replace(/\0+$/, "");
    const narrow = this.stream(`__substg1.0_${hex(id, 4)}${hex(PT_STRING8, 4)}`);
    return narrow === undefined ? undefined : this.decoder.decode(narrow).replace(/\0+$/, "");
  }

  /** A 32-bit integer property (PT_LONG) from the property stream. */
  int(id: number): number | undefined {
    const value = this.entries().get(id);
    return value === undefined ? undefined : value.getUint32(0, true);
  }

  /** The fixed-size entries by property id: each value's 8 bytes. */
  private entries(): Map<number, DataView> {
    if (this.fixed) return this.fixed;
    this.fixed = new Map();
    const bytes = this.stream(PROPERTIES);
    if (bytes === undefined) return this.fixed;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = HEADER[this.kind]; at + 16 <= bytes.length; at += 16) {
      this.tick();
      const tag = view.getUint32(at, true);
      this.fixed.set(tag >>> 16, new DataView(bytes.buffer, bytes.byteOffset + at + 8, 8));
    }
    return this.fixed;
  }

  /** Names of the storages directly inside this one that match a pattern, in order. */
  children(pattern: RegExp): string[] {
    const names = new Set<string>();
    for (const { path } of this.cfb.streams) {
      this.tick();
      if (!path.toLowerCase().startsWith(this.prefix.toLowerCase())) continue;
      const rest = path.slice(this.prefix.length).split("/");
      if (rest.length > 1 && pattern.test(rest[0])) names.add(rest[0]);
    }
    return [...names].sort();
  }

  /** A storage inside this one. */
  child(name: string, kind: ObjectKind): MsgStorage {
    const inner = new MsgStorage(
      this.cfb,
      `${this.prefix}${name}/`,
      kind,
      this.maxBytes,
      this.damage,
      this.tick,
    );
    inner.decoder = this.decoder;
    return inner;
  }
}
