// Drafts as broken or unusual as real mail gets: each is read as a mail client would read it, or
// refused with exit 3 and one line saying why; never a stack trace.
import { describe, expect, it } from "vitest";
import { toCsv } from "../../fixtures/gen/index.js";
import { guard, guardJson } from "../helpers/cli.js";
import { contactRows, rulesOf } from "../helpers/drafts.js";

const CRLF = "\r\n";
const csv = toCsv(contactRows(50, "malformed"));
const b64 = (b: Buffer) => (b.toString("base64").match(/.{1,76}/g) ?? []).join(CRLF);

/** A multipart draft to an outside address; `parts` are raw MIME parts (headers, blank line, body). */
function multipart(parts: string[], opts: { head?: string[]; close?: boolean } = {}): string {
  const head = opts.head ?? ["From: agent@cnparty.org.uk", "To: desk@radio-news.example"];
  const lines = [
    ...head,
    "Subject: lists",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="XYZ"',
    "",
    "--XYZ",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "See attached.",
  ];
  for (const part of parts) lines.push("--XYZ", part);
  if (opts.close !== false) lines.push("--XYZ--", "");
  return lines.join(CRLF);
}

const csvPart = (headers: string[], body = b64(csv)) => [...headers, "", body].join(CRLF);
const BASE64_CSV = ['Content-Type: text/csv; name="voters.csv"', "Content-Transfer-Encoding: base64"];

interface Json {
  findings: { rule: string }[];
  attachments: { filename: string; status: string; tables: { rows: number }[] }[];
}

/** Checks the draft blocks because the voter CSV was read, under the filename given. */
async function expectVotersRead(draft: string | Buffer, filename = "voters.csv") {
  const { code, json, stderr } = await guardJson(["check", "-"], draft);
  expect(stderr).toBe("");
  expect(code).toBe(2);
  expect(rulesOf(json)).toEqual(["personal-data-to-external"]);
  const read = (json as Json).attachments.find((a) => a.filename === filename);
  expect(read, JSON.stringify((json as Json).attachments.map((a) => a.filename))).toBeDefined();
  expect(read?.status).toBe("inspected");
  expect(read?.tables[0].rows).toBe(50);
}

/** Checks a refusal: exit 3 and one line on standard error, no stack. */
async function expectRefused(input: string | Buffer) {
  const { code, stdout, stderr } = await guard(["check", "-"], input);
  expect(code).toBe(3);
  expect(stdout).toBe("");
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return stderr;
}

describe("malformed and unusual drafts", () => {
  it("reads an attachment when the final boundary is missing", async () => {
    await expectVotersRead(multipart([csvPart(BASE64_CSV)], { close: false }));
  });

  it("reads a part whose Content-Transfer-Encoding is unknown as it stands", async () => {
    await expectVotersRead(
      multipart([
        csvPart(
          ['Content-Type: text/csv; name="voters.csv"', "Content-Transfer-Encoding: x-unknown"],
          csv.toString(),
        ),
      ]),
    );
  });

  it("reads a part whose Content-Transfer-Encoding is written oddly (case, blanks)", async () => {
    await expectVotersRead(
      multipart([
        csvPart(['Content-Type: text/csv; name="voters.csv"', "Content-Transfer-Encoding:   BASE64  "]),
      ]),
    );
  });

  it("reads base64 with stray characters, odd line lengths and missing padding", async () => {
    const body = b64(csv)
      .replace(/=+$/, "")
      .replace(/(.{50})/g, "$1!*\r\n");
    await expectVotersRead(multipart([csvPart(BASE64_CSV, body)]));
  });

  it("reads a draft with raw 8-bit UTF-8 headers and filename", async () => {
    const draft = multipart(
      [
        csvPart([
          'Content-Type: text/csv; name="wähler.csv"',
          'Content-Disposition: attachment; filename="wähler.csv"',
          "Content-Transfer-Encoding: base64",
        ]),
      ],
      { head: ["From: Jürgen Groß <agent@cnparty.org.uk>", "To: Zoë Çelik <desk@radio-news.example>"] },
    );
    await expectVotersRead(Buffer.from(draft, "utf8"), "wähler.csv");
  });

  it("reads an RFC 2047 encoded filename", async () => {
    const name = `=?UTF-8?B?${Buffer.from("wähler liste.csv").toString("base64")}?=`;
    await expectVotersRead(
      multipart([
        csvPart([
          `Content-Type: application/octet-stream; name="${name}"`,
          `Content-Disposition: attachment; filename="${name}"`,
          "Content-Transfer-Encoding: base64",
        ]),
      ]),
      "wähler liste.csv",
    );
  });

  it("reads an RFC 2231 encoded filename, whole and in continuations", async () => {
    await expectVotersRead(
      multipart([
        csvPart([
          "Content-Type: application/octet-stream",
          "Content-Disposition: attachment; filename*=UTF-8''w%C3%A4hler.csv",
          "Content-Transfer-Encoding: base64",
        ]),
      ]),
      "wähler.csv",
    );
    await expectVotersRead(
      multipart([
        csvPart([
          "Content-Type: application/octet-stream",
          "Content-Disposition: attachment;",
          " filename*0*=UTF-8''w%C3%A4h;",
          " filename*1=ler.csv",
          "Content-Transfer-Encoding: base64",
        ]),
      ]),
      "wähler.csv",
    );
  });

  it("reads a text/csv part that has no name at all", async () => {
    const { code, json } = await guardJson(
      ["check", "-"],
      multipart([csvPart(["Content-Type: text/csv", "Content-Transfer-Encoding: base64"])]),
    );
    expect(code).toBe(2);
    expect(rulesOf(json)).toEqual(["personal-data-to-external"]);
    expect((json as Json).attachments[0]).toMatchObject({ status: "inspected", tables: [{ rows: 50 }] });
  });

  it("reads an unnamed text/csv attachment with a bare disposition", async () => {
    const { code, json } = await guardJson(
      ["check", "-"],
      multipart([
        csvPart([
          "Content-Type: text/csv",
          "Content-Disposition: attachment",
          "Content-Transfer-Encoding: base64",
        ]),
      ]),
    );
    expect(code).toBe(2);
    expect((json as Json).attachments[0].tables[0].rows).toBe(50);
  });

  it("counts the recipients of every To header when there are two", async () => {
    const draft = multipart([csvPart(BASE64_CSV)], {
      head: ["From: agent@cnparty.org.uk", "To: office@cnparty.org.uk", "To: desk@radio-news.example"],
    });
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(2);
    expect(json.recipients.map((r: { address: string }) => r.address).sort()).toEqual([
      "desk@radio-news.example",
      "office@cnparty.org.uk",
    ]);
  });

  it("reads a message with bare LF line ends", async () => {
    await expectVotersRead(multipart([csvPart(BASE64_CSV)]).replace(/\r\n/g, "\n"));
  });

  it("refuses an empty file with one line, exit 3", async () => {
    expect(await expectRefused("")).toMatch(/empty/i);
    await expectRefused("\r\n\r\n  \n");
  });

  it("refuses bytes that are not a message with one line, exit 3", async () => {
    await expectRefused(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    );
    await expectRefused(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await expectRefused(csv);
  });
});
