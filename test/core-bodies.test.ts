import { describe, expect, it } from "vitest";
import { inspectDraft } from "../src/core.js";
import { outlookDraft } from "./helpers/client-drafts.js";
import { testEngine } from "./helpers/rules.js";

const engine = testEngine();
const inspect = async (message: string) => {
  const result = await inspectDraft(new TextEncoder().encode(message), engine);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

// A CSV of 12 people (names, addresses, postcodes), uuencoded as GNU sharutils writes it: 45 bytes
// a line, a backquote for zero.
const rows = [
  "Surname,Forename,Address,Postcode",
  ...Array.from({ length: 12 }, (_, i) => `Smith,Jane,${i + 1} Mill Lane,CW1 ${(i % 9) + 1}AB`),
];
function uuencode(name: string, text: string): string {
  const bytes = new TextEncoder().encode(text);
  const enc = (n: number) => (n === 0 ? "`" : String.fromCharCode(n + 32));
  const lines = [`begin 644 ${name}`];
  for (let at = 0; at < bytes.length; at += 45) {
    const chunk = bytes.subarray(at, at + 45);
    let line = enc(chunk.length);
    for (let i = 0; i < chunk.length; i += 3) {
      const [a, b = 0, c = 0] = chunk.subarray(i, i + 3);
      line += enc(a >> 2) + enc(((a & 3) << 4) | (b >> 4)) + enc(((b & 15) << 2) | (c >> 6)) + enc(c & 63);
    }
    lines.push(line);
  }
  return [...lines, "`", "end"].join("\n");
}

describe("inspectDraft: the message's text", () => {
  it("reads a file uuencoded in the body as an attachment", async () => {
    const message = `From: a@crewe.ourparty.org.uk\nTo: desk@radio.example\nSubject: list\n\nHere:\n\n${uuencode("voters.csv", rows.join("\n"))}\n`;
    const verdict = await inspect(message);
    const file = verdict.attachments.find((a) => a.filename === "voters.csv");
    expect(file?.status).toBe("inspected");
    expect(file?.tables[0].rows).toBe(12);
    expect(verdict.action).toBe("block");
  });

  it("reads the body of an attached message, named inside it", async () => {
    const inner = outlookDraft();
    const message = [
      "From: pat@crewe.ourparty.org.uk",
      "To: desk@radio.example",
      "Subject: Fwd: Canvass",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="outer"',
      "",
      "--outer",
      "Content-Type: text/plain",
      "",
      "See below.",
      "--outer",
      'Content-Type: message/rfc822; name="Canvass.eml"',
      'Content-Disposition: attachment; filename="Canvass.eml"',
      "",
      inner,
      "--outer--",
      "",
    ].join("\r\n");
    const verdict = await inspect(message);
    const eml = verdict.attachments.find((a) => a.filename === "Canvass.eml");
    expect(eml?.tables.map((t) => t.raw.name)).toEqual(["(body)#table 1"]);
    expect(verdict.findings.map((f) => f.rule)).toContain("sensitive-to-external");
  });
});
