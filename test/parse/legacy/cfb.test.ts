import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { openCfb } from "../../../src/parse/legacy/cfb.js";

const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

/** A compound file by SheetJS's CFB writer: a small stream in the mini stream, a large one in sectors, storages. */
function sample(): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, "Workbook", bytesOf(70_000, 1));
  XLSX.CFB.utils.cfb_add(cfb, "__substg1.0_0037001F", bytesOf(300, 2));
  XLSX.CFB.utils.cfb_add(cfb, "__attach_version1.0_#00000000/__substg1.0_3707001F", bytesOf(5000, 3));
  XLSX.CFB.utils.cfb_add(cfb, "__attach_version1.0_#00000000/tiny", bytesOf(1, 4));
  return new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as number[]);
}

describe("openCfb", () => {
  it("lists streams with their storage paths and reads each, small and large", () => {
    const opened = openCfb(sample());
    if (!opened.ok) throw new Error(opened.issue.detail);
    const { cfb } = opened;
    const paths = cfb.streams.map((s) => s.path).filter((p) => !p.startsWith("\u0001"));
    expect(paths.sort()).toEqual([
      "Workbook",
      "__attach_version1.0_#00000000/__substg1.0_3707001F",
      "__attach_version1.0_#00000000/tiny",
      "__substg1.0_0037001F",
    ]);
    expect(cfb.read("workbook", 1 << 20)).toEqual({ ok: true, bytes: bytesOf(70_000, 1) });
    expect(cfb.read("__substg1.0_0037001F", 1 << 20)).toEqual({ ok: true, bytes: bytesOf(300, 2) });
    expect(cfb.read("__attach_version1.0_#00000000/__substg1.0_3707001F", 1 << 20)).toEqual({
      ok: true,
      bytes: bytesOf(5000, 3),
    });
    expect(cfb.read("__attach_version1.0_#00000000/tiny", 1 << 20)).toEqual({
      ok: true,
      bytes: bytesOf(1, 4),
    });
  });

  it("refuses a stream over the size cap before reading it, and names a missing one CORRUPT", () => {
    const opened = openCfb(sample());
    if (!opened.ok) throw new Error("not opened");
    expect(opened.cfb.read("Workbook", 69_999)).toEqual({
      ok: false,
      issue: { code: "TOO_LARGE", path: "", detail: "Workbook" },
    });
    expect(opened.cfb.read("Book", 1 << 20)).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
  });

  it("refuses a FAT chain that loops", () => {
    const bytes = sample();
    const view = new DataView(bytes.buffer);
    // Make the first FAT sector's first entries point at themselves.
    const fatSector = view.getUint32(0x4c, true);
    const fatAt = (fatSector + 1) * 512;
    for (let i = 0; i < 128; i++) view.setUint32(fatAt + i * 4, i, true);
    const opened = openCfb(bytes);
    if (opened.ok)
      expect(opened.cfb.read("Workbook", 1 << 20)).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
    else expect(opened.issue.code).toBe("CORRUPT");
  });

  // Real compound files (xls, Outlook msg, Word doc): the same streams and bytes as SheetJS's reader.
  it("reads real compound files as SheetJS's CFB reader does", () => {
    const corpus = "/work/shared/corpus";
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : /\.(xls|msg|doc)$/i.test(name) ? [path] : [];
      });
    let compared = 0;
    const mismatches: string[] = [];
    for (const file of walk(corpus).sort()) {
      if (/clusterfuzz|fuzz|crash|OOM|too_small/i.test(file)) continue;
      const bytes = new Uint8Array(readFileSync(file));
      const opened = openCfb(bytes);
      if (!opened.ok) continue;
      let theirs: { FullPaths: string[]; FileIndex: { type: number; content?: ArrayLike<number> }[] };
      try {
        theirs = XLSX.CFB.read(bytes, { type: "array" });
      } catch {
        continue;
      }
      const expected = new Map<string, Buffer>();
      theirs.FullPaths.forEach((path, i) => {
        const entry = theirs.FileIndex[i];
        if (entry.type === 2)
          expected.set(path.replace(/^[^/]*\//, "").toLowerCase(), Buffer.from(entry.content ?? []));
      });
      for (const stream of opened.cfb.streams) {
        const read = opened.cfb.read(stream.path, 1 << 26);
        const same = read.ok && expected.get(stream.path.toLowerCase())?.equals(read.bytes);
        if (!same) mismatches.push(`${file}: ${stream.path}`);
        compared++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });
});
