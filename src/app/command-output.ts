import { EXIT } from "./exit-codes.js";

/**
 * What a use case gives back to its front end: the exit code and the text meant for each stream.
 * Only the front end (cli/main.ts) writes it out and sets the exit status, so a use case can be
 * called and checked as a function.
 */
export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A finished command's output. */
export const output = (exitCode: number, stdout = "", stderr = ""): CommandOutput => ({
  exitCode,
  stdout,
  stderr,
});

/** A usage or input problem (wrong options, unreadable input): one line on standard error, exit 3. */
export const usageError = (message: string): CommandOutput => output(EXIT.error, "", `guard: ${message}\n`);
