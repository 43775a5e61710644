import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardProcess, ROOT } from "../helpers/cli.js";

// Most CLI tests call the CLI as a function; these few run `node bin/guard.js` as a user does, so
// the entry point, the bundle, the streams and the exit status are proven end to end.
describe("node bin/guard.js, a whole process", () => {
  it("prints the package version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const run = guardProcess(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it("checks a draft from a file: the report on standard output, exit 2 for a block", () => {
    const run = guardProcess(["check", "fixtures/drafts/voters-csv.eml"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^guard voters-csv\.eml: BLOCK/);
    expect(run.stderr).toBe("");
  });

  it("checks a draft from standard input, as JSON, exit 1 for a warning", () => {
    const run = guardProcess(
      ["check", "-", "--format", "json"],
      readFileSync("fixtures/drafts/small-list.eml"),
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).verdict).toBe("warn");
  });

  it("scans a file: exit 2, one summary line at the end", () => {
    const run = guardProcess(["scan", "fixtures/files/voters.csv"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("voters.csv");
  });

  it("refuses an unknown command with one line on standard error, exit 3", () => {
    const run = guardProcess(["frobnicate"]);
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
