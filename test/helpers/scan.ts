import { spawnSync } from "node:child_process";
import { type CliRun, guard } from "./cli.js";

/** Runs the CLI in `cwd`, as a CI step or a hook would run `node bin/guard.js ARGS` there. */
export function guardIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return guard(args, undefined, env, cwd);
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
