import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { guard, ROOT } from "../helpers/cli.js";

// Issue 18, item 5: "errno turned into words everywhere". Every place that writes or reads a file
// for a command (hook install, scan's --output and --baseline, the real sendmail) says what went
// wrong in words, the system's code kept in brackets for searching, never a bare EACCES.
const dir = mkdtempSync(join(tmpdir(), "guard-errno-"));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A bare code standing alone, as `cannot write x: EACCES` printed it. */
const BARE_CODE = /(^|: )E[A-Z]+\s*$/m;

/** A git repository in a fresh folder, owned by `uid` (the user the hook is installed as). */
function makeRepo(name: string, uid: number): string {
  const repo = join(dir, name);
  mkdirSync(repo);
  const init = spawnSync("git", ["init", "-q", repo], { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`git init: ${init.stderr}`);
  if (uid !== process.getuid?.()) spawnSync("chown", ["-R", `${uid}:${uid}`, repo]);
  return repo;
}

describe("system errors in words", () => {
  it("hook install into a read-only .git/hooks says permission denied", () => {
    // root writes through a read-only folder, so as root the install runs as nobody (setpriv,
    // util-linux), as a user whose hooks folder is read-only would.
    const root = process.getuid?.() === 0;
    const uid = root ? 65534 : (process.getuid?.() ?? 0);
    const repo = makeRepo("read-only", uid);
    chmodSync(join(repo, ".git", "hooks"), 0o555);
    const home = join(dir, "home-ro");
    mkdirSync(home);
    if (root) chownSync(home, uid, uid);
    const guardArgs = [process.execPath, join(ROOT, "bin/guard.js"), "hook", "install", "git"];
    const [program, ...args] = root
      ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...guardArgs]
      : guardArgs;
    const run = spawnSync(program, args, {
      cwd: repo,
      env: { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: "1" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toBe(
      `guard: cannot write ${join(repo, ".git", "hooks", "sendemail-validate")}: permission denied (EACCES)\n`,
    );
  });

  it("hook install where a folder should be is a file says so", async () => {
    const repo = makeRepo("hooks-is-a-file", process.getuid?.() ?? 0);
    rmSync(join(repo, ".git", "hooks"), { recursive: true });
    writeFileSync(join(repo, ".git", "hooks"), "not a folder\n");
    const run = await guard(["hook", "install", "git"], undefined, {}, repo);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("a part of the path is not a folder (ENOTDIR)");
    expect(run.stderr).not.toContain("exists; not overwritten");
  });

  it("scan's --output into a folder, and a missing --baseline, are words", async () => {
    const csv = join(dir, "budget.csv");
    writeFileSync(csv, "Ward,Spend\nNorth,100\n");
    const out = await guard(["scan", csv, "--output", dir]);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain(`cannot write ${dir}: is a folder, not a file (EISDIR)`);
    const baseline = await guard(["scan", csv, "--baseline", join(dir, "none.json")]);
    expect(baseline.code).toBe(3);
    expect(baseline.stderr).toContain("no such file or folder (ENOENT)");
    for (const run of [out, baseline]) expect(run.stderr).not.toMatch(BARE_CODE);
  });

  it("a real sendmail that does not exist is named in words, and nothing is sent", async () => {
    const draft = readFileSync(join(ROOT, "fixtures/drafts/clean-minutes.eml"));
    const run = await guard(["sendmail", "--", join(dir, "no-such-sendmail"), "-t"], draft, {
      GUARD_AUDIT_LOG: join(dir, "audit.jsonl"),
    });
    expect(run.code).toBe(70);
    expect(run.stderr).toContain("no such file or folder (ENOENT)");
    expect(run.stderr).not.toMatch(BARE_CODE);
  });
});
