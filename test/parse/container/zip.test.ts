import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Limits } from "../../../src/model/limits.js";
import type { Platform } from "../../../src/model/platform.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { extractZipEntry, listZipEntries, type ZipEntry } from "../../../src/parse/container/zip.js";
import { makeZip, type ZipMember, zeroBomb } from "./make-zip.js";

const MiB = 1024 * 1024;

/** A platform that counts how often it is asked to inflate. */
function countingPlatform(): Platform & { calls: number } {
  const platform = {
    calls: 0,
    inflateRaw(data: Uint8Array, maxBytes: number) {
      platform.calls++;
      return nodePlatform.inflateRaw(data, maxBytes);
    },
    gunzip: nodePlatform.gunzip,
    now: nodePlatform.now,
  };
  return platform;
}

function ctx(limits: Partial<Limits> = {}, platform: Platform = nodePlatform, remaining = 1024 * MiB) {
  return { platform, limits: { ...DEFAULT_LIMITS, ...limits }, budget: { remaining } };
}

function only(members: ZipMember[], options?: { zip64?: boolean }): { bytes: Uint8Array; entry: ZipEntry } {
  const bytes = makeZip(members, options);
  const listing = listZipEntries(bytes);
  if (!listing.ok) throw new Error(listing.issue.code);
  return { bytes, entry: listing.entries[0] };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("listZipEntries", () => {
  it("lists a workbook written by SheetJS", () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["a"]]), "S");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }));
    const listing = listZipEntries(bytes);
    expect(listing.ok).toBe(true);
    if (!listing.ok) return;
    const names = listing.entries.map((e) => e.name);
    expect(names).toContain("xl/workbook.xml");
    expect(names).toContain("xl/worksheets/sheet1.xml");
    const sheet = listing.entries.find((e) => e.name === "xl/worksheets/sheet1.xml") as ZipEntry;
    const out = extractZipEntry(bytes, sheet, ctx());
    expect(out.ok && text(out.bytes)).toContain("<sheetData>");
  });

  it("reads names, methods, sizes and offsets", () => {
    const bytes = makeZip([
      { name: "a.txt", data: "hello hello hello", method: 8 },
      { name: "dir/b.txt", data: "stored", method: 0 },
    ]);
    const listing = listZipEntries(bytes);
    expect(listing).toMatchObject({
      ok: true,
      entries: [
        { name: "a.txt", method: 8, uncompressedSize: 17, localHeaderOffset: 0 },
        { name: "dir/b.txt", method: 0, compressedSize: 6, uncompressedSize: 6 },
      ],
    });
  });

  it("reads ZIP64 sizes and offsets", () => {
    const bytes = makeZip(
      [
        { name: "one", data: "first member" },
        { name: "two", data: "second member" },
      ],
      { zip64: true },
    );
    const listing = listZipEntries(bytes);
    expect(listing.ok).toBe(true);
    if (!listing.ok) return;
    expect(listing.entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ["one", 12],
      ["two", 13],
    ]);
    const out = extractZipEntry(bytes, listing.entries[1], ctx());
    expect(out.ok && text(out.bytes)).toBe("second member");
  });

  it("decodes names without the UTF-8 flag as CP437", () => {
    const bytes = makeZip([{ name: "x", data: "" }]);
    // Clear the UTF-8 flag in the central directory and put 0x81 (CP437 ü) in the name.
    const cd = bytes.length - 22 - 47;
    bytes[cd + 8] = 0;
    bytes[cd + 9] = 0;
    bytes[cd + 46] = 0x81;
    const listing = listZipEntries(bytes);
    expect(listing.ok && listing.entries[0].name).toBe("ü");
  });

  it("finds the end record behind a comment", () => {
    const bytes = makeZip([{ name: "a", data: "x" }]);
    const comment = new TextEncoder().encode("comment PK\x05\x06 inside");
    const withComment = new Uint8Array(bytes.length + comment.length);
    withComment.set(bytes);
    withComment.set(comment, bytes.length);
    new DataView(withComment.buffer).setUint16(bytes.length - 2, comment.length, true);
    expect(listZipEntries(withComment)).toMatchObject({ ok: true, entries: [{ name: "a" }] });
  });

  it.each([
    ["empty", new Uint8Array()],
    ["not a zip", new TextEncoder().encode("name,email\nJane,jane@example.com\n".repeat(10))],
    ["truncated", makeZip([{ name: "a", data: "x".repeat(1000) }]).slice(0, -10)],
  ])("refuses %s as CORRUPT", (_, bytes) => {
    expect(listZipEntries(bytes)).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
  });

  it("refuses a directory that claims more entries than it can hold", () => {
    const bytes = makeZip([{ name: "a", data: "x" }]);
    new DataView(bytes.buffer).setUint16(bytes.length - 12, 60000, true);
    expect(listZipEntries(bytes)).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
  });
});

