import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../../fixtures/gen/index.js";
import { DEFAULT_LIMITS, type Limits } from "../../../src/model/limits.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { isTar, listTarMembers } from "../../../src/parse/container/tar.js";
import { readAttachment } from "../../../src/parse/read-attachment.js";
import { sniffType } from "../../../src/parse/sniff-type.js";
import { contactRows } from "../../helpers/drafts.js";

const LONG_DIR = `exports/${"ward-canvass-returns-".repeat(6)}final`;

/** Archives written by GNU tar (in Debian's base) in each of its formats, from one folder. */
function tarOf(format: "ustar" | "pax" | "gnu" | "v7", gzip = false): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "guard-tar-"));
  const inner = format === "ustar" || format === "v7" ? "exports" : LONG_DIR;
  mkdirSync(join(dir, "src", inner), { recursive: true });
  writeFileSync(join(dir, "src", inner, "voters.csv"), toCsv(contactRows(30)));
  writeFileSync(join(dir, "src", "notes.txt"), "Nothing here.\n");
  const out = join(dir, gzip ? "a.tgz" : "a.tar");
  const flags = [gzip ? "-czf" : "-cf", out, `--format=${format}`, "-C", join(dir, "src"), "."];
  execFileSync("tar", ["--sort=name", "--owner=0", "--group=0", ...flags]);
  return new Uint8Array(readFileSync(out));
}

const read = (filename: string, bytes: Uint8Array, limits: Partial<Limits> = {}) =>
  readAttachment(
    { filename, contentType: "", bytes },
    {
      platform: nodePlatform,
      limits: { ...DEFAULT_LIMITS, ...limits },
      budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
    },
  );

describe("tar archives as containers", () => {
  it.each(["ustar", "v7"] as const)("lists the files of a %s archive, directories passed over", (format) => {
    const bytes = tarOf(format);
    expect(isTar(bytes)).toBe(true);
    const listed = listTarMembers(bytes);
    expect(listed.ok && listed.members.map((m) => m.name)).toEqual(["./exports/voters.csv", "./notes.txt"]);
  });

  it.each(["pax", "gnu"] as const)("keeps names past 100 bytes in %s format", (format) => {
    const listed = listTarMembers(tarOf(format));
    expect(listed.ok && listed.members.map((m) => m.name)).toContain(`./${LONG_DIR}/voters.csv`);
  });

  it("reads the CSV inside a tar, named by its path", async () => {
    const bytes = tarOf("gnu");
    expect(sniffType(bytes, "export")).toBe("tar");
    const result = await read("export", bytes);
    expect(result.type).toBe("tar");
    expect(result.status).toBe("inspected");
    const voters = result.tables.find((t) => t.name.endsWith("voters.csv"));
    expect(voters?.name).toBe(`./${LONG_DIR}/voters.csv`);
    expect(voters?.rowCount).toBe(31);
  });

  it("reads a .tgz through gzip then tar, each a level of depth", async () => {
    const bytes = tarOf("pax", true);
    const result = await read("returns.tgz", bytes);
    expect(result.type).toBe("gzip");
    expect(result.tables.map((t) => t.name)).toContain(`returns.tar/./${LONG_DIR}/voters.csv`);
    const shallow = await read("returns.tgz", bytes, { maxDepth: 1 });
    expect(shallow.status).toBe("uninspectable");
    expect(shallow.reason?.code).toBe("TOO_DEEP");
  });

  it("refuses a truncated archive as CORRUPT rather than reading part of it", async () => {
    const bytes = tarOf("ustar");
    const cut = bytes.subarray(0, 512 * 3 + 100);
    const result = await read("export.tar", cut);
    expect(result.status).toBe("uninspectable");
    expect(result.reason?.code).toBe("CORRUPT");
  });

  it("does not take text for a tar archive", () => {
    expect(isTar(new TextEncoder().encode("Name,Email\n".repeat(100)))).toBe(false);
  });
});
