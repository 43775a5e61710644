import type { ReadIssue } from "../../model/table.js";

// An MS-CFB compound file ("OLE2", [MS-CFB] v3 and v4): the container of .xls, .doc and Outlook
// .msg. Every chain walk is bounded by the file: a sector is visited at most once per chain and a
// declared size must be covered by its chain before anything is allocated, so a lying header or a
// looping FAT costs at most one pass over the file's own sectors.

/** A stream of a compound file, by its path (`Workbook`, `__substg1.0_0037001F`, `a/b`). */
export interface CfbStream {
  /** Storage names and the stream's name joined with `/`, as stored (compare without case). */
  path: string;
  size: number;
}

/** A stream's bytes, or why they could not be had. */
export type CfbRead = { ok: true; bytes: Uint8Array } | { ok: false; issue: ReadIssue };

/** An opened compound file: its streams, each read on demand under a size cap. */
export interface Cfb {
  /** Every stream reachable from the root storage, in directory-tree order. */
  streams: CfbStream[];
  /** A stream's bytes by path (case-insensitive); TOO_LARGE past maxBytes, CORRUPT when unreadable. */
  read(path: string, maxBytes: number): CfbRead;
}

/** The compound file, or why it is not one. */
export type CfbOpen = { ok: true; cfb: Cfb } | { ok: false; issue: ReadIssue };

const MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MAX_REG_SECT = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const HEADER_DIFAT = 109;
const DIR_ENTRY = 128;
const MINI_SECTOR = 64;
/** Storages inside storages: MS-CFB sets no bound, real files nest two or three deep. */
const MAX_TREE_DEPTH = 32;

const corrupt = (detail: string): { ok: false; issue: ReadIssue } => ({
  ok: false,
  issue: { code: "CORRUPT", path: "", detail: `cfb: ${detail}` },
});

/** Whether bytes begin with the compound-file signature. */
export function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && MAGIC.every((b, i) => bytes[i] === b);
}

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** The parts of a compound file every read needs. */
class Layout {
  readonly view: DataView;
  readonly sectorSize: number;
  /** Sectors the file's bytes hold (the last may be short). */
  readonly sectorCount: number;
  fat: Uint32Array = new Uint32Array(0);
  miniFat: Uint32Array = new Uint32Array(0);

  constructor(
    readonly bytes: Uint8Array,
    shift: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.sectorSize = 1 << shift;
    this.sectorCount = Math.max(0, Math.ceil(bytes.length / this.sectorSize) - 1);
  }

  /** A sector's bytes (a short last sector as far as the file goes), or undefined past the file. */
  sector(id: number): Uint8Array | undefined {
    if (id >= this.sectorCount) return undefined;
    const at = (id + 1) * this.sectorSize;
    return this.bytes.subarray(at, at + this.sectorSize);
  }

  /**
   * Follows a chain through `table` from `start`, at most `limit` links: the sector ids in order,
   * or a reason when it loops, leaves the table, or ends early (fewer than `need` links).
   */
  chain(table: Uint32Array, start: number, need: number, limit: number): number[] | string {
    const ids: number[] = [];
    const seen = new Uint8Array(table.length);
    let id = start;
    while (id !== END_OF_CHAIN && ids.length < limit) {
      if (id > MAX_REG_SECT || id >= table.length) return ids.length >= need ? ids : "chain leaves the table";
      if (seen[id] === 1) return ids.length >= need ? ids : "chain loops";
      seen[id] = 1;
      ids.push(id);
      id = table[id];
    }
    return ids.length >= need ? ids : "chain ends early";
  }

  /** Concatenates the sectors of a chain into `size` bytes. */
  gather(ids: number[], size: number): Uint8Array | string {
    const out = new Uint8Array(size);
    let at = 0;
    for (const id of ids) {
      if (at >= size) break;
      const sector = this.sector(id);
      if (!sector) return "sector past the end of the file";
      const part = sector.subarray(0, Math.min(sector.length, size - at));
      out.set(part, at);
      at += this.sectorSize; // a short last sector leaves zeros, as the file was cut
    }
    return out;
  }
}