describe("extractZipEntry", () => {
  it("extracts stored and deflated members and spends the budget", () => {
    const bytes = makeZip([
      { name: "a", data: "deflated ".repeat(100), method: 8 },
      { name: "b", data: "stored", method: 0 },
    ]);
    const listing = listZipEntries(bytes);
    if (!listing.ok) throw new Error("listing");
    const c = ctx();
    const a = extractZipEntry(bytes, listing.entries[0], c);
    const b = extractZipEntry(bytes, listing.entries[1], c);
    expect(a.ok && text(a.bytes)).toBe("deflated ".repeat(100));
    expect(b.ok && text(b.bytes)).toBe("stored");
    expect(c.budget.remaining).toBe(1024 * MiB - 900 - 6);
  });

  it.each([
    ["flag bit 0", { flags: 1 }],
    ["method 99 (AES)", { method: 99 }],
  ])("refuses an encrypted member (%s) as ENCRYPTED", (_, member) => {
    const { bytes, entry } = only([{ name: "secret.csv", data: "a,b", ...member }]);
    expect(extractZipEntry(bytes, entry, ctx())).toMatchObject({
      ok: false,
      issue: { code: "ENCRYPTED", path: "secret.csv" },
    });
  });

  it("refuses a member that claims 10 MB from 1 KB as ZIP_BOMB without inflating", () => {
    const platform = countingPlatform();
    const { bytes, entry } = only([
      { name: "bomb", data: new Uint8Array(1024), raw: new Uint8Array(1024), declaredSize: 10_000_000 },
    ]);
    expect(extractZipEntry(bytes, entry, ctx({}, platform))).toMatchObject({
      ok: false,
      issue: { code: "ZIP_BOMB" },
    });
    expect(platform.calls).toBe(0);
  });

  it("accepts a high ratio below 1 MiB (a sheet of blanks)", () => {
    const { bytes, entry } = only([{ name: "blank", data: new Uint8Array(900_000) }]);
    const out = extractZipEntry(bytes, entry, ctx());
    expect(out.ok && out.bytes.length).toBe(900_000);
  });

  it("refuses 200 MiB of zeros in 200 KB fast, whether or not the directory tells the truth", () => {
    const raw = zeroBomb(200);
    expect(raw.length).toBeLessThan(250_000);
    const start = performance.now();
    const honest = only([{ name: "honest", data: new Uint8Array(), raw, declaredSize: 200 * MiB }]);
    expect(extractZipEntry(honest.bytes, honest.entry, ctx())).toMatchObject({
      ok: false,
      issue: { code: "ZIP_BOMB" },
    });
    const lying = only([{ name: "lying", data: new Uint8Array(), raw, declaredSize: 1000 }]);
    const c = ctx();
    expect(extractZipEntry(lying.bytes, lying.entry, c)).toMatchObject({
      ok: false,
      issue: { code: "ZIP_BOMB" },
    });
    expect(c.budget.remaining).toBe(1024 * MiB);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("refuses members over maxPartBytes or the remaining budget as TOO_LARGE", () => {
    const { bytes, entry } = only([{ name: "big", data: "x".repeat(5000), method: 0 }]);
    expect(extractZipEntry(bytes, entry, ctx({ maxPartBytes: 4000 }))).toMatchObject({
      ok: false,
      issue: { code: "TOO_LARGE" },
    });
    expect(extractZipEntry(bytes, entry, ctx({}, nodePlatform, 4000))).toMatchObject({
      ok: false,
      issue: { code: "TOO_LARGE" },
    });
    // A deflated member whose directory understates its size is stopped by the inflater's cap.
    const lying = only([{ name: "lying", data: "abcdefgh".repeat(5000), declaredSize: 10 }]);
    expect(extractZipEntry(lying.bytes, lying.entry, ctx({ maxPartBytes: 4000 }))).toMatchObject({
      ok: false,
      issue: { code: "TOO_LARGE" },
    });
  });

  it.each<[string, ZipMember, (bytes: Uint8Array) => void]>([
    ["bad local header", { name: "a", data: "x" }, (b) => b.fill(0, 0, 4)],
    ["bad deflate data", { name: "a", data: "x", raw: Uint8Array.of(0xff, 0xff, 0xff) }, () => {}],
    ["unsupported method", { name: "a", data: "x", method: 12 }, () => {}],
    ["data past the end", { name: "a", data: "x", declaredCompressed: 1_000_000 }, () => {}],
  ])("refuses %s as CORRUPT", (_, member, damage) => {
    const { bytes, entry } = only([member]);
    damage(bytes);
    expect(extractZipEntry(bytes, entry, ctx())).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
  });

  it("never throws on arbitrary bytes", () => {
    const sample = makeZip([
      { name: "a.xml", data: "<a>text</a>".repeat(20) },
      { name: "b", data: "stored", method: 0 },
    ]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          // Damage a real archive so the parser gets past the signatures.
          fc
            .tuple(fc.nat(sample.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(sample.length))
            .map(([at, value, cut]) => {
              const copy = sample.slice(0, Math.max(cut, at + 1));
              copy[at] = value;
              return copy;
            }),
        ),
        (bytes) => {
          const listing = listZipEntries(bytes);
          if (listing.ok) for (const entry of listing.entries) extractZipEntry(bytes, entry, ctx());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
