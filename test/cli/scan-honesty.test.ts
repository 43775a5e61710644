import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guard } from "../helpers/cli.js";
import { voterCsv } from "../integration/mail-kit.js";

// Issue 18, item 6: what a scan leaves out is counted, and a scan that read nothing says so.
/** A git work tree whose .gitignore holds *.csv, with a voter list and some notes under data/. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), "guard-honest-"));
  execFileSync("git", ["init", "-q", dir]);
  writeFileSync(join(dir, ".gitignore"), "*.csv\n");
  mkdirSync(join(dir, "data"));
  writeFileSync(join(dir, "data", "voters.csv"), voterCsv(30));
  writeFileSync(join(dir, "data", "canvass.csv"), voterCsv(12));
  writeFileSync(join(dir, "data", "notes.md"), "Exported on Monday.\n");
  return dir;
}
const env = { GIT_CONFIG_NOSYSTEM: "1", GUARD_POLICY: "" };

describe("scan honesty", () => {
  it("a folder whose data files .gitignore excludes reads nothing: it says so, exit 3", async () => {
    const dir = repo();
    const run = await guard(["scan", "data"], undefined, env, dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("nothing was read");
    expect(run.stderr).toContain("2 left out by .gitignore: --no-vcs-ignore reads them");
    expect(run.stderr).toContain("1 not data-like");
  });

  it("--allow-empty accepts the empty scan; --no-vcs-ignore reads the ignored files", async () => {
    const dir = repo();
    const empty = await guard(["scan", "data", "--allow-empty"], undefined, env, dir);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^0 files, .*\(2 left out by \.gitignore/m);
    const all = await guard(["scan", "data", "--no-vcs-ignore"], undefined, env, dir);
    expect(all.code).toBe(2);
    expect(all.stdout).toContain("data/voters.csv: BLOCK");
    expect(all.stdout.trimEnd().split("\n").at(-1)).toBe(
      "2 files, 2 blocked, 0 warned, 0 allowed (1 not data-like)",
    );
  });

  it("the JSON report counts what was left out", async () => {
    const dir = repo();
    writeFileSync(join(dir, "data", "budget.xlsx.txt"), "Ward\tSpend\nNorth\t100\n");
    const run = await guard(["scan", "data", "--format", "json"], undefined, env, dir);
    expect(JSON.parse(run.stdout).leftOut).toEqual({ vcsIgnored: 2, notDataLike: 1 });
  });
});
