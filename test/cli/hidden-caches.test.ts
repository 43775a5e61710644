// Personal data kept only where no one opening the workbook sees it (a chart's cached points, a
// linked workbook's cached cells), sent outside: guard check must block and say where it sits.
import { describe, expect, it } from "vitest";
import { contacts, createRng } from "../../fixtures/gen/index.js";
import { cacheBook, chartXml, externalLinkXml } from "../helpers/cache-book.js";
import { guard, guardJson } from "../helpers/cli.js";
import { draftWith } from "../helpers/drafts.js";
import { expectHiddenBlock } from "../helpers/hidden.js";

/** Harmless figures about wards, no one in them. */
const TOTALS = [
  ["Ward", "Volunteers", "Leaflets delivered"],
  ["Crewe North", "14", "820"],
  ["Crewe South", "11", "640"],
];

const people = contacts(createRng("hidden-caches"), 25);

describe("personal data in a workbook's caches, through guard check", () => {
  it("blocks 25 volunteers kept only in a chart's cached categories, and names the chart", async () => {
    // A chart of leaflets delivered per volunteer, its category axis over two columns (name, email).
    const chart = chartXml([
      {
        name: "Leaflets delivered",
        categories: [people.map((p) => `${p.forename} ${p.surname}`), people.map((p) => p.email)],
        values: people.map((_, i) => 40 + i),
      },
    ]);
    const book = cacheBook({ rows: TOTALS, charts: [chart] });
    const draft = draftWith([{ filename: "leaflets.xlsx", content: Buffer.from(book) }]);
    const json = await expectHiddenBlock(draft, "chart 1", "a chart's cached data");
    const table = json.attachments[0].tables.find((t: { name: string }) => t.name === "chart 1");
    expect(table.origin).toBe("chart-cache");
    const text = (await guard(["check", "-"], draft)).stdout;
    expect(text).toContain('hidden-personal-data  (leaflets.xlsx > "chart 1")');
  });

  it("blocks 25 members kept only in an external link's cached sheet, and names the link and sheet", async () => {
    const link = externalLinkXml([
      {
        name: "Members",
        rows: [
          ["Name", "Email", "Ward"],
          ...people.map((p, i) => [`${p.forename} ${p.surname}`, p.email, TOTALS[1 + (i % 2)][0]]),
        ],
      },
    ]);
    const book = cacheBook({ rows: TOTALS, externalLinks: [link] });
    const draft = draftWith([{ filename: "totals.xlsx", content: Buffer.from(book) }]);
    const json = await expectHiddenBlock(
      draft,
      "external link 1#Members",
      "a cached copy of another workbook linked from this one",
    );
    const table = json.attachments[0].tables.find(
      (t: { name: string }) => t.name === "external link 1#Members",
    );
    expect(table).toMatchObject({ origin: "external-link-cache", rows: 25 });
  });

  it("allows the same workbook's totals without the caches", async () => {
    const draft = draftWith([{ filename: "totals.xlsx", content: Buffer.from(cacheBook({ rows: TOTALS })) }]);
    expect((await guardJson(["check", "-"], draft)).code).toBe(0);
  });
});
