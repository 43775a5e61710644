import { describe, expect, it } from "vitest";
import {
  CANVASS_COLUMNS,
  createRng,
  project,
  toCsv,
  voterRows,
  writeXlsx,
} from "../../fixtures/gen/index.js";
import { inspectFile } from "../../src/core.js";
import { testEngine } from "../helpers/rules.js";

const engine = testEngine();
const canvass = (n: number) =>
  project(voterRows(createRng("sideways"), n), CANVASS_COLUMNS).map((r) => r.map(String));
/** The list as pasted with "Transpose": field names down column A, one voter per column. */
const turned = (rows: string[][]) => rows[0].map((_, c) => rows.map((r) => r[c]));

describe("sideways tables", () => {
  it.each([
    ["canvass-turned.csv", (rows: string[][]) => toCsv(rows)],
    ["canvass-turned.xlsx", (rows: string[][]) => writeXlsx(rows)],
  ])("%s: 120 voters, one per column, are 120 rows of people and block", async (name, write) => {
    const verdict = await inspectFile(new Uint8Array(write(turned(canvass(120)))), name, engine);
    const [table] = verdict.attachments[0].tables;
    expect(table.raw.turned).toBe(true);
    expect(table.rows).toBe(120);
    expect(table.people).toBe(120);
    const tagged = Object.fromEntries(table.columns.map((c) => [c.header, c.tags]));
    expect(tagged.Surname).toContain("pii.name");
    expect(tagged.VI).toContain("sensitive.political_opinion");
    expect(verdict.findings.map((f) => f.rule)).toContain("sensitive-to-external");
    expect(verdict.action).toBe("block");
  });

  it("reads Excel's widest sheet: 16,383 voters in columns B to XFD", async () => {
    const verdict = await inspectFile(new Uint8Array(toCsv(turned(canvass(16_383)))), "wide.csv", engine);
    expect(verdict.attachments[0].tables[0].rows).toBe(16_383);
  });

  it("leaves an ordinary list alone, even when its first column holds a field name or two", async () => {
    const rows = [
      ["Contacted by", "Surname", "Address", "Phone"],
      ["Phone", "Lee", "1 Mill Lane", "01270 500100"],
      ["Email", "Day", "2 Mill Lane", "01270 500101"],
      ["Phone", "Roe", "3 Mill Lane", "01270 500102"],
      ["Email", "Poe", "4 Mill Lane", "01270 500103"],
    ];
    const verdict = await inspectFile(new Uint8Array(toCsv(rows)), "list.csv", engine);
    expect(verdict.attachments[0].tables[0].raw.turned).toBeUndefined();
    const members = [
      ["Name", "Email"],
      ...Array.from({ length: 30 }, (_, i) => [`Member Alice Brown`, `m${i}@mail.example`]),
    ];
    const list = await inspectFile(new Uint8Array(toCsv(members)), "members.csv", engine);
    expect(list.attachments[0].tables[0].raw.turned).toBeUndefined();
    expect(list.action).toBe("block");
    const plain = await inspectFile(new Uint8Array(toCsv(canvass(30))), "canvass.csv", engine);
    expect(plain.attachments[0].tables[0].raw.turned).toBeUndefined();
    expect(plain.attachments[0].tables[0].rows).toBe(30);
  });
});