/** The FAT's sector ids: 109 in the header, the rest along the DIFAT chain. */
function fatSectors(layout: Layout, count: number, difatStart: number): number[] | string {
  const { view, sectorSize } = layout;
  if (count > layout.sectorCount) return "more FAT sectors than the file holds";
  const ids: number[] = [];
  for (let i = 0; i < HEADER_DIFAT && ids.length < count; i++) ids.push(view.getUint32(0x4c + i * 4, true));
  const perSector = sectorSize / 4 - 1;
  const seen = new Set<number>();
  let next = difatStart;
  while (ids.length < count) {
    if (next > MAX_REG_SECT || seen.has(next)) return "DIFAT chain broken";
    seen.add(next);
    const sector = layout.sector(next);
    if (!sector || sector.length < sectorSize) return "DIFAT sector past the end";
    const dv = new DataView(sector.buffer, sector.byteOffset, sector.byteLength);
    for (let i = 0; i < perSector && ids.length < count; i++) ids.push(dv.getUint32(i * 4, true));
    next = dv.getUint32(perSector * 4, true);
  }
  return ids;
}

/** Reads a table of sector links (FAT or mini FAT) from its sectors. */
function readTable(layout: Layout, ids: number[]): Uint32Array | string {
  const bytes = layout.gather(ids, ids.length * layout.sectorSize);
  if (typeof bytes === "string") return bytes;
  const table = new Uint32Array(bytes.length / 4);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < table.length; i++) table[i] = dv.getUint32(i * 4, true);
  return table;
}

/** Decodes the directory sectors into entries. */
function readDirectory(bytes: Uint8Array, version: number): DirEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: DirEntry[] = [];
  for (let at = 0; at + DIR_ENTRY <= bytes.length; at += DIR_ENTRY) {
    const nameBytes = Math.min(64, dv.getUint16(at + 0x40, true));
    let name = "";
    for (let i = 0; i + 2 <= nameBytes - 2; i += 2) name += String.fromCharCode(dv.getUint16(at + i, true));
    // Version 3 files keep only 32 bits of size; their high half may hold junk (MS-CFB 2.6.3).
    const high = version === 4 ? dv.getUint32(at + 0x7c, true) : 0;
    entries.push({
      name,
      type: bytes[at + 0x42],
      left: dv.getUint32(at + 0x44, true),
      right: dv.getUint32(at + 0x48, true),
      child: dv.getUint32(at + 0x4c, true),
      start: dv.getUint32(at + 0x74, true),
      size: high > 0 ? Number.MAX_SAFE_INTEGER : dv.getUint32(at + 0x78, true),
    });
  }
  return entries;
}

/** Walks the red-black trees of storages from the root: every stream with its path, each entry once. */
function listEntries(entries: DirEntry[]): Map<string, DirEntry & { path: string }> {
  const found = new Map<string, DirEntry & { path: string }>();
  const seen = new Set<number>();
  const visit = (id: number, prefix: string, depth: number): void => {
    // An explicit stack for siblings: a tree of thousands of entries must not exhaust the call stack.
    const stack = [id];
    while (stack.length > 0) {
      const at = stack.pop() as number;
      if (at >= entries.length || seen.has(at)) continue;
      seen.add(at);
      const entry = entries[at];
      stack.push(entry.right, entry.left);
      const path = prefix + entry.name;
      if (entry.type === 2 && !found.has(path.toLowerCase()))
        found.set(path.toLowerCase(), { ...entry, path });
      else if (entry.type === 1 && depth < MAX_TREE_DEPTH) visit(entry.child, `${path}/`, depth + 1);
    }
  };
  if (entries.length > 0) {
    seen.add(0);
    visit(entries[0].child, "", 0);
  }
  return found;
}

type Entry = DirEntry & { path: string };

/** Reads streams of an opened file; the mini stream and its FAT are loaded with the first small one. */
class StreamReader {
  private miniStream: Uint8Array | undefined;

  constructor(
    private readonly layout: Layout,
    private readonly root: DirEntry,
    private readonly head: DataView,
    readonly found: Map<string, Entry>,
  ) {}

