// Legacy Word (.doc) as LibreOffice writes it (fixtures/office/make-doc-fixtures.ts): its text is
// read through the piece table, its tables rebuilt from Word's cell marks. And a document named
// .doc, .docx or .odt that is damaged is uninspectable, never passed as clean.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocText } from "../../src/parse/legacy/read-doc.js";
import { readAttachment } from "../../src/parse/read-attachment.js";
import { guard, guardJson, ROOT } from "../helpers/cli.js";
import { draftWith } from "../helpers/drafts.js";
import { testContext } from "../helpers/read-context.js";

const OFFICE = join(ROOT, "fixtures/office");
const fixture = (name: string) => readFileSync(join(OFFICE, name));

describe("legacy Word .doc", () => {
  it("reads the text and the table, title row and empty cells in place", () => {
    const bytes = new Uint8Array(fixture("canvass.doc"));
    const text = readDocText(bytes, bytes.length);
    if (!text.ok) throw new Error(text.issue.code);
    expect(text.html).toContain("<p>Crewe North canvass returns: the list as discussed.</p>");
    expect(text.html).toContain(
      "<tr><td>Crewe North canvass returns</td></tr><tr><td>Elector No</td><td>Title</td>",
    );
    const rows = text.html.match(/<tr>(?:<td>[^<]*<\/td>){12}<\/tr>/g) ?? [];
    expect(rows.length).toBe(121);
  });

  it("guard check blocks the canvass .doc to an outside address and allows the budget", async () => {
    const canvass = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "canvass.doc", content: fixture("canvass.doc") }]),
    );
    expect(canvass.code).toBe(2);
    expect(canvass.json.findings.map((f: { rule: string }) => f.rule)).toContain("sensitive-to-external");
    expect(canvass.json.attachments[0]).toMatchObject({ type: "doc", status: "inspected" });
    const budget = await guard(
      ["check", "-"],
      draftWith([{ filename: "budget.doc", content: fixture("budget.doc") }]),
    );
    expect(budget.code).toBe(0);
  });

  it("guard scan reads .doc files", async () => {
    expect((await guard(["scan", join(OFFICE, "canvass.doc")])).code).toBe(2);
    expect((await guard(["scan", join(OFFICE, "budget.doc")])).code).toBe(0);
  });

  it("a truncated or damaged .doc, .docx or .odt is uninspectable, never clean", async () => {
    for (const name of [
      "canvass.doc",
      "canvass.docx",
      "canvass.odt",
      "budget.doc",
      "budget.docx",
      "budget.odt",
    ]) {
      const whole = new Uint8Array(fixture(name));
      const cut = whole.slice(0, Math.floor(whole.length / 3));
      const read = await readAttachment({ filename: name, contentType: "", bytes: cut }, testContext());
      expect({ name, status: read.status, code: read.reason?.code }).toEqual({
        name,
        status: "uninspectable",
        code: "CORRUPT",
      });
    }
  });
});
