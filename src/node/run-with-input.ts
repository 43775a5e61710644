import { spawn } from "node:child_process";

/**
 * Runs a program with these arguments, writes `input` to its standard input and closes it; its
 * standard output and error go to ours. Resolves to its exit status, or a reason it did not run
 * (not found, killed by a signal).
 */
export function runWithInput(
  command: string,
  args: string[],
  input: Uint8Array,
): Promise<{ ok: true; status: number } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { stdio: ["pipe", "inherit", "inherit"] });
    } catch (error) {
      resolve({ ok: false, message: `cannot run ${command}: ${(error as Error).message}` });
      return;
    }
    child.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, message: `cannot run ${command}: ${error.code ?? error.message}` }),
    );
    // A program that exits without reading everything closes the pipe: its status says what happened.
    child.stdin?.on("error", () => {});
    child.on("close", (status, signal) =>
      resolve(
        status !== null
          ? { ok: true, status }
          : { ok: false, message: `${command} was killed by ${signal ?? "a signal"}` },
      ),
    );
    child.stdin?.end(input);
  });
}
