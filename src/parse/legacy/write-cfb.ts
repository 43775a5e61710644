// Writes an MS-CFB version 3 compound file (512-byte sectors, 64-byte mini sectors below 4,096
// bytes) from streams named by path. Reading an Outlook item embedded in a .msg needs it: the
// embedded storage is written out as the standalone .msg Outlook itself would save, so it travels
// through the attachment readers as bytes like any other file.

/** A stream to write: storages are made from the `/`-separated path. */
export interface CfbEntry {
  path: string;
  bytes: Uint8Array;
}

const SECTOR = 512;
const MINI = 64;
const CUTOFF = 4096;
const FREE = 0xffffffff;
const END = 0xfffffffe;
const FAT_SECT = 0xfffffffd;
const DIFAT_SECT = 0xfffffffc;
const NONE = 0xffffffff;
const HEADER_DIFAT = 109;

interface Node {
  name: string;
  type: 1 | 2 | 5;
  bytes?: Uint8Array;
  children: Node[];
  id: number;
  start: number;
  left: number;
  right: number;
  child: number;
  red: boolean;
}

const newNode = (name: string, type: 1 | 2 | 5, bytes?: Uint8Array): Node => ({
  name,
  type,
  ...(bytes ? { bytes } : {}),
  children: [],
  id: 0,
  start: END,
  left: NONE,
  right: NONE,
  child: NONE,
  red: false,
});

/** The storage tree of the paths, each node numbered in directory order. */
function buildTree(entries: CfbEntry[]): Node[] {
  const root = newNode("Root Entry", 5);
  for (const entry of entries) {
    const parts = entry.path.split("/");
    let at = root;
    for (const part of parts.slice(0, -1)) {
      let next = at.children.find((c) => c.type === 1 && c.name === part);
      if (!next) {
        next = newNode(part, 1);
        at.children.push(next);
      }
      at = next;
    }
    at.children.push(newNode(parts[parts.length - 1], 2, entry.bytes));
  }
  const all: Node[] = [];
  const number = (node: Node): void => {
    node.id = all.length;
    all.push(node);
    for (const child of node.children) number(child);
  };
  number(root);
  for (const node of all) node.child = linkSiblings(node.children);
  return all;
}

