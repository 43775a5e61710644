// The dispatcher over hostile input: whatever the bytes and name, readAttachment returns a status
// (and a reason when uninspectable) and never throws.
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsv, writeEml, writeWorkbook } from "../../fixtures/gen/index.js";
import type { ReadAttachment } from "../../src/model/attachment.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { nodePlatform } from "../../src/node/platform.js";
import { readAttachment } from "../../src/parse/read-attachment.js";
import { isUkPhone, isUkPostcode } from "../../src/validators/index.js";
import { contactRows } from "../helpers/drafts.js";
import { makeZip, unzipAll } from "./container/make-zip.js";

// The platform as the CLI has it: SheetJS in a worker. Some of these inputs (a flipped byte in an
// xls) make SheetJS allocate gigabytes or loop for ever; in-process they crash or hang the run.
// A short time limit: one of these inputs sends SheetJS into an endless loop, which only the
// worker's time limit ends (TIMEOUT), and 20 s of it would be most of the test's time.
const limits = { ...DEFAULT_LIMITS, maxSecondsPerDraft: 3 };

const context = () => ({
  platform: nodePlatform,
  limits,
  budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
  checks: { phone: isUkPhone, postcode: isUkPostcode },
  deadline: nodePlatform.now() + 20_000,
});

const STATUSES = ["inspected", "skipped", "uninspectable"];

function expectWellFormed(read: ReadAttachment) {
  expect(STATUSES).toContain(read.status);
  if (read.status === "uninspectable") expect(read.reason?.code).toBeTypeOf("string");
  if (read.status !== "inspected") expect(read.tables).toEqual([]);
  for (const table of read.tables) expect(table.rowCount).toBeGreaterThanOrEqual(0);
}

const NAMES = [
  "a.csv",
  "a.tsv",
  "a.xlsx",
  "a.xlsm",
  "a.xls",
  "a.ods",
  "a.xlsb",
  "a.zip",
  "a.gz",
  "a.eml",
  "a.7z",
  "a.numbers",
  "a",
  "a.png",
  "a.txt",
];

const rows = contactRows(8, "property");
const csv = toCsv(rows);
const xlsx = writeWorkbook([
  { name: "Visible", rows },
  { name: "Hidden", rows, hidden: "very" },
]);
const sheetJs = (bookType: "ods" | "xls" | "xlsb") => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Contacts");
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType }));
};
const zip = makeZip([
  { name: "voters.csv", data: csv },
  { name: "book.xlsx", data: xlsx },
  { name: "nested.zip", data: makeZip([{ name: "inner.csv", data: csv }]) },
]);
const eml = writeEml({
  from: "a@example.org",
  to: ["b@example.org"],
  subject: "x",
  date: "Tue, 13 May 2008 16:42:07 +0100",
  messageId: "p@example.org",
  text: "x",
  attachments: [{ filename: "voters.csv", content: csv }],
});
const SEEDS: [string, Uint8Array][] = [
  ["a.csv", csv],
  ["a.xlsx", xlsx],
  ["a.ods", sheetJs("ods")],
  ["a.xls", sheetJs("xls")],
  ["a.xlsb", sheetJs("xlsb")],
  ["a.zip", zip],
  ["a.eml", eml],
];
const ZIP_SEEDS = SEEDS.filter(([name]) => /\.(xlsx|ods|xlsb|zip)$/.test(name));

const read = (bytes: Uint8Array, filename: string) =>
  readAttachment({ filename, contentType: "", bytes }, context());

describe("readAttachment never throws and always returns a status", () => {
  it("on arbitrary bytes under any name", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...NAMES), async (bytes, name) => {
        expectWellFormed(await read(bytes, name));
      }),
      { numRuns: 400 },
    );
  });

  it("on arbitrary bytes behind real magic numbers", async () => {
    const magics = [
      [0x50, 0x4b, 3, 4],
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
      [0x1f, 0x8b, 8],
      [0x09, 0x08],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...magics),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(...NAMES),
        async (magic, rest, name) => {
          expectWellFormed(await read(Uint8Array.from([...magic, ...rest]), name));
        },
      ),
      { numRuns: 250 },
    );
  });

  it("on valid files truncated or with bytes flipped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SEEDS),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async ([name, seed], flips, cut) => {
          const bytes = Uint8Array.from(seed);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const mutated = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
          expectWellFormed(await read(mutated, name));
        },
      ),
      { numRuns: 250 },
    );
  });

  it("on ZIP-based files with entries shuffled, dropped or duplicated", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZIP_SEEDS).chain(([name, seed]) => {
          const entries = [...unzipAll(seed)];
          return fc.tuple(
            fc.constant(name),
            fc.shuffledSubarray(entries),
            fc.subarray(entries, { maxLength: 2 }),
            fc.boolean(),
          );
        }),
        async ([name, kept, extra, stored]) => {
          const members = [...kept, ...extra].map(([n, data]) => ({ name: n, data, method: stored ? 0 : 8 }));
          expectWellFormed(await read(makeZip(members), name));
        },
      ),
      { numRuns: 120 },
    );
  });
});
