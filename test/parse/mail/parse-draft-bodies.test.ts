import { describe, expect, it } from "vitest";
import { parseDraft } from "../../../src/parse/mail/parse-draft.js";
import { appleInlineTxtDraft, outlookDraft } from "../../helpers/client-drafts.js";

const parse = async (message: string) => {
  const parsed = await parseDraft(new TextEncoder().encode(message));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.draft;
};

const head = (type: string) =>
  `From: a@example.org\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\nContent-Type: ${type}\r\n\r\n`;
const part = (headers: string[], body: string) => `${headers.join("\r\n")}\r\n\r\n${body}\r\n`;
const multipart = (boundary: string, parts: string[]) =>
  `${parts.map((p) => `--${boundary}\r\n${p}`).join("")}--${boundary}--\r\n`;

describe("parseDraft: bodies and inline parts", () => {
  it("keeps an Outlook multipart/alternative as one body with its plain and HTML forms", async () => {
    const draft = await parse(outlookDraft());
    expect(draft.bodies).toHaveLength(1);
    expect(draft.bodies[0].plain).toContain("Surname\tForename");
    expect(draft.bodies[0].html).toContain("MsoNormalTable");
    expect(draft.attachments).toEqual([]);
  });

  it("makes Apple Mail's inline text/plain part with a filename an attachment, and keeps both text parts", async () => {
    const draft = await parse(appleInlineTxtDraft());
    expect(draft.attachments.map((a) => a.filename)).toEqual(["Canvass North.txt"]);
    expect(new TextDecoder().decode(draft.attachments[0].bytes)).toMatch(/^Surname\tForename/);
    expect(draft.bodies.map((b) => b.plain?.trim())).toEqual(["Hi Alex, the list from Saturday.", "Chris"]);
  });

  it("makes a text part named only in Content-Type an attachment", async () => {
    const message =
      head('multipart/mixed; boundary="b1"') +
      multipart("b1", [
        part(["Content-Type: text/plain"], "Hello"),
        part(['Content-Type: text/plain; name="list.csv"'], "Name,Email\r\nJane,jane@example.org"),
      ]);
    const draft = await parse(message);
    expect(draft.attachments.map((a) => a.filename)).toEqual(["list.csv"]);
    expect(draft.bodies).toEqual([{ plain: "Hello\n" }]);
  });

  it("reads an Apple Mail alternative with a related HTML part (inline image) as one body", async () => {
    const message =
      head('multipart/alternative; boundary="alt"') +
      multipart("alt", [
        part(["Content-Type: text/plain; charset=us-ascii"], "Hi\r\n\r\n[image]"),
        part(
          ['Content-Type: multipart/related; type="text/html"; boundary="rel"'],
          multipart("rel", [
            part(
              ["Content-Type: text/html; charset=us-ascii"],
              '<html><body><div>Hi</div><img src="cid:x"></body></html>',
            ),
            part(
              ["Content-Type: image/png", "Content-ID: <x>", "Content-Disposition: inline; filename=x.png"],
              "iVBORw0KGgo=",
            ),
          ]),
        ),
      ]);
    const draft = await parse(message);
    expect(draft.bodies).toHaveLength(1);
    expect(draft.bodies[0]).toMatchObject({ plain: "Hi\n\n[image]\n" });
    expect(draft.bodies[0].html).toContain("<div>Hi</div>");
    expect(draft.attachments.map((a) => a.filename)).toEqual(["x.png"]);
  });

  it("joins Thunderbird's format=flowed lines back into the lines the sender typed", async () => {
    const message =
      head("text/plain; charset=UTF-8; format=flowed") +
      "Could you call Jane Smith on 07700 900123 about the count on \r\nSaturday?\r\n\r\n> quoted line one \r\n> continues\r\n";
    const draft = await parse(message);
    expect(draft.bodies[0].plain).toContain("about the count on Saturday?");
  });

  it("leaves the diffs of a patch mail to the patch reader", async () => {
    const message =
      head("text/plain") +
      "Add the list\r\n---\r\n data/list.csv | 2 ++\r\n\r\ndiff --git a/data/list.csv b/data/list.csv\r\n--- /dev/null\r\n+++ b/data/list.csv\r\n@@ -0,0 +1,2 @@\r\n+Name,Email\r\n+Jane,jane@example.org\r\n";
    const draft = await parse(message);
    expect(draft.attachments.map((a) => a.filename)).toEqual(["data/list.csv"]);
    expect(draft.bodies[0].plain?.trim()).toBe("Add the list");
  });
});
