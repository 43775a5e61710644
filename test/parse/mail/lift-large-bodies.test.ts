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

describe("liftLargeBodies with messages attached whole", () => {
  const inner = (text: string) =>
    writeEml({
      from: "volunteers@cnparty.org.uk",
      to: ["office@cnparty.org.uk"],
      subject: "Volunteer list",
      date: "Mon, 12 May 2008 09:10:00 +0100",
      messageId: "inner@cnparty.org.uk",
      text,
      attachments: [{ filename: "volunteers.xlsx", content: writeXlsx(rows) }],
    });
  // A forward as Thunderbird sends one: the original message as a 7bit message/rfc822 part.
  const forward = (message: Buffer) =>
    Buffer.concat([
      Buffer.from(
        [
          "From: office@cnparty.org.uk",
          "To: desk@radio-news.example",
          "Subject: Fwd: Volunteer list",
          "MIME-Version: 1.0",
          'Content-Type: multipart/mixed; boundary="outer"',
          "",
          "--outer",
          "Content-Type: text/plain",
          "",
          "See below.",
          "--outer",
          "Content-Type: message/rfc822",
          'Content-Disposition: attachment; filename="list.eml"',
          "",
          "",
        ].join("\r\n"),
      ),
      message,
      Buffer.from("\r\n--outer--\r\n"),
    ]);

  // postal-mime hands an attached message over with LF line ends and the line end before the
  // closing delimiter: what a whole parse gives, lifted or not.
  const handedOver = (message: Buffer) =>
    Buffer.from(`${message.toString("latin1").replace(/\r\n/g, "\n")}\n`, "latin1").toString("base64");

  it("gives the attached message whole, its large parts put back", async () => {
    const message = inner("Here is the list.");
    const bytes = forward(message);
    expect(liftLargeBodies(bytes)?.bodies.size).toBe(1);
    const got = await attachmentsOf(bytes);
    expect(got.map((a) => a.filename)).toEqual(["list.eml"]);
    expect(got[0].bytes).toBe(handedOver(message));
    // Read in turn, it carries the workbook intact.
    const again = await attachmentsOf(Buffer.from(got[0].bytes, "base64"));
    expect(again.map((a) => a.filename)).toEqual(["volunteers.xlsx"]);
    expect(again[0].bytes).toBe(writeXlsx(rows).toString("base64"));
  });

  it("is not fooled by a marker's text written into the message", async () => {
    // What the lifted part's placeholder looks like, on a line of its own in the inner text.
    const message = inner(`Odd line:\r\n${btoa("guard-lifted-body-0")}\r\nend.`);
    const got = await attachmentsOf(forward(message));
    expect(got[0].bytes).toBe(handedOver(message));
  });
});
