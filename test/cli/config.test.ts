import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPolicy } from "../../src/node/find-policy.js";
import { guard, guardProcess, ROOT } from "../helpers/cli.js";
import { makeWorld } from "../integration/mail-kit.js";

// Issue 18, item 2: the policy is found by itself, the same way for check, scan, sendmail and the
// hooks, and `guard config` says which file and what is in force.
const voters = readFileSync(join(ROOT, "fixtures/drafts/voters-csv.eml"));
// Lets the voter list through: proves which policy was read by a verdict a user sees.
const LENIENT = [
  "actions:",
  "  sensitive-to-external: off",
  "  personal-data-to-external: off",
  "  some-personal-data-to-external: off",
  "  hidden-personal-data: off",
  "",
].join("\n");

/** A folder tree: repo/.guard.yaml (lenient), repo/sub/voters-csv.eml, an empty home, an elsewhere. */
function tree() {
  const top = mkdtempSync(join(tmpdir(), "guard-config-"));
  const repo = join(top, "repo");
  mkdirSync(join(repo, "sub"), { recursive: true });
  writeFileSync(join(repo, ".guard.yaml"), LENIENT);
  writeFileSync(join(repo, "sub", "voters-csv.eml"), voters);
  const home = join(top, "home");
  const elsewhere = join(top, "elsewhere");
  mkdirSync(home);
  mkdirSync(elsewhere);
  const env = { HOME: home, XDG_CONFIG_HOME: "", GUARD_POLICY: "" };
  return { top, repo, home, elsewhere, env, draft: join(repo, "sub", "voters-csv.eml") };
}

