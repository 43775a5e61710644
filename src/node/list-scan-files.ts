import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { err, ok, type Result } from "../model/result.js";
import type { LeftOut, ScanTarget } from "../model/scan.js";
import { gitTopLevel, isGitIgnored, listGitFiles, listGitIgnoredFiles, listStagedFiles } from "./run-git.js";
import { SCANNED_EXTENSIONS, walkFiles } from "./walk-files.js";

/** How to choose the files. */
export interface ListOptions {
  cwd: string;
  /** The git top level when the current directory is in a work tree, else the current directory. */
  root: string;
  /** --exclude patterns (.gitignore syntax). */
  excludes: string[];
  /** Only the files staged in git, read as staged. */
  staged: boolean;
  /** False with --no-vcs-ignore: folders are walked whole, .gitignore or not. */
  vcsIgnore?: boolean;
}

/** The name of the ignore file for reviewed files, in .gitignore syntax, in any folder under the root. */
export const IGNORE_FILE = ".guardignore";

const toSlash = (p: string): string => p.split(sep).join("/");

/** The root paths of a scan are reported against: the git top level, else the current directory. */
export const scanRoot = (cwd: string): string => gitTopLevel(cwd) ?? cwd;

/**
 * Lists the files a scan reads. Folders inside a git work tree list what git lists (tracked and
 * untracked files, less what .gitignore excludes); a folder git ignores, or one outside any work
 * tree, is walked whole. Files named directly are always read; inside folders only data-like
 * names. Then .guardignore files and --exclude patterns take out reviewed files, named or not.
 */
export function listScanFiles(
  paths: string[],
  options: ListOptions,
): Result<{ targets: ScanTarget[]; missing: string[]; ignored: number; leftOut: LeftOut }> {
  const found: { abs: string; staged?: ScanTarget["staged"] }[] = [];
  const missing: string[] = [];
  const leftOut: LeftOut = { vcsIgnored: 0, notDataLike: 0 };
  if (options.staged) {
    const top = gitTopLevel(options.cwd);
    const staged = top === null ? null : listStagedFiles(options.cwd, paths);
    if (top === null || staged === null) return err("--staged needs a git work tree");
    for (const path of staged) {
      if (SCANNED_EXTENSIONS.test(path)) found.push({ abs: join(top, path), staged: { top, path } });
    }
  } else {
    for (const p of paths) {
      const abs = resolve(options.cwd, p);
      let isDir: boolean;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        missing.push(p);
        continue;
      }
      if (!isDir) found.push({ abs });
      else
        for (const file of listFolder(abs, options.vcsIgnore !== false, leftOut)) found.push({ abs: file });
    }
  }
  const matcher = ignoreMatcher(options);
  const seen = new Set<string>();
  const targets: ScanTarget[] = [];
  let ignored = 0;
  for (const f of found) {
    if (seen.has(f.abs)) continue;
    seen.add(f.abs);
    const target: ScanTarget = {
      abs: f.abs,
      path: toSlash(relative(options.cwd, f.abs)) || basename(f.abs),
      uri: toSlash(relative(options.root, f.abs)),
      ...(f.staged ? { staged: f.staged } : {}),
    };
    if (matcher(target)) ignored++;
    else targets.push(target);
  }
  targets.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return ok({ targets, missing, ignored, leftOut });
}

/** Whether a path is a file (ls-files lists files deleted from the work tree, and submodules). */
const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The data-like files under a folder, as git sees them when it can (unless `vcsIgnore` is off),
 * counting into `leftOut` what it leaves: data-like files git ignores, names that are not data.
 */
function listFolder(abs: string, vcsIgnore: boolean, leftOut: LeftOut): string[] {
  const listed = !vcsIgnore || isGitIgnored(dirname(abs), basename(abs)) ? null : listGitFiles(abs);
  if (listed === null) {
    const walked = walkFiles([abs]);
    leftOut.notDataLike += walked.notDataLike;
    return walked.files;
  }
  const ignoredData = (listGitIgnoredFiles(abs) ?? []).filter((f) => SCANNED_EXTENSIONS.test(f));
  leftOut.vcsIgnored += ignoredData.filter((f) => isFile(join(abs, f))).length;
  const files = listed.map((f) => join(abs, f)).filter(isFile);
  const data = files.filter((f) => SCANNED_EXTENSIONS.test(f));
  leftOut.notDataLike += files.length - data.length;
  return data;
}

/**
 * Whether a file is set aside: by a .guardignore in the root or any folder between it and the
 * file (deeper files override shallower ones, as with .gitignore), or by an --exclude pattern
 * matched against the path from the current directory or from the root.
 */
function ignoreMatcher(options: ListOptions): (t: ScanTarget) => boolean {
  const cache = new Map<string, Ignore | null>();
  const load = (dir: string): Ignore | null => {
    if (!cache.has(dir)) {
      const file = join(options.root, dir, IGNORE_FILE);
      cache.set(dir, existsSync(file) ? ignore().add(readFileSync(file, "utf8")) : null);
    }
    return cache.get(dir) ?? null;
  };
  const excludes = options.excludes.length > 0 ? ignore().add(options.excludes) : null;
  const inside = (p: string): boolean => p !== "" && !p.startsWith("../") && !p.startsWith("/");
  return (t) => {
    if (excludes && [t.path, t.uri].some((p) => inside(p) && excludes.ignores(p))) return true;
    if (!inside(t.uri)) return false;
    const parts = t.uri.split("/");
    let ignored = false;
    for (let i = 0; i < parts.length; i++) {
      const ig = load(parts.slice(0, i).join("/"));
      if (ig === null) continue;
      const result = ig.test(parts.slice(i).join("/"));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  };
}
