import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

/** Runs the CLI as a user would (`node bin/guard.js ARGS`), from the repository root. */
export function guard(args: string[], input?: string | Uint8Array, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, "bin/guard.js"), ...args], {
    cwd: ROOT,
    input,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return {
    code: run.status,
    stdout: run.stdout.toString(),
    stderr: run.stderr.toString(),
    signal: run.signal,
  };
}

/** Runs the CLI with --format json and parses what it printed. */
export function guardJson(args: string[], input?: string | Uint8Array) {
  const run = guard([...args, "--format", "json"], input);
  return { ...run, json: JSON.parse(run.stdout) };
}
