import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

// The README's way to get `guard` on PATH, as a user does it: pack the package, install the
// tarball into a prefix of its own without network (dist/ is a bundle; the package has no run-time
// dependencies), and run `guard` found on PATH.
const scratch = mkdtempSync(join(tmpdir(), "guard-pack-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** npm with a quiet, offline, throwaway configuration; fails with npm's own words. */
function npm(args: string[], cwd: string): string {
  const env = {
    ...process.env,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
  const run = spawnSync("npm", args, { cwd, env, encoding: "utf8", timeout: 240_000 });
  if (run.status !== 0) throw new Error(`npm ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
  return run.stdout;
}

describe("the packed package, installed", () => {
  it("installs offline into a scratch prefix and `guard check` runs from PATH", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    // A run-time dependency would need the registry at install time: the bundle must carry it.
    expect(
      manifest.dependencies ?? {},
      "move run-time libraries to devDependencies: dist/ bundles them",
    ).toEqual({});
    // --ignore-scripts: dist/ was built by `npm test`; rebuilding it here would race other tests.
    npm(["pack", "--ignore-scripts", "--pack-destination", scratch], ROOT);
    const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const prefix = join(scratch, "prefix");
    npm(["install", "-g", "--offline", "--prefix", prefix, join(scratch, tarball as string)], scratch);

    const env = { ...process.env, PATH: `${join(prefix, "bin")}${delimiter}${process.env.PATH}` };
    const draft = readFileSync(join(ROOT, "fixtures/drafts/voters-csv.eml"));
    const run = spawnSync("guard", ["check", "-"], { cwd: scratch, env, input: draft, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/^guard .*: BLOCK/);
    expect(execFileSync("guard", ["--version"], { env, encoding: "utf8" }).trim()).toBe(manifest.version);
  }, 300_000);
});
