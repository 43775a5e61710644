import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng, toCsv, wardBudget, writeWorkbook, writeXlsx } from "../../../fixtures/gen/index.js";
import { DEFAULT_LIMITS } from "../../../src/model/limits.js";
import { nodePlatform } from "../../../src/node/platform.js";
import { isOsDebris } from "../../../src/parse/container/is-os-debris.js";
import { readAttachment } from "../../../src/parse/read-attachment.js";
import { contactRows } from "../../helpers/drafts.js";
import { appleDouble, dsStore } from "../../helpers/finder-zip.js";

const utf16 = (text: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
const DESKTOP_INI = "[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-184\r\n";
const voters = toCsv(contactRows(20));
const thumbs = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);

describe("isOsDebris", () => {
  it.each([
    ["__MACOSX/Budget/._ward-budget.xlsx", appleDouble()],
    ["__MACOSX/._ward-budget.xlsx", appleDouble()],
    ["Budget/._ward-budget.xlsx", appleDouble()],
    ["Budget/.DS_Store", dsStore()],
    ["Photos/Thumbs.db", thumbs],
    ["Photos/desktop.ini", utf16(DESKTOP_INI)],
    ["Desktop.ini", new TextEncoder().encode(DESKTOP_INI)],
  ])("ignores %s, whose bytes are what its name says", (path, bytes) => {
    expect(isOsDebris(path, bytes)).toBe(true);
  });

  it.each([
    ["a voter list renamed ._voters.csv", "._voters.csv", voters],
    [
      "a workbook hidden under __MACOSX/",
      "__MACOSX/Budget/voters.xlsx",
      writeWorkbook([{ name: "V", rows: contactRows(5) }]),
    ],
    ["a CSV named .DS_Store", ".DS_Store", voters],
    ["a CSV named Thumbs.db", "Thumbs.db", voters],
    ["a CSV named desktop.ini", "desktop.ini", voters],
    ["an ordinary workbook", "Budget/ward-budget.xlsx", appleDouble()],
  ])("reads %s", (_what, path, bytes) => {
    expect(isOsDebris(path, bytes)).toBe(false);
  });
});

describe("debris inside a tar, as macOS tar (bsdtar) writes ._ files beside each file", () => {
  it("reads the budget and nothing else, with no issue", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-debris-tar-"));
    try {
      writeFileSync(
        join(dir, "ward-budget.xlsx"),
        writeXlsx(wardBudget(createRng("tar")), { sheetName: "Budget" }),
      );
      writeFileSync(join(dir, "._ward-budget.xlsx"), appleDouble());
      writeFileSync(join(dir, ".DS_Store"), dsStore());
      execFileSync("tar", [
        "--sort=name",
        "-cf",
        join(dir, "a.tar"),
        "-C",
        dir,
        "ward-budget.xlsx",
        "._ward-budget.xlsx",
        ".DS_Store",
      ]);
      const read = await readAttachment(
        { filename: "budget.tar", contentType: "", bytes: new Uint8Array(readFileSync(join(dir, "a.tar"))) },
        {
          platform: nodePlatform,
          limits: DEFAULT_LIMITS,
          budget: { remaining: DEFAULT_LIMITS.maxTotalInflatedBytes },
        },
      );
      expect(read.status).toBe("inspected");
      expect(read.issues).toEqual([]);
      expect(read.tables.map((t) => t.name)).toEqual(["ward-budget.xlsx#Budget"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
