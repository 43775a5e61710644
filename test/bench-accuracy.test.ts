import { describe, expect, it } from "vitest";
import { IN_PROCESS_WRITERS, labelledTables } from "../fixtures/gen/labelled.js";
import { evaluate, formatReport, summarise } from "../scripts/accuracy/evaluate.js";
import { testEngine } from "./helpers/rules.js";

// A reduced run of `npm run bench:accuracy`: about 30 small tables, in-process writers only.
// The accuracy targets are the benchmark's business; here the code must run, the labels must be
// consistent with the rows, and no table about no one may block.
const tables = labelledTables({ scale: 0.1, maxRows: 30, writers: IN_PROCESS_WRITERS });

describe("labelled set", () => {
  it("is deterministic", () => {
    const again = labelledTables({ scale: 0.1, maxRows: 30, writers: IN_PROCESS_WRITERS });
    expect(JSON.stringify(again)).toBe(JSON.stringify(tables));
  });

  it("labels every column of every table, by index", () => {
    for (const t of tables) {
      const width = Math.max(...t.rows.map((r) => r.length));
      expect(
        t.columns.map((c) => c.index),
        t.id,
      ).toEqual([...Array(width).keys()]);
      const headerless = t.columns.every((c) => c.header === null);
      expect(headerless, t.id).toBe(t.traits.includes("headerless"));
      if (!headerless)
        expect(
          t.rows.some((r) => r.join("|") === t.columns.map((c) => c.header).join("|")),
          t.id,
        ).toBe(true);
      if (t.hardNegative) expect(t.expected, t.id).toBe("allow");
    }
  });

  it("covers people and hard negatives", () => {
    expect(tables.filter((t) => t.hardNegative).length).toBeGreaterThan(5);
    expect(tables.filter((t) => t.expected === "block").length).toBeGreaterThan(5);
  });
});

describe("bench:accuracy (reduced)", () => {
  it("scores the set and never blocks a hard negative", async () => {
    const report = await evaluate(tables, testEngine());
    const summary = summarise(report);
    const text = formatReport(report);
    expect(summary.tables).toBe(tables.length);
    expect(text.split("\n").at(-1)).toMatch(
      /^accuracy: tags_precision=\d\.\d\d tags_recall=\d\.\d\d verdict_accuracy=\d\.\d\d hard_negative_blocks=\d+ tables=\d+$/,
    );
    const blocked = report.outcomes.filter((o) => o.table.hardNegative && o.verdict === "block");
    expect(blocked.map((o) => o.table.id)).toEqual([]);
  });
});
