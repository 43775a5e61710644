import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CANVASS_COLUMNS } from "../../../fixtures/gen/generate-fixtures.js";
import { createRng, toCsv, voterRows, writeEml, writeXlsx } from "../../../fixtures/gen/index.js";
import { project } from "../../../fixtures/gen/people.js";
import { liftLargeBodies } from "../../../src/parse/mail/lift-large-bodies.js";
import { parseDraft } from "../../../src/parse/mail/parse-draft.js";

const rows = project(voterRows(createRng("lift"), 3000), CANVASS_COLUMNS);
const draft = (attachments: { filename: string; content: Buffer; contentType?: string }[]) =>
  writeEml({
    from: "office@cnparty.org.uk",
    to: ["desk@radio-news.example"],
    subject: "Lists",
    date: "Tue, 13 May 2008 16:42:07 +0100",
    messageId: "lift@cnparty.org.uk",
    text: "Attached.",
    attachments,
  });

async function attachmentsOf(bytes: Uint8Array) {
  const parsed = await parseDraft(bytes);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.draft.attachments.map((a) => ({
    filename: a.filename,
    bytes: Buffer.from(a.bytes).toString("base64"),
  }));
}

describe("liftLargeBodies", () => {
  it("gives the same attachments, byte for byte, as parsing the whole message", async () => {
    const book = writeXlsx(rows);
    const csv = toCsv(rows);
    const bytes = draft([
      { filename: "canvass.xlsx", content: book },
      { filename: "canvass.csv", content: csv, contentType: "text/csv" },
      { filename: "small.csv", content: toCsv(rows.slice(0, 3)) },
    ]);
    const lifted = liftLargeBodies(bytes);
    expect(lifted?.bodies.size).toBe(2);
    expect(lifted?.skeleton.length).toBeLessThan(10_000);
    const got = await attachmentsOf(bytes);
    expect(got.map((a) => a.filename)).toEqual(["canvass.xlsx", "canvass.csv", "small.csv"]);
    expect(got[0].bytes).toBe(book.toString("base64"));
    expect(got[1].bytes).toBe(csv.toString("base64"));
  });

  it("leaves the message whole when a lifted body is not clean base64", async () => {
    const bytes = draft([{ filename: "canvass.xlsx", content: writeXlsx(rows) }]);
    const text = Buffer.from(bytes).toString("latin1");
    // A stray character in the middle of the body: atob refuses it, postal-mime skips it.
    const broken = Buffer.from(text.replace(/(\r\n[A-Za-z0-9+/]{76}\r\n)/, "$1!!!\r\n"), "latin1");
    const got = await attachmentsOf(broken);
    expect(got.map((a) => a.filename)).toEqual(["canvass.xlsx"]);
    expect(got[0].bytes.length).toBeGreaterThan(1000);
  });

  it("reads the incident drafts as before", async () => {
    const bytes = readFileSync("fixtures/incidents/crewe-nantwich-2008.eml");
    expect(liftLargeBodies(bytes)?.bodies.size).toBe(3);
    expect((await attachmentsOf(bytes)).map((a) => a.filename)).toEqual([
      "Crewe_North.xlsx",
      "Crewe_South.xlsx",
      "Nantwich.xlsx",
    ]);
  });

  it("lifts nothing from a small message", () => {
    expect(liftLargeBodies(draft([{ filename: "small.csv", content: toCsv(rows.slice(0, 3)) }]))).toBeNull();
  });
});