  /** A stream's bytes by path, under a cap. */
  read(path: string, maxBytes: number): CfbRead {
    const entry = this.found.get(path.toLowerCase());
    if (!entry) return corrupt(`no stream ${path}`);
    if (entry.size > maxBytes)
      return { ok: false, issue: { code: "TOO_LARGE", path: "", detail: entry.path } };
    if (entry.size === 0) return { ok: true, bytes: new Uint8Array(0) };
    if (entry.size < this.head.getUint32(0x38, true)) return this.readSmall(entry);
    const { layout } = this;
    const need = Math.ceil(entry.size / layout.sectorSize);
    // A size beyond what the file's sectors could hold is refused before anything is allocated.
    if (need > layout.sectorCount) return corrupt(`${entry.path}: size larger than the file`);
    const ids = layout.chain(layout.fat, entry.start, need, need);
    if (typeof ids === "string") return corrupt(`${entry.path}: ${ids}`);
    const out = layout.gather(ids, entry.size);
    return typeof out === "string" ? corrupt(`${entry.path}: ${out}`) : { ok: true, bytes: out };
  }

  /** A stream below the cutoff, from 64-byte sectors of the mini stream. */
  private readSmall(entry: Entry): CfbRead {
    const failed = this.loadMini();
    if (failed) return corrupt(failed);
    const mini = this.miniStream as Uint8Array;
    const need = Math.ceil(entry.size / MINI_SECTOR);
    const ids = this.layout.chain(this.layout.miniFat, entry.start, need, need);
    if (typeof ids === "string") return corrupt(`${entry.path}: ${ids}`);
    const out = new Uint8Array(entry.size);
    for (let i = 0; i < ids.length; i++) {
      const from = ids[i] * MINI_SECTOR;
      if (from >= mini.length) return corrupt(`${entry.path}: mini sector past the mini stream`);
      out.set(
        mini.subarray(from, Math.min(from + MINI_SECTOR, from + entry.size - i * MINI_SECTOR)),
        i * MINI_SECTOR,
      );
    }
    return { ok: true, bytes: out };
  }

  /** Loads the mini stream (the root entry's chain) and the mini FAT; a reason when they are broken. */
  private loadMini(): string | undefined {
    if (this.miniStream) return undefined;
    const { layout, root, head } = this;
    const ss = layout.sectorSize;
    const sectors = layout.sectorCount;
    const rootIds = layout.chain(layout.fat, root.start, Math.ceil(root.size / ss), sectors);
    if (typeof rootIds === "string") return `mini stream ${rootIds}`;
    if (root.size > rootIds.length * ss) return "mini stream larger than its chain";
    const stream = layout.gather(rootIds, root.size);
    if (typeof stream === "string") return stream;
    const count = head.getUint32(0x40, true);
    const miniIds = layout.chain(layout.fat, head.getUint32(0x3c, true), count, Math.min(count, sectors));
    if (typeof miniIds === "string") return `mini FAT ${miniIds}`;
    const miniFat = readTable(layout, miniIds);
    if (typeof miniFat === "string") return miniFat;
    layout.miniFat = miniFat;
    this.miniStream = stream;
    return undefined;
  }
}

/** Opens a compound file: header, FAT, directory and mini stream; streams are read on demand. */
export function openCfb(bytes: Uint8Array): CfbOpen {
  if (!isCfb(bytes)) return corrupt("not a compound file");
  const head = new DataView(bytes.buffer, bytes.byteOffset, 512);
  const version = head.getUint16(0x1a, true);
  const shift = head.getUint16(0x1e, true);
  if ((version !== 3 && version !== 4) || (shift !== 9 && shift !== 12)) return corrupt("unknown version");
  if (head.getUint16(0x20, true) !== 6) return corrupt("unknown mini sector size");
  const layout = new Layout(bytes, shift);
  const fatIds = fatSectors(layout, head.getUint32(0x2c, true), head.getUint32(0x44, true));
  if (typeof fatIds === "string") return corrupt(fatIds);
  const fat = readTable(layout, fatIds);
  if (typeof fat === "string") return corrupt(fat);
  layout.fat = fat;
  const dirIds = layout.chain(fat, head.getUint32(0x30, true), 1, layout.sectorCount);
  if (typeof dirIds === "string") return corrupt(`directory ${dirIds}`);
  const dirBytes = layout.gather(dirIds, dirIds.length * layout.sectorSize);
  if (typeof dirBytes === "string") return corrupt(dirBytes);
  const entries = readDirectory(dirBytes, version);
  if (entries[0]?.type !== 5) return corrupt("no root entry");
  const reader = new StreamReader(layout, entries[0], head, listEntries(entries));
  const streams = [...reader.found.values()].map(({ path, size }) => ({ path, size }));
  return { ok: true, cfb: { streams, read: (path, maxBytes) => reader.read(path, maxBytes) } };
}
