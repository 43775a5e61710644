import { spawn } from "node:child_process";
import type { ProgramRun } from "../model/program-run.js";
import { err, ok, type Result } from "../model/result.js";
import { describeErrno } from "./describe-errno.js";

/**
 * Runs a program with these arguments, writes `input` to its standard input and closes it, and
 * collects what it prints, so the caller can put its own words before the program's. Resolves to
 * its exit status and output, or a reason it did not run (not found, killed by a signal).
 */
export function runWithInput(
  command: string,
  args: string[],
  input: Uint8Array,
  where: { cwd?: string; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<Result<ProgramRun>> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { cwd: where.cwd, env: where.env, stdio: ["pipe", "pipe", "pipe"] });
    } catch (error) {
      resolve(err(`cannot run ${command}: ${describeErrno(error)}`));
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      resolve(err(`cannot run ${command}: ${describeErrno(error)}`)),
    );
    // A program that exits without reading everything closes the pipe: its status says what happened.
    child.stdin?.on("error", () => {});
    child.on("close", (status, signal) =>
      resolve(
        status !== null
          ? ok({
              status,
              stdout: Buffer.concat(stdout).toString("utf8"),
              stderr: Buffer.concat(stderr).toString("utf8"),
            })
          : err(`${command} was killed by ${signal ?? "a signal"}`),
      ),
    );
    child.stdin?.end(input);
  });
}