describe("configuration found by itself", () => {
  it("searches in order: --policy, GUARD_POLICY, .guard.yaml upwards, XDG config, /etc, the default", () => {
    const t = tree();
    const etc = join(t.top, "etc");
    mkdirSync(join(etc, "guard"), { recursive: true });
    writeFileSync(join(etc, "guard", "policy.yaml"), "{}\n");
    const xdg = join(t.top, "xdg");
    mkdirSync(join(xdg, "guard"), { recursive: true });
    writeFileSync(join(xdg, "guard", "policy.yaml"), "{}\n");
    const search = (env: Record<string, string>, near?: string) =>
      findPolicy(undefined, { cwd: t.elsewhere, env, home: t.home, near, etc });
    expect(
      findPolicy("p.yaml", { cwd: t.elsewhere, env: { GUARD_POLICY: "/x.yaml" }, home: t.home }),
    ).toEqual({
      kind: "option",
      path: join(t.elsewhere, "p.yaml"),
    });
    expect(search({ GUARD_POLICY: "/x.yaml" }, t.draft)).toEqual({ kind: "env", path: "/x.yaml" });
    expect(search({ XDG_CONFIG_HOME: xdg }, t.draft)).toEqual({
      kind: "project",
      path: join(t.repo, ".guard.yaml"),
    });
    expect(search({ XDG_CONFIG_HOME: xdg }, join(t.repo, "sub"))).toMatchObject({ kind: "project" });
    expect(search({ XDG_CONFIG_HOME: xdg })).toEqual({
      kind: "user",
      path: join(xdg, "guard", "policy.yaml"),
    });
    expect(search({})).toEqual({ kind: "system", path: join(etc, "guard", "policy.yaml") });
    expect(findPolicy(undefined, { cwd: t.elsewhere, env: {}, home: t.home, etc: t.elsewhere })).toEqual({
      kind: "default",
    });
  });

  it("check finds .guard.yaml in a folder above the draft, from any working folder", async () => {
    const t = tree();
    expect((await guard(["check", t.draft], undefined, t.env, t.elsewhere)).code).toBe(0);
    // The same draft outside that tree: the embedded default blocks it.
    expect((await guard(["check", "-"], voters, t.env, t.elsewhere)).code).toBe(2);
    // --policy wins over the found file.
    const strict = join(t.top, "strict.yaml");
    writeFileSync(strict, "{}\n");
    expect((await guard(["check", t.draft, "--policy", strict], undefined, t.env, t.elsewhere)).code).toBe(2);
  });

  it("scan finds the repository's .guard.yaml", async () => {
    const t = tree();
    expect((await guard(["scan", t.repo], undefined, t.env, t.elsewhere)).code).toBe(0);
    expect((await guard(["scan", join(t.repo, "sub")], undefined, t.env, t.elsewhere)).code).toBe(0);
  });

  it("sendmail and the git hook use it too: the working folder's, GUARD_POLICY, or the user's", async () => {
    const t = tree();
    const world = makeWorld();
    const env = { ...world.env, ...t.env };
    const send = (cwd: string, extra: Record<string, string> = {}) =>
      guard(["sendmail", "--", world.recorder, "-t"], voters, { ...env, ...extra }, cwd);
    expect((await send(t.elsewhere)).code).toBe(77);
    expect((await send(t.repo)).code).toBe(0);
    expect((await send(t.elsewhere, { GUARD_POLICY: join(t.repo, ".guard.yaml") })).code).toBe(0);
    const xdg = join(t.top, "xdg");
    mkdirSync(join(xdg, "guard"), { recursive: true });
    writeFileSync(join(xdg, "guard", "policy.yaml"), LENIENT);
    expect((await send(t.elsewhere, { XDG_CONFIG_HOME: xdg })).code).toBe(0);
    const hook = (cwd: string) => guard(["hook", "run", "git", t.draft], undefined, env, cwd);
    expect((await hook(t.elsewhere)).code).toBe(2);
    expect((await hook(t.repo)).code).toBe(0);
  });

  it("`guard config` names the file in force and shows the merged policy", async () => {
    const t = tree();
    const run = await guard(["config", t.draft], undefined, t.env, t.elsewhere);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(join(t.repo, ".guard.yaml"));
    expect(run.stdout).toMatch(/^ {2}sensitive-to-external: off$/m);
    expect(run.stdout).toMatch(/^ {2}personalDataRows: 10$/m); // kept from the default
    const none = await guard(["config"], undefined, t.env, t.elsewhere);
    expect(none.stdout).toMatch(/^# policy: the embedded default/);
    const bad = join(t.top, "bad.yaml");
    writeFileSync(bad, "thresholds:\n  personalDataRows: 0\n");
    const refused = await guard(["config", "--policy", bad], undefined, t.env, t.elsewhere);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("thresholds.personalDataRows");
  });

  it("override.allowed extends the default's list, unless replace: true", async () => {
    const t = tree();
    const allowedWith = async (yaml: string): Promise<string[]> => {
      const file = join(t.top, "override.yaml");
      writeFileSync(file, yaml);
      const run = await guard(
        ["config", "--policy", file, "--format", "json"],
        undefined,
        t.env,
        t.elsewhere,
      );
      return JSON.parse(run.stdout).policy.override.allowed;
    };
    const extended = await allowedWith("override:\n  allowed: [sensitive-to-external]\n");
    expect(extended).toContain("sensitive-to-external");
    expect(extended).toContain("personal-data-to-external");
    const replaced = await allowedWith("override:\n  allowed: [visible-recipients]\n  replace: true\n");
    expect(replaced).toEqual(["visible-recipients"]);
  });

  // The contract (docs/contract.md): without --policy the embedded default applies. Discovery
  // extends that; with no file anywhere, guard must behave exactly as the contract says.
  it.skipIf(existsSync("/etc/guard/policy.yaml") && !process.env.CI)(
    "with no policy file anywhere (a scratch home), check is the contract's embedded default",
    () => {
      // A CI machine is fresh: a system policy there would be a leftover to remove, not a skip.
      expect(existsSync("/etc/guard/policy.yaml"), "/etc/guard/policy.yaml exists on this machine").toBe(
        false,
      );
      const top = mkdtempSync(join(tmpdir(), "guard-nopolicy-"));
      const home = join(top, "home");
      const config = join(top, "config");
      mkdirSync(home);
      mkdirSync(config);
      for (let dir = top; dir !== join(dir, ".."); dir = join(dir, ".."))
        expect(existsSync(join(dir, ".guard.yaml")), `${dir}/.guard.yaml`).toBe(false);
      const env = { HOME: home, XDG_CONFIG_HOME: config, GUARD_POLICY: "" };
      const drafts = ["voters-csv.eml", "small-list.eml"];
      for (const name of drafts)
        writeFileSync(join(top, name), readFileSync(join(ROOT, "fixtures/drafts", name)));
      const check = (name: string, extra: string[] = []) =>
        guardProcess(["check", join(top, name), "--format", "json", ...extra], undefined, env);
      const codes: Record<string, number | null> = {};
      for (const name of drafts) {
        const found = check(name);
        const given = check(name, ["--policy", join(ROOT, "rules/policies/default.yaml")]);
        expect(found.stdout, name).toBe(given.stdout);
        expect(found.code, name).toBe(given.code);
        codes[name] = found.code;
      }
      // The contract's default table: a canvass export to outside blocks, three people's details warn.
      expect(codes).toEqual({ "voters-csv.eml": 2, "small-list.eml": 1 });
      expect(
        JSON.parse(check("voters-csv.eml").stdout).findings.map((f: { rule: string }) => f.rule),
      ).toContain("sensitive-to-external");
      const config_ = guardProcess(["config", top], undefined, env);
      expect(config_.stdout).toMatch(/^# policy: the embedded default/);
    },
  );
});
