import { readFileSync } from "node:fs";

/** Bytes of a file, or of standard input for `-`; a one-line reason when they cannot be read. */
export async function readInput(
  path: string,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  try {
    if (path === "-") return { ok: true, bytes: await readStream(process.stdin) };
    return { ok: true, bytes: readFileSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder"
          : code === "EACCES"
            ? "permission denied"
            : String(code ?? error);
    return { ok: false, message: `cannot read ${path}: ${reason}` };
  }
}

/** Reads a stream to its end (a writer into a pipe must never be cut off early). */
export async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
