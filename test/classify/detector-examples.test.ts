import { describe, expect, it } from "vitest";
import { classifyTable } from "../../src/classify/classify-table.js";
import { loadDetectorSpecs, tableFromColumns, testEngine } from "../helpers/rules.js";

// Every detector proves itself on its own examples: a detector that misses one cannot land.
const specs = loadDetectorSpecs();
const { ruleset } = testEngine();

describe.each(specs.map((s) => [s.id, s] as const))("detector %s", (_id, spec) => {
  const tagsOfFirstColumn = (example: (typeof spec.examples.match)[number]) => {
    const table = tableFromColumns([{ header: example.header, values: example.values }, ...example.beside]);
    const column = classifyTable(table, ruleset).columns.find((c) => c.index === 0);
    return column?.tags ?? [];
  };

  it.each(spec.examples.match.map((e, i) => [i, e] as const))("tags match example %i", (_i, example) => {
    expect(tagsOfFirstColumn(example)).toContain(spec.tag);
  });

  it.each(spec.examples.noMatch.map((e, i) => [i, e] as const))(
    "does not tag noMatch example %i",
    (_i, example) => {
      // A noMatch example must not be tagged by this detector (another detector may still tag it).
      const table = tableFromColumns([{ header: example.header, values: example.values }, ...example.beside]);
      const column = classifyTable(table, ruleset).columns.find((c) => c.index === 0);
      expect(column?.evidence.map((e) => e.detector) ?? []).not.toContain(spec.id);
    },
  );
});
