// A small BIFF8 writer for tests: the records Excel writes for what the xls reader must find
// (hidden rows and columns, shared strings split across CONTINUE, RK and MULRK numbers, formula
// results, comments, a password), which SheetJS's own writer never produces (it writes LABEL
// cells and no ROW or COLINFO records). The compound file around it is SheetJS's CFB writer.
import * as XLSX from "@e965/xlsx";

/** One BIFF record: type and data. */
export type Rec = [type: number, data: number[]];

const u16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number): number[] => [...u16(n & 0xffff), ...u16(n >>> 16)];
const f64 = (n: number): number[] => [...new Uint8Array(new Float64Array([n]).buffer)];
/** Characters one byte each (the high byte dropped, flags 0) or two. */
export const chars = (text: string, wide = false): number[] =>
  [...text].flatMap((ch) => (wide ? u16(ch.charCodeAt(0)) : [ch.charCodeAt(0)]));
/** An XLUnicodeString: count, flags, characters. */
export const xlString = (text: string, wide = false): number[] => [
  ...u16(text.length),
  wide ? 1 : 0,
  ...chars(text, wide),
];

export const bof = (kind: number): Rec => [
  0x0809,
  [...u16(0x0600), ...u16(kind), ...u32(0), ...u32(0), ...u32(0)],
];
export const eof = (): Rec => [0x000a, []];
export const xf = (format: number): Rec => [0x00e0, [...u16(0), ...u16(format), ...new Array(16).fill(0)]];
export const format = (id: number, code: string): Rec => [0x041e, [...u16(id), ...xlString(code)]];
export const row = (rw: number, hidden: boolean): Rec => [
  0x0208,
  [...u16(rw), ...u16(0), ...u16(10), ...u16(255), ...u32(0), ...u16(hidden ? 0x20 : 0), ...u16(0x0f)],
];
export const colinfo = (first: number, last: number, hidden: boolean): Rec => [
  0x007d,
  [...u16(first), ...u16(last), ...u16(2000), ...u16(15), ...u16(hidden ? 1 : 0), ...u16(0)],
];
export const labelSst = (rw: number, col: number, index: number): Rec => [
  0x00fd,
  [...u16(rw), ...u16(col), ...u16(15), ...u32(index)],
];
export const label = (rw: number, col: number, text: string): Rec => [
  0x0204,
  [...u16(rw), ...u16(col), ...u16(15), ...xlString(text, true)],
];
export const number = (rw: number, col: number, value: number, xfIndex = 15): Rec => [
  0x0203,
  [...u16(rw), ...u16(col), ...u16(xfIndex), ...f64(value)],
];
/** An RK of an integer (fInt set). */
export const rkInt = (n: number): number => ((n << 2) | 2) >>> 0;
export const rk = (rw: number, col: number, value: number, xfIndex = 15): Rec => [
  0x027e,
  [...u16(rw), ...u16(col), ...u16(xfIndex), ...u32(value)],
];
export const mulrk = (rw: number, col: number, values: number[]): Rec => [
  0x00bd,
  [
    ...u16(rw),
    ...u16(col),
    ...values.flatMap((v) => [...u16(15), ...u32(v)]),
    ...u16(col + values.length - 1),
  ],
];
/** A formula cell whose cached result is a string (a STRING record follows), a bool, or a number. */
export const formula = (rw: number, col: number, result: "string" | boolean | number): Rec[] => {
  const head = [...u16(rw), ...u16(col), ...u16(15)];
  const tail = [...u16(0), ...u32(0), ...u16(3), 0x1e, ...u16(1)]; // flags, chn, a tiny formula (=1)
  if (typeof result === "number") return [[0x0006, [...head, ...f64(result), ...tail]]];
  if (typeof result === "boolean")
    return [[0x0006, [...head, 1, 0, result ? 1 : 0, 0, 0, 0, 0xff, 0xff, ...tail]]];
  return [[0x0006, [...head, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...tail]]];
};
export const string = (text: string): Rec => [0x0207, xlString(text)];
export const boolerr = (rw: number, col: number, value: number, error: boolean): Rec => [
  0x0205,
  [...u16(rw), ...u16(col), ...u16(15), value, error ? 1 : 0],
];
/** A cell comment as Excel stores it: OBJ (a note), TXO, its text in a CONTINUE, and the NOTE. */
export const comment = (
  rw: number,
  col: number,
  id: number,
  text: string,
): { objects: Rec[]; note: Rec } => ({
  objects: [
    [0x005d, [...u16(0x15), ...u16(0x12), ...u16(0x19), ...u16(id), ...new Array(14).fill(0), ...u32(0)]],
    [0x01b6, [...u16(0x212), ...u16(0), ...new Array(6).fill(0), ...u16(text.length), ...u16(16), ...u32(0)]],
    [0x003c, [0, ...chars(text)]],
    [0x003c, new Array(16).fill(0)],
  ],
  note: [0x001c, [...u16(rw), ...u16(col), ...u16(0), ...u16(id), ...xlString("Jo"), 0]],
});

/** One sheet: name, visibility (0 visible, 1 hidden, 2 very hidden), and its records between BOF and EOF. */
export interface SheetRecords {
  name: string;
  state?: number;
  records: Rec[];
}

const encode = (records: Rec[]): number[] =>
  records.flatMap(([type, data]) => [...u16(type), ...u16(data.length), ...data]);

/** The Workbook stream: globals (with `globals` records) and each sheet's substream. */
export function workbookStream(globals: Rec[], sheets: SheetRecords[]): Uint8Array {
  const boundSheet = (offset: number, sheet: SheetRecords): Rec => [
    0x0085,
    [...u32(offset), sheet.state ?? 0, 0, sheet.name.length, 0, ...chars(sheet.name)],
  ];
  const head = (offsets: number[]): number[] =>
    encode([bof(5), ...globals, ...sheets.map((s, i) => boundSheet(offsets[i], s)), eof()]);
  const bodies = sheets.map((s) => encode([bof(0x10), ...s.records, eof()]));
  let at = head(sheets.map(() => 0)).length;
  const offsets = bodies.map((body) => {
    const offset = at;
    at += body.length;
    return offset;
  });
  return Uint8Array.from([...head(offsets), ...bodies.flat()]);
}

/** A compound file holding `stream` as its Workbook stream (or under another name). */
export function makeXls(stream: Uint8Array, name = "Workbook"): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, name, stream);
  return new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as number[]);
}
