import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Engine } from "../../src/core.js";
import type { RawTable } from "../../src/model/table.js";
import { nodePlatform } from "../../src/node/platform.js";
import { compileDetectors } from "../../src/ruleset/compile-detectors.js";
import { compilePolicy } from "../../src/ruleset/compile-policy.js";
import type { DetectorSpec } from "../../src/ruleset/detector-schema.js";
import {
  parseContextText,
  parseDefaultPolicy,
  parseDetectorFiles,
  parsePolicyText,
} from "../../src/ruleset/parse-rules.js";

const root = join(import.meta.dirname, "../..");

/** The detector specs from rules/detectors, validated (throws with every problem if invalid). */
export function loadDetectorSpecs(): DetectorSpec[] {
  const dir = join(root, "rules/detectors");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ path: `rules/detectors/${f}`, text: readFileSync(join(dir, f), "utf8") }));
  const parsed = parseDetectorFiles(files);
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  return parsed.value;
}

/** The engine the CLI uses, built from the YAML sources rather than dist/. */
export function testEngine(policyYaml?: string): Engine {
  const rulesText = (path: string) => ({ path, text: readFileSync(join(root, path), "utf8") });
  const parsed = parseDefaultPolicy(
    rulesText("rules/policies/default.yaml"),
    rulesText("rules/public-mail-domains.yaml"),
  );
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  let policy = compilePolicy(parsed.value);
  if (policyYaml !== undefined) {
    const extra = parsePolicyText({ path: "test.yaml", text: policyYaml });
    if (!extra.ok) throw new Error(extra.error.join("\n"));
    policy = compilePolicy(extra.value, policy);
  }
  const context = parseContextText({
    path: "rules/context.yaml",
    text: readFileSync(join(root, "rules/context.yaml"), "utf8"),
  });
  if (!context.ok) throw new Error(context.error.join("\n"));
  const ruleset = compileDetectors(loadDetectorSpecs(), context.value, policy.publicMailDomains);
  return { ruleset, policy, platform: nodePlatform };
}

/** A table from rows of cells, as a reader would hand it over. */
export function rawTable(rows: string[][], name = "Sheet1"): RawTable {
  return {
    name,
    origin: "sheet",
    state: "visible",
    sample: rows,
    sampleHidden: rows.map(() => false),
    rowCount: rows.filter((r) => r.some((c) => c.trim() !== "")).length,
    hiddenRowCount: 0,
    hiddenColumns: [],
  };
}

/** Builds a table from columns (header + values), padding shorter columns with "". */
export function tableFromColumns(columns: { header: string | null; values: string[] }[]): RawTable {
  const withHeader = columns.some((c) => c.header !== null);
  const height = Math.max(...columns.map((c) => c.values.length));
  const rows: string[][] = [];
  if (withHeader) rows.push(columns.map((c) => c.header ?? ""));
  for (let i = 0; i < height; i++) rows.push(columns.map((c) => c.values[i] ?? ""));
  return rawTable(rows);
}
