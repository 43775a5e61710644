import { describe, expect, it } from "vitest";
import { toCsv, writeWorkbook } from "../../../fixtures/gen/index.js";
import { isOsDebris } from "../../../src/parse/container/is-os-debris.js";
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
