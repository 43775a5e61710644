import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./cli.js";

/** Runs `node bin/guard.js ARGS` in `cwd`, as a CI step or a hook would. */
export function guardIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, "bin/guard.js"), ...args], {
    cwd,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/** Runs git in `cwd`, failing the test on error. */
export function git(cwd: string, args: string[]): string {
  const run = spawnSync("git", args, {
    cwd,
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.org",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.org",
    },
  });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr.toString()}`);
  return run.stdout.toString();
}
