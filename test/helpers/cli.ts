import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.js";
import { nodeHost } from "../../src/node/host.js";

export const ROOT = join(import.meta.dirname, "../..");

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** What a run of the CLI gave: its exit code and what it printed. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in this process, as `node bin/guard.js ARGS` would run it in `cwd` (the repository
 * root unless given), with `input` on standard input and `env` over this process's environment.
 */
export async function guard(
  args: string[],
  input?: string | Uint8Array,
  env: NodeJS.ProcessEnv = {},
  cwd: string = ROOT,
): Promise<CliRun> {
  const fullEnv = { ...process.env, ...env };
  const stdin = typeof input === "string" ? new TextEncoder().encode(input) : (input ?? new Uint8Array());
  const host = nodeHost({
    cwd,
    env: fullEnv,
    home: fullEnv.HOME || homedir(),
    stdinIsTTY: false,
    readStdin: async () => stdin,
    stdoutIsTTY: false,
    guardCommand: () => [process.execPath, join(ROOT, "bin/guard.js")],
  });
  const run = await runCli([process.execPath, join(ROOT, "bin/guard.js"), ...args], host, VERSION);
  return { code: run.exitCode, stdout: run.stdout, stderr: run.stderr };
}

/** The Node host in `cwd` with nothing on standard input and no terminal: for calling app/ directly. */
export function quietHost(cwd: string) {
  return nodeHost({
    cwd,
    env: {},
    home: cwd,
    stdinIsTTY: false,
    readStdin: async () => new Uint8Array(),
    stdoutIsTTY: false,
    guardCommand: () => [],
  });
}

/** Runs the CLI with --format json and parses what it printed. */
export async function guardJson(args: string[], input?: string | Uint8Array) {
  const run = await guard([...args, "--format", "json"], input);
  return { ...run, json: JSON.parse(run.stdout) };
}

/** Runs the CLI as a user would (`node bin/guard.js ARGS`), a whole process: for the few end-to-end tests. */
export function guardProcess(args: string[], input?: string | Uint8Array, env: NodeJS.ProcessEnv = {}) {
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
