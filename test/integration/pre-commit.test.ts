import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { budgetCsv, hasProgram, voterCsv } from "./mail-kit.js";

// Issue 18, item 4: the CI recipes of docs/scan-ci.md, run as written by the real pre-commit
// (Debian's package) and git, against a clone of this repository on disk: no network.
const present = hasProgram("pre-commit");
const page = readFileSync(join(ROOT, "docs/scan-ci.md"), "utf8");
const blocks = (lang: string): string[] =>
  [...page.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1]);
const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;

/** A scratch git repository with `guard` on PATH, as `npm install -g` leaves it. */
function scratch() {
  const top = mkdtempSync(join(tmpdir(), "guard-precommit-"));
  const bin = join(top, "bin");
  mkdirSync(bin);
  symlinkSync(join(ROOT, "bin/guard.js"), join(bin, "guard"));
  const repo = join(top, "repo");
  const env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    HOME: join(top, "home"),
    PRE_COMMIT_HOME: join(top, "pre-commit-cache"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Agent",
    GIT_AUTHOR_EMAIL: "agent@cnparty.org.uk",
    GIT_COMMITTER_NAME: "Agent",
    GIT_COMMITTER_EMAIL: "agent@cnparty.org.uk",
    GUARD_POLICY: "",
  };
  mkdirSync(join(top, "home"));
  const run = (cmd: string, args: string[]) =>
    spawnSync(cmd, args, { cwd: repo, env, encoding: "utf8", timeout: 120_000 });
  execFileSync("git", ["init", "-q", "-b", "main", repo], { env });
  return { top, repo, env, run };
}

/** Commits `name` holding `text`; the result of `git commit`, hooks and all. */
function commit(s: ReturnType<typeof scratch>, name: string, text: string) {
  writeFileSync(join(s.repo, name), text);
  s.run("git", ["add", name]);
  return s.run("git", ["commit", "-q", "-m", `add ${name}`]);
}

describe.skipIf(!present)("the CI recipes, as written", () => {
  it("pre-commit with the repo: local recipe stops a voter list and lets a budget through", () => {
    const s = scratch();
    writeFileSync(join(s.repo, ".pre-commit-config.yaml"), blocks("yaml")[0]);
    expect(s.run("pre-commit", ["install"]).status).toBe(0);
    const refused = commit(s, "voters.csv", voterCsv(30));
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("sensitive-to-external");
    s.run("git", ["rm", "-q", "--cached", "voters.csv"]);
    const budget = commit(s, "budget.csv", budgetCsv());
    expect(budget.status, budget.stdout + budget.stderr).toBe(0);
  }, 180_000);

  it("pre-commit with this repository's published hook, from a local clone at a commit", () => {
    const s = scratch();
    const clone = join(s.top, "guard-clone");
    execFileSync("git", ["clone", "-q", ROOT, clone], { env: s.env });
    const rev = execFileSync("git", ["rev-parse", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
    const remote = blocks("yaml")[1];
    expect(remote).toContain(`rev: v${version}`);
    const config = remote.replace(/repo: \S+/, `repo: ${clone}`).replace(/rev: \S+/, `rev: ${rev}`);
    writeFileSync(join(s.repo, ".pre-commit-config.yaml"), config);
    writeFileSync(join(s.repo, "voters.csv"), voterCsv(30));
    s.run("git", ["add", "voters.csv", ".pre-commit-config.yaml"]);
    const run = s.run("pre-commit", ["run", "--files", "voters.csv"]);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("sensitive-to-external");
  }, 180_000);

  it("the plain git hook stops a voter list", () => {
    const s = scratch();
    const hook = blocks("sh").find((b) => b.includes(".git/hooks/pre-commit"));
    expect(hook).toBeDefined();
    expect(s.run("sh", ["-c", hook as string]).status).toBe(0);
    const refused = commit(s, "voters.csv", voterCsv(30));
    expect(refused.status).not.toBe(0); // git's own status for a refused commit
    expect(refused.stdout + refused.stderr).toContain("BLOCK");
    expect(s.run("git", ["log", "--oneline"]).status).not.toBe(0); // no commit was made
  }, 120_000);
});
