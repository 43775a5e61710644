import { describe, expect, it } from "vitest";
import { guardJson } from "../helpers/cli.js";
import { addressLineDraft, appleInlineTxtDraft, outlookDraft } from "../helpers/client-drafts.js";

interface JsonTable {
  name: string;
  rows: number;
  people?: number;
  columns: { header: string | null; tags: string[] }[];
}
interface JsonAttachment {
  filename: string;
  type: string;
  status: string;
  tables: JsonTable[];
}
interface JsonDocument {
  verdict: string;
  findings: { rule: string; attachment?: string }[];
  attachments: JsonAttachment[];
}

const attachment = (json: JsonDocument, filename: string) =>
  json.attachments.find((a) => a.filename === filename);
/** `guard check -` on a draft, with the JSON report. */
const check = async (draft: string) =>
  (await guardJson(["check", "-"], draft)) as { code: number | null; json: JsonDocument };
const tags = (table: JsonTable | undefined) => [...new Set(table?.columns.flatMap((c) => c.tags))].sort();

// The CLI on the three drafts issue 11 names, to an outside address, through `guard check`.
describe("guard check reads the message's own text and its inline parts", () => {
  it("blocks a canvass list pasted as a table into an Outlook message, reported as (body)", async () => {
    const { code, json } = await check(outlookDraft());
    expect(code).toBe(2);
    const body = attachment(json, "(body)");
    expect(body).toMatchObject({ type: "body", status: "inspected" });
    // The plain and HTML forms of one body are one body: its 12 people are counted once.
    expect(json.attachments.filter((a) => a.type === "body")).toHaveLength(1);
    expect(body?.tables.map((t) => t.rows)).toEqual([12]);
    expect(tags(body?.tables[0])).toEqual([
      "pii.address",
      "pii.name",
      "pii.postcode",
      "sensitive.political_opinion",
    ]);
    expect(json.findings).toContainEqual(
      expect.objectContaining({ rule: "sensitive-to-external", attachment: "(body)" }),
    );
  });

  it("blocks an Apple Mail inline .txt (tab-delimited canvass list): an attachment, not body text", async () => {
    const { code, json } = await check(appleInlineTxtDraft());
    expect(code).toBe(2);
    const txt = attachment(json, "Canvass North.txt");
    expect(txt?.status).toBe("inspected");
    expect(txt?.tables[0].rows).toBe(12);
    expect(tags(txt?.tables[0])).toContain("sensitive.political_opinion");
    expect(json.findings).toContainEqual(
      expect.objectContaining({ rule: "sensitive-to-external", attachment: "Canvass North.txt" }),
    );
  });

  it("blocks a line of 300 addresses: 1 row, 300 people", async () => {
    const { code, json } = await check(addressLineDraft(300));
    expect(code).toBe(2);
    const [table] = attachment(json, "(body)")?.tables ?? [];
    expect(table).toMatchObject({ rows: 1, people: 300 });
    expect(json.findings.map((f) => f.rule)).toContain("personal-data-to-external");
  });

  it("allows the same Outlook message to a colleague", async () => {
    const { code } = await guardJson(["check", "-"], outlookDraft("Pat Agent <pat@crewe.ourparty.org.uk>"));
    expect(code).toBe(0);
  });
});
