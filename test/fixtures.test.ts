import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { buildFixtures, writeFixtures } from "../fixtures/gen/generate-fixtures.js";
import { INWARD_LETTERS, MOSAIC_TYPES } from "../fixtures/gen/pools.js";
import { createRng } from "../fixtures/gen/rng.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const tmp = mkdtempSync(join(tmpdir(), "guard-fixtures-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const written = writeFixtures(tmp);
const committed = (path: string) => readFileSync(join(FIXTURES, path));

// Base64 bodies of the attachments of a generated message (enough MIME for our own output).
const attachmentsOf = (eml: Buffer): Map<string, Buffer> => {
  const text = eml.toString("utf8");
  const boundary = /boundary="([^"]+)"/.exec(text)?.[1] ?? "";
  const out = new Map<string, Buffer>();
  for (const part of text.split(`--${boundary}`)) {
    const name = /filename="([^"]+)"/.exec(part)?.[1];
    if (name) out.set(name, Buffer.from(part.split("\r\n\r\n")[1], "base64"));
  }
  return out;
};

const dataRows = (xlsx: Buffer): string[][] => {
  const wb = XLSX.read(xlsx);
  return XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false });
};

describe("committed fixtures", () => {
  it.each(written)("%s regenerates byte for byte", (path) => {
    const fresh = readFileSync(join(tmp, path));
    // A mismatch means the generator changed: run `npm run fixtures` and commit the result.
    expect(fresh.equals(committed(path)), `${path} differs from the committed file`).toBe(true);
  });

  it("builds the same bytes twice in one process", () => {
    const again = buildFixtures();
    for (const path of written) expect(again.get(path)?.equals(readFileSync(join(tmp, path)))).toBe(true);
  });
});

describe("fixture content", () => {
  it("writes messages with CRLF line ends only and base64 lines of 76 columns at most", () => {
    for (const path of written.filter((p) => p.endsWith(".eml"))) {
      const text = committed(path).toString("utf8");
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      expect(text.split("\r\n").every((line) => line.length <= 998)).toBe(true);
    }
    const eml = committed("incidents/crewe-nantwich-2008.eml").toString("utf8");
    const b64 = eml.split("\r\n").filter((line) => /^[A-Za-z0-9+/=]{60,}$/.test(line));
    expect(Math.max(...b64.map((line) => line.length))).toBe(76);
  });

  it("puts 8,500 voters in the three Crewe and Nantwich workbooks, one with a title row", () => {
    const files = attachmentsOf(committed("incidents/crewe-nantwich-2008.eml"));
    expect([...files.keys()]).toEqual(["Crewe_North.xlsx", "Crewe_South.xlsx", "Nantwich.xlsx"]);
    let voters = 0;
    for (const [name, bytes] of files) {
      const rows = dataRows(bytes);
      const header = rows.findIndex((row) => row[0] === "Elector No");
      expect(header).toBe(name === "Crewe_North.xlsx" ? 2 : 0); // title row, blank row, header
      for (const row of rows.slice(header + 1)) {
        expect(row[7]).toMatch(new RegExp(`^CW\\d{1,2} \\d[${INWARD_LETTERS}]{2}$`));
        if (row[10]) expect(MOSAIC_TYPES).toContain(row[10]);
      }
      voters += rows.length - header - 1;
    }
    expect(voters).toBe(8500);
    const internal = attachmentsOf(committed("incidents/crewe-nantwich-internal.eml"));
    for (const [name, bytes] of files) expect(internal.get(name)?.equals(bytes)).toBe(true);
  });

  it("sends the Newark thank-you to 1,000 distinct outside addresses", () => {
    const head = committed("incidents/newark-2014.eml").toString("utf8").split("\r\n\r\n")[0];
    const unfolded = head.replace(/\r\n[ \t]/g, " ");
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(unfolded)?.[1] ?? "";
    const addresses = [...`${field("To")}, ${field("Cc")}`.matchAll(/[\w.+-]+@[\w.-]+/g)].map((m) => m[0]);
    expect(new Set(addresses).size).toBe(1000);
    expect(addresses.some((a) => a.endsWith("nwkparty.org.uk"))).toBe(false);
  });
});

describe("rng", () => {
  it("repeats from a seed and forks independently of draw order", () => {
    const a = createRng(42);
    const b = createRng(42);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    expect(createRng(42).fork("x").next()).toBe(a.fork("x").next());
  });
});
