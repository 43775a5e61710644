import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { nodeHost } from "../node/host.js";
import { readStream } from "../node/read-input.js";
import { runCli } from "./run-cli.js";

declare const GUARD_VERSION: string;

/**
 * A reader that went away (`guard scan . | head`) is no error of guard's: end quietly with the
 * exit code already set by the verdict, instead of Node's unhandled-error trace and status 1.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit();
  });
}

/** Runs the CLI for this process; the only place that writes to its streams and sets its exit status. */
export async function main(argv: string[]): Promise<void> {
  const host = nodeHost({
    cwd: process.cwd(),
    env: process.env,
    home: process.env.HOME || homedir(),
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin: () => readStream(process.stdin),
    stdoutIsTTY: process.stdout.isTTY === true,
    progressStream: process.stderr,
    // How hooks call guard: this node and this checkout's bin/guard.js, by absolute path (clients run with a thin PATH).
    guardCommand: () => [process.execPath, realpathSync(process.argv[1])],
  });
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const result = await runCli(argv, host, GUARD_VERSION);
  process.exitCode = result.exitCode;
  if (result.stdout !== "") process.stdout.write(result.stdout);
  if (result.stderr !== "") process.stderr.write(result.stderr);
}
