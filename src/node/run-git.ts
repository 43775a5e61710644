import { spawn, spawnSync } from "node:child_process";
import type { Readable } from "node:stream";

/** Runs git in `cwd`; null when git is missing or fails (outside a work tree, an unknown path). */
function git(cwd: string, args: string[], maxBuffer = 256 * 1024 * 1024): Buffer | null {
  const run = spawnSync("git", args, { cwd, maxBuffer, stdio: ["ignore", "pipe", "ignore"] });
  return run.status === 0 && run.stdout ? run.stdout : null;
}

const splitZ = (out: Buffer): string[] => out.toString("utf8").split("\0").filter(Boolean);

/** The work tree's top folder when `dir` lies inside one, else null. */
export function gitTopLevel(dir: string): string | null {
  const out = git(dir, ["rev-parse", "--show-toplevel"]);
  return out === null ? null : out.toString("utf8").trim() || null;
}

/** Whether git ignores `path` (a .gitignore, .git/info/exclude or the global excludes file). */
export function isGitIgnored(dir: string, path: string): boolean {
  return spawnSync("git", ["check-ignore", "-q", "--", path], { cwd: dir, stdio: "ignore" }).status === 0;
}

/**
 * The files under `dir` that git would not ignore: tracked ones plus untracked ones not excluded
 * by .gitignore, relative to `dir`. Null when `dir` is not inside a work tree.
 */
export function listGitFiles(dir: string): string[] | null {
  const out = git(dir, ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."]);
  // A conflicted file is listed once per stage.
  return out === null ? null : [...new Set(splitZ(out))];
}

/** The untracked files under `dir` that git ignores, relative to `dir`; null outside a work tree. */
export function listGitIgnoredFiles(dir: string): string[] | null {
  const out = git(dir, ["ls-files", "--others", "--ignored", "--exclude-standard", "-z", "--", "."]);
  return out === null ? null : splitZ(out);
}

/**
 * The files staged for the next commit (added, copied, modified, renamed: not deleted), relative
 * to the top of the work tree, limited to `pathspecs` (relative to `cwd`) when some are given.
 */
export function listStagedFiles(cwd: string, pathspecs: string[]): string[] | null {
  const args = ["diff", "--cached", "--name-only", "--diff-filter=ACMR", "--no-renames", "-z"];
  const out = git(cwd, [...args, "--", ...pathspecs]);
  return out === null ? null : splitZ(out);
}

/** The size in bytes of a staged file (`path` from the top of the work tree), or null. */
export function stagedSize(top: string, path: string): number | null {
  const out = git(top, ["cat-file", "-s", `:${path}`]);
  return out === null ? null : Number(out.toString("utf8").trim());
}

/** The staged content of a file, as the commit will hold it (not the work tree's). */
export function readStaged(top: string, path: string, size: number): Uint8Array | null {
  return git(top, ["cat-file", "blob", `:${path}`], size + 1024 * 1024);
}

/** The staged content of a file as a stream, for files too large to hold in memory. */
export function streamStaged(top: string, path: string): Readable {
  const child = spawn("git", ["cat-file", "blob", `:${path}`], {
    cwd: top,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return child.stdout;
}
