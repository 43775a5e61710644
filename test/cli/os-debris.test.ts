// A ZIP made by macOS Finder carries __MACOSX/._name AppleDouble files and a .DS_Store beside the
// real files: they hold nobody's data and must not make a harmless archive unreadable.
import { describe, expect, it } from "vitest";
import { createRng, toCsv, wardBudget, writeXlsx } from "../../fixtures/gen/index.js";
import { listZipEntries } from "../../src/parse/container/zip.js";
import { guardJson } from "../helpers/cli.js";
import { contactRows, draftWith, rulesOf } from "../helpers/drafts.js";
import { finderZip } from "../helpers/finder-zip.js";

const budget = writeXlsx(wardBudget(createRng("debris")), { sheetName: "Budget" });

describe("a Finder ZIP around a harmless budget", () => {
  const zip = finderZip("Budget", { "ward-budget.xlsx": budget });

  it("is laid out as Finder lays it out", async () => {
    const listed = listZipEntries(zip);
    expect(listed.ok && listed.entries.map((e) => e.name)).toEqual([
      "Budget/",
      "Budget/ward-budget.xlsx",
      "Budget/.DS_Store",
      "__MACOSX/",
      "__MACOSX/Budget/",
      "__MACOSX/Budget/._ward-budget.xlsx",
      "__MACOSX/Budget/._.DS_Store",
    ]);
  });

  it("goes to an outside address with nothing found (exit 0)", async () => {
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "Budget.zip", content: Buffer.from(zip) }]),
    );
    expect(code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.attachments[0]).toMatchObject({ filename: "Budget.zip", type: "zip", status: "inspected" });
    expect(json.attachments[0].issues ?? []).toEqual([]);
    expect(json.attachments[0].tables.map((t: { name: string }) => t.name)).toEqual([
      "Budget/ward-budget.xlsx#Budget",
    ]);
  });

  it("still blocks a voter list that only pretends to be debris", async () => {
    const disguised = finderZip("Budget", {
      "ward-budget.xlsx": budget,
      "._voters.csv": toCsv(contactRows(40)),
    });
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "Budget.zip", content: Buffer.from(disguised) }]),
    );
    expect(code).toBe(2);
    expect(rulesOf(json)).toContain("personal-data-to-external");
  });
});
