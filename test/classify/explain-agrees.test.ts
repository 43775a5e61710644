import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyTable } from "../../src/classify/classify-table.js";
import { readFileTables } from "../../src/core.js";
import type { ClassifiedColumn } from "../../src/model/classified.js";
import type { RawTable } from "../../src/model/table.js";
import { ROOT } from "../helpers/cli.js";
import { loadDetectorSpecs, tableFromColumns, testEngine } from "../helpers/rules.js";

// `explain` records the classifier's own decision, so it cannot drift from it: for every column of
// every table the tests know (fixtures, drafts, incidents, every detector example), the tags are
// exactly the passes explained as `tagged`, and the numbers explained are the evidence's own.
const engine = testEngine();
const { ruleset } = engine;

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

// The shared corpus's sheets agree too (checked once by hand), but reading 240 files in-process is
// too slow for every run: the corpus test already reads them through the CLI.
const files = ["fixtures/files", "fixtures/drafts", "fixtures/incidents"].flatMap((dir) =>
  filesUnder(join(ROOT, dir)),
);

const exampleTables = (): RawTable[] =>
  loadDetectorSpecs().flatMap((spec) =>
    [...spec.examples.match, ...spec.examples.noMatch].map((e) =>
      tableFromColumns([{ header: e.header, values: e.values }, ...e.beside]),
    ),
  );

/** Checks one table: explaining changes nothing, and each column's tags are its tagged passes. */
function expectExplanationAgrees(raw: RawTable): number {
  const plain = classifyTable(raw, ruleset);
  const explained = classifyTable(raw, ruleset, { explain: true });
  expect(explained.columns.map(({ explanation: _, ...c }) => c)).toEqual(plain.columns);
  for (const column of explained.columns) expectColumnAgrees(column);
  return explained.columns.length;
}

function expectColumnAgrees(column: ClassifiedColumn): void {
  const passes = column.explanation?.passes ?? [];
  expect(passes.map((p) => p.detector)).toEqual(ruleset.detectors.map((d) => d.id));
  const tagged = passes.filter((p) => p.outcome === "tagged");
  const byDetector = (a: { detector: string }, b: { detector: string }) =>
    a.detector.localeCompare(b.detector);
  expect(tagged.flatMap((p) => p.evidence ?? []).sort(byDetector)).toEqual(
    [...column.evidence].sort(byDetector),
  );
  expect(tagged.map((p) => p.tag).sort()).toEqual([...column.tags].sort());
  for (const pass of passes) {
    const unscored = ["no-evidence", "headerless", "header-excluded"].includes(pass.outcome);
    expect(pass.evidence === null, `${pass.detector}: ${pass.outcome}`).toBe(unscored);
    const evidence = pass.evidence;
    if (evidence?.valueTest != null) {
      // The evidence's share is that of a test the explanation shows passing (labels may repeat).
      const shares = pass.tests
        .filter((t) => t.label === evidence.valueTest && t.outcome === "passed")
        .map((t) => Math.round((t.hits / t.sampled) * 100) / 100);
      expect(shares).toContain(evidence.valueShare);
    }
  }
}

describe("explain records the classifier's decision", () => {
  it.each(files.map((f) => [relative(ROOT, f), f]))("%s", async (_name, path) => {
    const read = await readFileTables(new Uint8Array(readFileSync(path)), path, engine);
    for (const table of read.tables) expectExplanationAgrees(table);
  });

  it("for every detector example", () => {
    const columns = exampleTables().map(expectExplanationAgrees);
    expect(columns.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });
});
