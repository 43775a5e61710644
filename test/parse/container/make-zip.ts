// Writes ZIP archives by hand so tests can say exactly what a central directory claims,
// including lies that no archiver would write.
import { constants, deflateRawSync } from "node:zlib";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { extractZipEntry, listZipEntries } from "../../../src/parse/container/zip.js";

export interface ZipMember {
  name: string;
  data: Uint8Array | string;
  /** 0 stored, 8 deflate (default); other values are written as is with the data stored. */
  method?: number;
  flags?: number;
  /** Already-compressed bytes to write instead of compressing `data`. */
  raw?: Uint8Array;
  /** Override what the central directory claims. */
  declaredSize?: number;
  declaredCompressed?: number;
}

const bytesOf = (data: Uint8Array | string): Uint8Array =>
  typeof data === "string" ? new TextEncoder().encode(data) : data;

/** Builds a ZIP; with zip64, sizes and offsets go in ZIP64 extra fields and a ZIP64 EOCD. */
export function makeZip(members: ZipMember[], options: { zip64?: boolean } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const m of members) {
    const name = new TextEncoder().encode(m.name);
    const plain = bytesOf(m.data);
    const method = m.method ?? 8;
    const packed = m.raw ?? (method === 8 ? new Uint8Array(deflateRawSync(plain)) : plain);
    const flags = (m.flags ?? 0) | 0x800;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, flags, true);
    local.setUint16(8, method, true);
    local.setUint32(18, packed.length, true);
    local.setUint32(22, plain.length, true);
    local.setUint16(26, name.length, true);
    chunks.push(new Uint8Array(local.buffer), name, packed);
    const size = m.declaredSize ?? plain.length;
    const csize = m.declaredCompressed ?? packed.length;
    const extra = new DataView(new ArrayBuffer(options.zip64 ? 28 : 0));
    if (options.zip64) {
      extra.setUint16(0, 1, true);
      extra.setUint16(2, 24, true);
      extra.setBigUint64(4, BigInt(size), true);
      extra.setBigUint64(12, BigInt(csize), true);
      extra.setBigUint64(20, BigInt(offset), true);
    }
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 45, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(8, flags, true);
    cd.setUint16(10, method, true);
    cd.setUint32(20, options.zip64 ? 0xffffffff : csize, true);
    cd.setUint32(24, options.zip64 ? 0xffffffff : size, true);
    cd.setUint16(28, name.length, true);
    cd.setUint16(30, extra.byteLength, true);
    cd.setUint32(42, options.zip64 ? 0xffffffff : offset, true);
    central.push(new Uint8Array(cd.buffer), name, new Uint8Array(extra.buffer));
    offset += 30 + name.length + packed.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const tail: Uint8Array[] = [];
  if (options.zip64) {
    const z = new DataView(new ArrayBuffer(56 + 20));
    z.setUint32(0, 0x06064b50, true);
    z.setBigUint64(4, 44n, true);
    z.setBigUint64(24, BigInt(members.length), true);
    z.setBigUint64(32, BigInt(members.length), true);
    z.setBigUint64(40, BigInt(cdSize), true);
    z.setBigUint64(48, BigInt(offset), true);
    z.setUint32(56, 0x07064b50, true);
    z.setBigUint64(64, BigInt(offset + cdSize), true);
    z.setUint32(72, 1, true);
    tail.push(new Uint8Array(z.buffer));
  }
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, options.zip64 ? 0xffff : members.length, true);
  eocd.setUint16(10, options.zip64 ? 0xffff : members.length, true);
  eocd.setUint32(12, options.zip64 ? 0xffffffff : cdSize, true);
  eocd.setUint32(16, options.zip64 ? 0xffffffff : offset, true);
  tail.push(new Uint8Array(eocd.buffer));
  return concat([...chunks, ...central, ...tail]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Raw DEFLATE data that inflates to `mebibytes` MiB of zeros, built in milliseconds. */
export function zeroBomb(mebibytes: number): Uint8Array {
  // Blocks ending in a sync flush are byte-aligned, so one can be repeated; 0x03 0x00 is an
  // empty final block.
  const block = new Uint8Array(
    deflateRawSync(new Uint8Array(1024 * 1024), { level: 9, finishFlush: constants.Z_SYNC_FLUSH }),
  );
  return concat([...Array.from({ length: mebibytes }, () => block), Uint8Array.of(3, 0)]);
}

/** Reads every member of an archive (test use only, with default limits). */
export function unzipAll(bytes: Uint8Array): Map<string, Uint8Array> {
  const listing = listZipEntries(bytes);
  if (!listing.ok) throw new Error(listing.issue.code);
  const out = new Map<string, Uint8Array>();
  for (const entry of listing.entries) {
    const part = extractZipEntry(bytes, entry, {
      platform: nodePlatform,
      limits: DEFAULT_LIMITS,
      budget: { remaining: Number.MAX_SAFE_INTEGER },
    });
    if (!part.ok) throw new Error(part.issue.code);
    out.set(entry.name, part.bytes);
  }
  return out;
}

/** Rewrites an archive: parts set to a value are replaced or added, parts set to null removed. */
export function repack(bytes: Uint8Array, changes: Record<string, Uint8Array | string | null>): Uint8Array {
  const parts = unzipAll(bytes);
  for (const [name, data] of Object.entries(changes)) {
    if (data === null) parts.delete(name);
    else parts.set(name, bytesOf(data));
  }
  return makeZip([...parts].map(([name, data]) => ({ name, data })));
}

/** Text of one part of an archive. */
export function partText(bytes: Uint8Array, name: string): string {
  const part = unzipAll(bytes).get(name);
  if (!part) throw new Error(`no ${name}`);
  return new TextDecoder().decode(part);
}
