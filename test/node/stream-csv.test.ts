import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { streamCsv } from "../../src/node/stream-csv.js";
import { readCsv } from "../../src/parse/text/read-csv.js";
import { ROOT } from "../helpers/cli.js";

/** Streams bytes in small chunks, so characters and rows are split across chunk boundaries. */
const chunked =
  (bytes: Uint8Array, size = 7) =>
  (): Readable =>
    Readable.from(
      (function* () {
        for (let i = 0; i < bytes.length; i += size) yield Buffer.from(bytes.subarray(i, i + size));
      })(),
    );

async function stream(bytes: Uint8Array, size = 7) {
  return streamCsv({
    name: "t.csv",
    limits: DEFAULT_LIMITS,
    head: bytes.subarray(0, 64 * 1024),
    open: chunked(bytes, size),
  });
}

describe("streamCsv", () => {
  it("reads what readCsv reads: the same sample and the same count", async () => {
    const bytes = readFileSync(join(ROOT, "fixtures/files/voters.csv"));
    const streamed = await stream(bytes);
    const whole = readCsv(bytes, { limits: DEFAULT_LIMITS, name: "t.csv" });
    expect(streamed.result).toEqual(whole);
    expect(streamed.delimiter).toBe(",");
  });

  it("keeps characters split across chunks, drops the BOM and honours sep=", async () => {
    const text = "\uFEFFsep=;\r\nName;Town\r\nZoë Brontë;Nantwich\r\n\r\nÅsa;Crewe\r\n";
    const { result, delimiter } = await stream(new TextEncoder().encode(text), 3);
    expect(delimiter).toBe(";");
    expect(result.tables[0].sample).toEqual([
      ["Name", "Town"],
      ["Zoë Brontë", "Nantwich"],
      ["Åsa", "Crewe"],
    ]);
    expect(result.tables[0].rowCount).toBe(3);
  });

  it("reads windows-1252 as readCsv does", async () => {
    const bytes = Uint8Array.from([
      ...Buffer.from("Name,Price\r\nCaf"),
      0xe9,
      ...Buffer.from(",5 "),
      0x80,
      0x0d,
      0x0a,
    ]);
    const { result } = await stream(bytes);
    expect(result.tables[0].sample[1]).toEqual(["Café", "5 €"]);
  });

  it("counts every row of a file with an unterminated quote, reading it again with quoting off", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `Person ${i},${i}`);
    const text = `Name,N\r\n"Oops,1\r\n${rows.join("\r\n")}\r\n`;
    const { result } = await stream(Buffer.from(text), 64);
    expect(result.tables[0].rowCount).toBe(202);
  });

  it("gives up on a quote that runs for megabytes without holding the rest of the file", async () => {
    const row = "Someone Else,12345678901234567890\r\n";
    const text = `Name,N\r\n"Oops,1\r\n${row.repeat(120_000)}`;
    const { result } = await stream(Buffer.from(text), 64 * 1024);
    expect(result.tables[0].rowCount).toBe(120_002);
  });
});
