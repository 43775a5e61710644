import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBody } from "../../../src/parse/body/read-body.js";
import { isUkPhone, isUkPostcode } from "../../../src/validators/index.js";
import {
  APPLE_HTML,
  GMAIL_HTML,
  HEADERS,
  OUTLOOK_HTML,
  OUTLOOK_PLAIN_FORWARD,
  ROWS,
  THUNDERBIRD_HTML,
  THUNDERBIRD_PLAIN,
} from "./client-bodies.js";

const read = (body: { plain?: string; html?: string }, ignore?: Set<string>) =>
  readBody(body, {
    sampleRows: 500,
    checks: { phone: isUkPhone, postcode: isUkPostcode },
    ...(ignore ? { ignore } : {}),
  });

describe("readBody: tables as clients write them", () => {
  it.each([
    ["Outlook HTML (MsoNormalTable, &nbsp;, mso styles)", { html: OUTLOOK_HTML }],
    ["Gmail (Sheets paste with colgroup)", { html: GMAIL_HTML }],
    ["Thunderbird HTML (list quoted in moz-quote-pre)", { html: THUNDERBIRD_HTML }],
    ["Thunderbird plain text (quoted with > )", { plain: THUNDERBIRD_PLAIN }],
    ["Apple Mail HTML (Numbers paste)", { html: APPLE_HTML }],
    ["Outlook plain forward (-----Original Message-----, semicolons)", { plain: OUTLOOK_PLAIN_FORWARD }],
  ])("reads the canvass list from %s", async (_label, body) => {
    const { tables, issues } = await read(body);
    expect(issues).toEqual([]);
    const table = tables.find((t) => t.sample[0]?.[0] === "Surname");
    expect(table?.sample).toEqual([HEADERS, ...ROWS]);
    expect(table?.rowCount).toBe(ROWS.length + 1);
    expect(table?.origin).toBe("body");
  });

  it("keeps the form of a multipart/alternative body that holds more, and does not count people twice", async () => {
    const { tables } = await read({ html: OUTLOOK_HTML, plain: "Hi Alex,\n\nHere are the returns.\n" });
    expect(tables.map((t) => t.rowCount)).toEqual([ROWS.length + 1]);
  });

  it("reads the text around a data table as text: the quoted reply header is no table", async () => {
    const { tables } = await read({ html: OUTLOOK_HTML });
    expect(tables).toHaveLength(1);
  });

  it("reads aligned columns as a plain-text client lays out a range", async () => {
    const text = [
      "Results below:",
      "",
      "Name            Ward        Phone",
      "Jane Smith      North       01270 555123",
      "Bob Jones       South       01270 555124",
      "Ann Taylor      East Side   01270 555125",
      "",
      "Thanks",
    ].join("\n");
    expect((await read({ plain: text })).tables[0].sample).toEqual([
      ["Name", "Ward", "Phone"],
      ["Jane Smith", "North", "01270 555123"],
      ["Bob Jones", "South", "01270 555124"],
      ["Ann Taylor", "East Side", "01270 555125"],
    ]);
  });

  it("leaves prose alone: sentences with commas, double spaces, a signature are no table", async () => {
    const text = [
      "Thanks for coming on Tuesday, it was great to see everyone.",
      "We raised £300, which goes to the fund.  Jane has offered to host.",
      "See you soon, and thanks again, all of you.",
      "",
      "Best Regards,",
      "chianfong cuthbert, Account Manager",
      "Reynolds Associates, LLC",
      "",
      "Chris",
    ].join("\n");
    expect((await read({ plain: text })).tables).toEqual([]);
  });
});

describe("readBody: people, not lines", () => {
  it("counts a line of 300 addresses copied out of a To field as 300 people", async () => {
    const names = ["Jane Smith", "Bob Jones", "Ann Taylor", "Sam Brown", "Mary Wilson"];
    const line = Array.from({ length: 300 }, (_, i) => {
      const name = names[i % names.length];
      return `${name} <${name.toLowerCase().replace(" ", ".")}${i}@example.org>`;
    }).join(", ");
    const [table] = (await read({ plain: `Please add these:\n${line}\n\nCheers` })).tables;
    expect(table.name).toBe("people in the text");
    expect(table.people).toBe(300);
    expect(table.sample.slice(0, 2)).toEqual([
      ["Name", "Email"],
      ["Jane Smith", "jane.smith0@example.org"],
    ]);
  });

  it("counts a list of 40 people written in sentences as 40 people", async () => {
    const names = ["Jane Smith", "Bob Jones", "Ann Taylor", "Sam Brown"];
    const prose = Array.from(
      { length: 40 },
      (_, i) =>
        `${names[i % 4]} lives at ${i + 1} Mill Lane, Crewe CW1 ${(i % 9) + 1}AB and is on 07700 900${String(i).padStart(3, "0")}.`,
    ).join(" ");
    const [table] = (await read({ plain: prose })).tables;
    expect(table.people).toBe(40);
    expect(table.sample.slice(0, 2)).toEqual([
      ["Name", "Phone", "Postcode"],
      ["Jane Smith", "07700 900000", "CW1 1AB"],
    ]);
  });

  it("does not take a signature or two, or the correspondents, for a list", async () => {
    const signature =
      "Jane Smith\nCampaign Manager\nTel: 01270 555123\nMob: 07700 900123\njane@crewe.ourparty.org.uk";
    const thread = `Thanks\n\n${signature}\n\nOn Mon, Alex <alex@radio.example> wrote:\n> ok\n>\n> Alex Marsh\n> 07700 900555`;
    expect((await read({ plain: thread })).tables).toEqual([]);
    const to = Array.from({ length: 6 }, (_, i) => `p${i}@example.org`);
    expect((await read({ plain: to.join(", ") }, new Set(to.map((a) => a.toUpperCase())))).tables).toEqual(
      [],
    );
  });

  it("does not count the people of a table again in the text around it", async () => {
    const text = `Name\tEmail\n${Array.from({ length: 8 }, (_, i) => `P ${i}\tp${i}@example.org`).join("\n")}`;
    expect((await read({ plain: text })).tables.map((t) => t.name)).toEqual(["table 1"]);
  });
});

describe("readBody: bounded and never throwing", () => {
  it("stops at HTML nested past the limit, with a TOO_DEEP issue", async () => {
    expect((await read({ html: "<div>".repeat(100_000) })).issues.map((i) => i.code)).toEqual(["TOO_DEEP"]);
  });

  it("never throws on arbitrary text or markup", async () => {
    const markup = fc.array(
      fc.constantFrom(
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "</table>",
        "<p>",
        "\t",
        ",",
        "a@b.co",
        "\n",
        "  ",
        "x",
        "<pre>",
        "&nbsp;",
        "begin 644 a\n",
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          markup.map((parts) => parts.join("")),
        ),
        async (s) => {
          await read({ html: s, plain: s });
        },
      ),
    );
  });
});
