import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type PolicySource, PROJECT_POLICY } from "../model/policy-source.js";

/** Where a search for the policy starts and which places it knows. */
export interface PolicySearch {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** The path being checked (a draft, a scanned folder); the search for .guard.yaml starts beside it. */
  near?: string;
  /** The system's configuration folder; tests hand in their own. */
  etc?: string;
}

/** The folder a path's .guard.yaml search starts from: a folder itself, a file's own folder. */
function startFolder(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/** The nearest .guard.yaml in `from` or a folder above it, up to the file system's root. */
function findProjectPolicy(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, PROJECT_POLICY);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Which policy file applies, first found wins: `--policy`, `GUARD_POLICY`, `.guard.yaml` beside
 * the checked path or in any folder above it (the repository's), `$XDG_CONFIG_HOME/guard/policy.yaml`
 * (`~/.config/guard/policy.yaml`), `/etc/guard/policy.yaml`; else the embedded default. Check,
 * scan, sendmail and the hooks all ask this one function, so a policy reaches the send path
 * without editing a generated script.
 */
export function findPolicy(option: string | undefined, search: PolicySearch): PolicySource {
  const { cwd, env } = search;
  if (option !== undefined && option !== "") return { kind: "option", path: resolve(cwd, option) };
  if (env.GUARD_POLICY) return { kind: "env", path: resolve(cwd, env.GUARD_POLICY) };
  const near = search.near === undefined || search.near === "-" ? cwd : resolve(cwd, search.near);
  const project = findProjectPolicy(startFolder(near));
  if (project !== null) return { kind: "project", path: project };
  const user = join(env.XDG_CONFIG_HOME || join(search.home, ".config"), "guard", "policy.yaml");
  if (existsSync(user)) return { kind: "user", path: user };
  const system = join(search.etc ?? "/etc", "guard", "policy.yaml");
  if (existsSync(system)) return { kind: "system", path: system };
  return { kind: "default" };
}