/** MS-CFB 2.6.4's order: shorter names first, then by upper-case code units. */
const compareNames = (a: Node, b: Node): number => {
  if (a.name.length !== b.name.length) return a.name.length - b.name.length;
  const x = a.name.toUpperCase();
  const y = b.name.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Links siblings into a balanced search tree; the root's id, or NONE. Nodes on the deepest level
 * of a tree that is not full are red, the rest black, which keeps the red-black rules.
 */
function linkSiblings(nodes: Node[]): number {
  const sorted = [...nodes].sort(compareNames);
  const depth = Math.ceil(Math.log2(sorted.length + 1));
  const full = sorted.length === 2 ** depth - 1;
  const build = (from: number, to: number, level: number): number => {
    if (from > to) return NONE;
    const mid = (from + to) >> 1;
    const node = sorted[mid];
    node.red = !full && level === depth;
    node.left = build(from, mid - 1, level + 1);
    node.right = build(mid + 1, to, level + 1);
    return node.id;
  };
  return build(0, sorted.length - 1, 1);
}

/** How many sectors each part takes; the FAT and DIFAT must also cover their own sectors. */
function countSectors(nodes: Node[], big: Node[], small: Node[]) {
  const sectors = (n: number, size: number): number => Math.ceil(n / size);
  const miniCount = small.reduce((n, s) => n + sectors(s.bytes?.length ?? 0, MINI), 0);
  const miniStream = sectors(miniCount * MINI, SECTOR);
  const miniFat = sectors(miniCount * 4, SECTOR);
  const dir = sectors(nodes.length, SECTOR / 128);
  const data =
    big.reduce((n, s) => n + sectors(s.bytes?.length ?? 0, SECTOR), 0) + miniStream + miniFat + dir;
  let fat = 0;
  let difat = 0;
  for (;;) {
    const needFat = sectors(data + fat + difat, SECTOR / 4);
    const needDifat = needFat > HEADER_DIFAT ? sectors(needFat - HEADER_DIFAT, SECTOR / 4 - 1) : 0;
    if (needFat === fat && needDifat === difat) break;
    fat = needFat;
    difat = needDifat;
  }
  return { miniCount, miniStream, miniFat, dir, fat, difat, total: data + fat + difat };
}

/** Lays the file out: streams, mini stream, mini FAT, directory, then the FAT and DIFAT. */
export function writeCfb(entries: CfbEntry[]): Uint8Array {
  const nodes = buildTree(entries);
  const streams = nodes.filter((n) => n.type === 2) as (Node & { bytes: Uint8Array })[];
  const big = streams.filter((s) => s.bytes.length >= CUTOFF);
  const small = streams.filter((s) => s.bytes.length > 0 && s.bytes.length < CUTOFF);
  const count = countSectors(nodes, big, small);
  const { miniCount, dir: dirSectors, fat: fatSectors, difat: difatSectors, total } = count;
  const miniStreamSectors = count.miniStream;
  const miniFatSectors = count.miniFat;
  const sectors = (n: number, size: number): number => Math.ceil(n / size);
  const out = new Uint8Array((total + 1) * SECTOR);
  const view = new DataView(out.buffer);
  const fat = new Uint32Array(fatSectors * (SECTOR / 4)).fill(FREE);
  let next = 0;
  /** Claims `count` chained sectors and returns the first, or END for none. */
  const claim = (count: number, mark?: number): number => {
    if (count === 0) return END;
    const first = next;
    for (let i = 0; i < count; i++) fat[next + i] = mark ?? (i === count - 1 ? END : next + i + 1);
    next += count;
    return first;
  };
  const at = (sector: number): number => (sector + 1) * SECTOR;
  for (const s of big) {
    s.start = claim(sectors(s.bytes.length, SECTOR));
    out.set(s.bytes, at(s.start));
  }
  const root = nodes[0];
  root.start = claim(miniStreamSectors);
  const miniFat = new Uint32Array(miniFatSectors * (SECTOR / 4)).fill(FREE);
  let mini = 0;
  for (const s of small) {
    const count = sectors(s.bytes.length, MINI);
    s.start = mini;
    for (let i = 0; i < count; i++) miniFat[mini + i] = i === count - 1 ? END : mini + i + 1;
    const offset = mini * MINI;
    // The mini stream's sectors are consecutive, so an offset in it is one in the file.
    out.set(s.bytes, at(root.start) + offset);
    mini += count;
  }
  const miniFatStart = claim(miniFatSectors);
  for (let i = 0; i < miniFat.length; i++) view.setUint32(at(miniFatStart) + i * 4, miniFat[i], true);
  const dirStart = claim(dirSectors);
  writeDirectory(view, at(dirStart), nodes, miniCount * MINI, dirSectors);
  const fatStart = claim(fatSectors, FAT_SECT);
  const difatStart = claim(difatSectors, DIFAT_SECT);
  for (let i = 0; i < fat.length; i++) view.setUint32(at(fatStart) + i * 4, fat[i], true);
  writeHeader(view, {
    fatSectors,
    fatStart,
    dirStart,
    miniFatStart,
    miniFatSectors,
    difatStart,
    difatSectors,
  });
  return out;
}

interface HeaderFields {
  fatSectors: number;
  fatStart: number;
  dirStart: number;
  miniFatStart: number;
  miniFatSectors: number;
  difatStart: number;
  difatSectors: number;
}

/** The 512-byte header, with the FAT's sector ids in its DIFAT and the DIFAT sectors past 109. */
function writeHeader(view: DataView, h: HeaderFields): void {
  for (const [i, b] of [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].entries()) view.setUint8(i, b);
  view.setUint16(0x18, 0x003e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, h.fatSectors, true);
  view.setUint32(0x30, h.dirStart, true);
  view.setUint32(0x38, CUTOFF, true);
  view.setUint32(0x3c, h.miniFatSectors > 0 ? h.miniFatStart : END, true);
  view.setUint32(0x40, h.miniFatSectors, true);
  view.setUint32(0x44, h.difatSectors > 0 ? h.difatStart : END, true);
  view.setUint32(0x48, h.difatSectors, true);
  const perDifat = SECTOR / 4 - 1;
  for (let i = 0; i < HEADER_DIFAT + h.difatSectors * perDifat; i++) {
    const value = i < h.fatSectors ? h.fatStart + i : FREE;
    if (i < HEADER_DIFAT) view.setUint32(0x4c + i * 4, value, true);
    else {
      const k = i - HEADER_DIFAT;
      const sector = h.difatStart + Math.floor(k / perDifat);
      view.setUint32((sector + 1) * SECTOR + (k % perDifat) * 4, value, true);
    }
  }
  for (let d = 0; d < h.difatSectors; d++) {
    const last = d === h.difatSectors - 1;
    view.setUint32((h.difatStart + d + 1) * SECTOR + perDifat * 4, last ? END : h.difatStart + d + 1, true);
  }
}

/** The directory entries (MS-CFB 2.6), unused slots marked free. */
function writeDirectory(
  view: DataView,
  base: number,
  nodes: Node[],
  miniSize: number,
  dirSectors: number,
): void {
  for (let i = 0; i < dirSectors * (SECTOR / 128); i++) {
    const at = base + i * 128;
    const node = nodes[i];
    if (!node) {
      view.setUint32(at + 0x44, NONE, true);
      view.setUint32(at + 0x48, NONE, true);
      view.setUint32(at + 0x4c, NONE, true);
      continue;
    }
    const name = node.name.slice(0, 31);
    for (let c = 0; c < name.length; c++) view.setUint16(at + c * 2, name.charCodeAt(c), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    view.setUint8(at + 0x42, node.type);
    view.setUint8(at + 0x43, node.red ? 0 : 1);
    view.setUint32(at + 0x44, node.left, true);
    view.setUint32(at + 0x48, node.right, true);
    view.setUint32(at + 0x4c, node.child, true);
    const size = node.type === 5 ? miniSize : (node.bytes?.length ?? 0);
    view.setUint32(at + 0x74, node.type === 1 ? 0 : size === 0 ? END : node.start, true);
    view.setUint32(at + 0x78, size, true);
  }
}
