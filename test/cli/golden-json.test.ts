import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guard, ROOT } from "../helpers/cli.js";

// The contract's JSON, recorded whole: command, output and exit code. A change to any field shows
// up here as a diff to review; UPDATE_GOLDEN=1 rewrites the files after a deliberate change.
const GOLDEN: [string, string[]][] = [
  ["check-small-list.json", ["check", "fixtures/drafts/small-list.eml", "--format", "json"]],
  ["check-election-results.json", ["check", "fixtures/drafts/election-results.eml", "--format", "json"]],
  ["check-voters-csv.json", ["check", "fixtures/drafts/voters-csv.eml", "--format", "json"]],
  ["scan-canvass.json", ["scan", "fixtures/files/canvass.xlsx", "--format", "json"]],
];

describe("golden JSON reports", () => {
  it.each(GOLDEN)("guard %s", async (golden, args) => {
    const run = await guard(args);
    const text = `${JSON.stringify({ command: `guard ${args.join(" ")}`, exitCode: run.code, output: JSON.parse(run.stdout) }, null, 2)}\n`;
    const path = join(ROOT, "test/golden", golden);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, text);
    expect(text).toBe(readFileSync(path, "utf8"));
  });
});
