// Legacy Word (.doc) as LibreOffice writes it (fixtures/office/make-doc-fixtures.ts): its text is
// read through the piece table, its tables rebuilt from Word's cell marks. And a document named
// .doc, .docx or .odt that is damaged is uninspectable, never passed as clean.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCfb } from "../../src/parse/legacy/cfb.js";
import { readDocText } from "../../src/parse/legacy/read-doc.js";
import { writeCfb } from "../../src/parse/legacy/write-cfb.js";
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

/** canvass.doc written again with its WordDocument stream changed by `edit` (FIB and text in place). */
function editedDoc(edit: (word: Uint8Array, fib: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(fixture("canvass.doc"));
  const opened = openCfb(bytes);
  if (!opened.ok) throw new Error("canvass.doc does not open");
  const entries = opened.cfb.streams.map(({ path }) => {
    const read = opened.cfb.read(path, bytes.length);
    if (!read.ok) throw new Error(path);
    return { path, bytes: read.bytes.slice() };
  });
  const word = entries.find((e) => e.path === "WordDocument")?.bytes as Uint8Array;
  edit(word, new DataView(word.buffer, word.byteOffset, word.byteLength));
  return writeCfb(entries);
}

/** Where FibRgLw97 begins, and the byte after the whole FIB ([MS-DOC] 2.5.1). */
function fibPlaces(fib: DataView): { lw: number; end: number } {
  const lw = 34 + fib.getUint16(32, true) * 2 + 2;
  const fcLcb = lw + fib.getUint16(lw - 2, true) * 4;
  const cswNew = fcLcb + 2 + fib.getUint16(fcLcb, true) * 8;
  return { lw, end: cswNew + 2 + fib.getUint16(cswNew, true) * 2 };
}

describe("legacy Word .doc whose text cannot be read (fail closed)", () => {
  const read = (bytes: Uint8Array) => readDocText(bytes, bytes.length);

  it("the rewritten file still reads as the original does", () => {
    const same = read(editedDoc(() => {}));
    expect(same.ok && same.html.includes("Crewe North canvass returns")).toBe(true);
  });

  it("is CORRUPT when the FIB counts more text than the piece table holds", async () => {
    const longer = editedDoc((_, fib) => {
      const at = fibPlaces(fib).lw + 3 * 4; // ccpText
      fib.setInt32(at, fib.getInt32(at, true) + 5000, true);
    });
    expect(read(longer)).toMatchObject({ ok: false, issue: { code: "CORRUPT" } });
    const attachment = await readAttachment(
      { filename: "c.doc", contentType: "", bytes: longer },
      testContext(),
    );
    expect(attachment).toMatchObject({ status: "uninspectable", reason: { code: "CORRUPT" } });
  });

  it("is CORRUPT, not an empty document, when the pieces point where no text is", () => {
    // The structure stays valid; the characters the pieces name are gone.
    const blank = editedDoc((word, fib) => word.fill(0, fibPlaces(fib).end));
    expect(read(blank)).toEqual({
      ok: false,
      issue: { code: "CORRUPT", path: "", detail: "doc: no text where the pieces point" },
    });
  });

  it("reads a document that is truly empty as read: Apache POI's 51921-Word-Crash067.doc", () => {
    // Its FIB counts one character of main text and 13 of headers, and its one piece holds all 15.
    const poi = join(ROOT, "../shared/corpus/documents/poi/51921-Word-Crash067.doc");
    const bytes = new Uint8Array(readFileSync(poi));
    expect(read(bytes)).toEqual({ ok: true, html: "" });
  });
});
