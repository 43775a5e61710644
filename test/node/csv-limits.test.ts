import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { streamCsv } from "../../src/node/stream-csv.js";
import { readCsv } from "../../src/parse/text/read-csv.js";

// Issue 13: every limit holds inside the CSV readers, whichever of them takes a file, and what a
// limit left unread is named (a TOO_LARGE or TIMEOUT issue with the limit), never dropped.
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function stream(bytes: Uint8Array, late?: () => boolean) {
  return streamCsv({
    name: "t.csv",
    limits: DEFAULT_LIMITS,
    head: bytes.subarray(0, 64 * 1024),
    open: () => Readable.from([Buffer.from(bytes)]),
    ...(late ? { late } : {}),
  });
}

const rows = (n: number): string =>
  `Name,Phone\n${Array.from({ length: n }, (_, i) => `Jane Smith ${i},07700 9${String(i).padStart(5, "0")}`).join("\n")}\n`;

describe("a CSV line past any honest size", () => {
  // 3 MB on one line: ~100,000 fields, no line break.
  const oneLine = encode("Jane Smith,07700 900123,CW1 1AA,".repeat(100_000));

  it("is not read, in either reader, and the issue names the line-length bound", async () => {
    const whole = readCsv(oneLine, { limits: DEFAULT_LIMITS, name: "t.csv" });
    const streamed = await stream(oneLine);
    for (const result of [whole, streamed.result]) {
      expect(result.tables).toEqual([]);
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: "TOO_LARGE",
          limit: expect.objectContaining({ name: "line length" }),
        }),
      ]);
    }
  });

  it("still reads a file whose lines end with \\r only", () => {
    const text = `Name,Town\r${"Jane Smith,Crewe\r".repeat(200_000)}`;
    const result = readCsv(encode(text), { limits: DEFAULT_LIMITS, name: "t.csv" });
    expect(result.issues).toEqual([]);
    expect(result.tables[0].rowCount).toBe(200_001);
  });
});

describe("a CSV row wider than a spreadsheet", () => {
  const wide = encode(`${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(",")}\n`);

  it("keeps 16,384 columns and names what it left out", async () => {
    for (const result of [
      readCsv(wide, { limits: DEFAULT_LIMITS, name: "t.csv" }),
      (await stream(wide)).result,
    ]) {
      expect(result.tables[0].sample[0]).toHaveLength(16_384);
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: "TOO_LARGE",
          limit: { name: "columns", value: 16_384, unit: "fields" },
        }),
      ]);
    }
  });
});

describe("the draft's deadline inside the CSV loops", () => {
  const bytes = encode(rows(5_000));

  it("stops reading when time is up and says so, naming maxSecondsPerDraft", async () => {
    const timeout = expect.objectContaining({
      code: "TIMEOUT",
      limit: { name: "maxSecondsPerDraft", value: DEFAULT_LIMITS.maxSecondsPerDraft, unit: "seconds" },
    });
    const whole = readCsv(bytes, { limits: DEFAULT_LIMITS, name: "t.csv", late: () => true });
    expect(whole.issues).toEqual([timeout]);
    expect(whole.tables[0].rowCount).toBeLessThan(5_000);
    expect((await stream(bytes, () => true)).result.issues).toEqual([timeout]);
  });

  it("reads everything while there is time", async () => {
    const whole = readCsv(bytes, { limits: DEFAULT_LIMITS, name: "t.csv", late: () => false });
    expect(whole.issues).toEqual([]);
    expect(whole.tables[0].rowCount).toBe(5_001);
    expect((await stream(bytes, () => false)).result.tables[0].rowCount).toBe(5_001);
  });
});
