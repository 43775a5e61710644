// Contract v2: documents are read for tables like spreadsheets; one guard cannot read (a damaged
// PDF) is uninspectable, named with advice that fits the reason; content that holds no tables (a
// photo, a presentation) is still skipped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guard, guardJson } from "../helpers/cli.js";
import { COLLEAGUES, draftWith, rulesOf } from "../helpers/drafts.js";

const CORPUS = join(import.meta.dirname, "../../../shared/corpus/documents");
const pdf = () => readFileSync(join(CORPUS, "pdfjs/issue7665.pdf"));
/** A PDF header over no document at all: the start of a download that broke off. */
const damaged = () => Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF\n");
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe("documents", () => {
  it("a PDF from pdf.js's own corpus is read: inspected, and with no table in it allowed", async () => {
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "notes.pdf", content: pdf() }]),
    );
    expect(code).toBe(0);
    expect(json.attachments[0]).toMatchObject({ type: "pdf", status: "inspected" });
  });

  it("a damaged PDF is uninspectable, and blocks to an outside address with advice for damage", async () => {
    const draft = draftWith([{ filename: "canvass-print.pdf", content: damaged() }]);
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(2);
    expect(rulesOf(json)).toEqual(["uninspectable-to-external"]);
    expect(json.attachments[0]).toMatchObject({ type: "pdf", status: "uninspectable", reason: "CORRUPT" });
    const text = await guard(["check", "-"], draft);
    expect(text.stdout).toContain("save it again");
    expect(text.stdout).not.toContain("unencrypted");
  });

  it("only warns when it stays inside the organisation", async () => {
    const draft = draftWith([{ filename: "minutes.pdf", content: damaged() }], COLLEAGUES);
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["uninspectable-internal"]);
  });

  it("but a photo holds no tables: skipped, and the draft is allowed", async () => {
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "rally.png", content: PNG }]),
    );
    expect(code).toBe(0);
    expect(json.attachments[0]).toMatchObject({ status: "skipped" });
  });
});
