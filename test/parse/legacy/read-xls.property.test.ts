// The xls reader and its compound-file layer over damaged input: flipped bytes, truncation, lying
// sizes and counts in the header, directory, FAT and records. Whatever the bytes, readXls returns
// tables, a coded issue, or a fallback to SheetJS, and never throws or hangs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { openCfb } from "../../../src/parse/legacy/cfb.js";
import { readXls } from "../../../src/parse/legacy/read-xls.js";
import {
  colinfo,
  comment,
  label,
  labelSst,
  makeXls,
  mulrk,
  number,
  type Rec,
  rkInt,
  row,
  workbookStream,
  xf,
} from "./make-xls.js";

const ctx = { platform: nodePlatform, limits: DEFAULT_LIMITS, deadline: nodePlatform.now() + 600_000 };

/** A small workbook (its stream in the mini stream) and a large one (in regular sectors). */
function workbooks(): Uint8Array[] {
  const note = comment(1, 1, 3, "a note");
  const sst: Rec = [0x00fc, [2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 65, 66, 67, 2, 0, 1, 65, 0, 66, 0]];
  const small = workbookStream(
    [xf(0), sst],
    [
      {
        name: "A",
        records: [
          colinfo(0, 1, true),
          row(1, true),
          labelSst(0, 0, 0),
          labelSst(1, 1, 1),
          mulrk(2, 0, [rkInt(5), rkInt(6)]),
          ...note.objects,
          note.note,
        ],
      },
      { name: "B", state: 1, records: [label(0, 0, "x")] },
    ],
  );
  const records: Rec[] = [];
  for (let r = 0; r < 400; r++)
    records.push(row(r, r % 5 === 0), number(r, 0, r * 1.5), label(r, 1, `name ${r}`));
  const large = workbookStream([xf(0)], [{ name: "Big", records }]);
  return [makeXls(small), makeXls(large)];
}

function expectWellFormed(bytes: Uint8Array): void {
  const read = readXls(bytes, ctx);
  if ("fallback" in read) {
    expect(read.fallback).toBeTypeOf("string");
    return;
  }
  for (const issue of read.issues)
    expect(["ENCRYPTED", "TOO_LARGE", "TIMEOUT", "CORRUPT"]).toContain(issue.code);
  for (const table of read.tables) {
    expect(table.rowCount).toBeGreaterThanOrEqual(table.sample.length);
    expect(table.hiddenRowCount).toBeLessThanOrEqual(table.rowCount);
  }
}

describe("readXls on damaged input", () => {
  const books = workbooks();

  it("reads the undamaged workbooks natively", () => {
    for (const bytes of books) expect(readXls(bytes, ctx)).not.toHaveProperty("fallback");
  });

  it("never throws on overwritten bytes anywhere", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }),
        (which, edits) => {
          const bytes = books[which].slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          expectWellFormed(bytes);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on lying 32-bit fields: header, FAT, directory sizes, record lengths", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.array(
          fc.tuple(fc.nat(), fc.constantFrom(0, 1, 0xfffffffe, 0xffffffff, 0x7fffffff, 0xfffffffa), fc.nat()),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (which, edits) => {
          const bytes = books[which].slice();
          const view = new DataView(bytes.buffer);
          for (const [at, value, jitter] of edits) {
            const offset = (at % (bytes.length - 4)) & ~3;
            view.setUint32(offset, jitter % 3 === 0 ? value : (value ^ jitter) >>> 0, true);
          }
          expectWellFormed(bytes);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on truncated files", () => {
    for (const bytes of books)
      for (let end = 0; end < bytes.length; end += 97) expectWellFormed(bytes.subarray(0, end));
  });

  it("opens arbitrary bytes behind the compound-file signature without throwing", () => {
    const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (tail) => {
        const bytes = Uint8Array.from([...magic, ...tail]);
        const opened = openCfb(bytes);
        if (opened.ok) for (const stream of opened.cfb.streams) opened.cfb.read(stream.path, 1 << 20);
        expectWellFormed(bytes);
      }),
      { numRuns: 300 },
    );
  });
});
