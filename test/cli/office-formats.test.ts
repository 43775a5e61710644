// Each office format, as LibreOffice writes it (fixtures/office/make-office-fixtures.ts), carrying a
// 120-voter canvass list blocks a mail to an outside address, and a ward budget does not.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guard, ROOT } from "../helpers/cli.js";
import { draftWith } from "../helpers/drafts.js";

const OFFICE = join(ROOT, "fixtures/office");
/** File name endings, and the type each is read as. */
const TYPES: Record<string, string> = {
  ".docx": "docx",
  ".odt": "odt",
  ".fods": "fods",
  ".slk": "sylk",
  ".xml": "spreadsheetml",
  ".html": "html",
  "-html.xls": "html",
  ".pdf": "pdf",
};
const FORMATS = Object.keys(TYPES);

const draftOf = (file: string) => draftWith([{ filename: file, content: readFileSync(join(OFFICE, file)) }]);

describe("office formats through the CLI", async () => {
  it.each(FORMATS)("guard check blocks a canvass%s to an outside address, allows a budget", async (ext) => {
    const canvass = await guard(["check", "-", "--format", "json"], draftOf(`canvass${ext}`));
    expect(canvass.code).toBe(2);
    const verdict = JSON.parse(canvass.stdout);
    expect(verdict.findings.map((f: { rule: string }) => f.rule)).toContain("sensitive-to-external");
    expect(verdict.attachments[0]).toMatchObject({ type: TYPES[ext], status: "inspected" });
    const budget = await guard(["check", "-"], draftOf(`budget${ext}`));
    expect(budget.stderr).toBe("");
    expect(budget.code).toBe(0);
  });

  it("guard scan reads every format: canvass lists block, budgets pass", async () => {
    const files = (name: string) => FORMATS.map((ext) => join(OFFICE, `${name}${ext}`));
    const canvass = await guard(["scan", ...files("canvass"), "--format", "json"]);
    const scanned = JSON.parse(canvass.stdout).files.map((f: { verdict: string }) => f.verdict);
    expect(scanned).toEqual(FORMATS.map(() => "block"));
    expect(canvass.code).toBe(2);
    expect((await guard(["scan", ...files("budget")])).code).toBe(0);
  });

  it("guard explain shows a document's tables by position, nested ones included", async () => {
    const run = await guard(["explain", join(OFFICE, "canvass.docx")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('table "Table 1" (sheet): 120 data rows');
    expect(run.stdout).toMatch(/"Elector No".*\n\s+tags: pii.elector_number/);
    expect(run.stdout).toContain('table "Table 3"');
  });

  it("guard check skips a scanned PDF as images and names it; a locked one blocks as ENCRYPTED", async () => {
    const scan = await guard(["check", "-"], draftOf("canvass-scan.pdf"));
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain("1 attachment not checked: canvass-scan.pdf (scanned images)");
    const locked = await guard(["check", "-", "--format", "json"], draftOf("canvass-locked.pdf"));
    expect(locked.code).toBe(2);
    expect(JSON.parse(locked.stdout).attachments[0]).toMatchObject({
      status: "uninspectable",
      reason: "ENCRYPTED",
    });
  });

  it("guard explain shows a PDF's tables rebuilt from the page, columns carried over pages", async () => {
    const run = await guard(["explain", join(OFFICE, "canvass.pdf")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('table "Table 1 (page 1)" (sheet): 120 data rows');
    expect(run.stdout).toMatch(/"VI".*\n\s+tags: sensitive.political_opinion/);
  });
});
