import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { err, ok, type Result } from "../model/result.js";
import { describeErrno } from "./describe-errno.js";

/** Where relative paths start and how standard input is read (this process's, unless told). */
export interface InputSource {
  cwd: string;
  readStdin: () => Promise<Uint8Array>;
}

const PROCESS_INPUT: InputSource = { cwd: ".", readStdin: () => readStream(process.stdin) };

/** Bytes of a file, or of standard input for `-`; a one-line reason when they cannot be read. */
export async function readInput(
  path: string,
  source: InputSource = PROCESS_INPUT,
): Promise<Result<Uint8Array>> {
  try {
    if (path === "-") return ok(await source.readStdin());
    return ok(readFileSync(resolve(source.cwd, path)));
  } catch (error) {
    return err(`cannot read ${path}: ${describeErrno(error)}`);
  }
}

/** Reads a stream to its end (a writer into a pipe must never be cut off early). */
export async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
