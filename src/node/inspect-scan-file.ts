import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { type Engine, inspectFile, inspectRead } from "../core.js";
import type { FileType, ReadAttachment } from "../model/attachment.js";
import { limitMet } from "../model/limits.js";
import { err, ok, type Result } from "../model/result.js";
import type { InspectedFile, ScanTarget } from "../model/scan.js";
import type { Verdict } from "../model/verdict.js";
import { isDataLike, sniffType } from "../parse/sniff-type.js";
import { guessDelimiter } from "../parse/text/csv-dialect.js";
import { decodeText } from "../parse/text/decode-text.js";
import { locateHeaderLine } from "../parse/text/locate-header-line.js";
import { readStaged, stagedSize, streamStaged } from "./run-git.js";
import { streamCsv } from "./stream-csv.js";

/** CSVs larger than this are streamed from disk rather than read whole. */
export const STREAM_THRESHOLD = 32 * 1024 * 1024;
/** Bytes of a file's head read to tell its type, encoding and delimiter, and to place its header. */
const HEAD_BYTES = 64 * 1024;
/**
 * Bytes per read while streaming. Measured on a 250 MB voter roll: 64 KiB peaks at ~96 MB RSS and
 * reads ~70 MB/s; 1 MiB chunks peaked at ~205 MB and were slower (bigger garbage per chunk).
 */
const CHUNK_BYTES = 64 * 1024;

const NOT_DATA: FileType[] = ["image", "document"];
const STREAMED: FileType[] = ["csv", "tsv", "text"];

/**
 * Reads and judges one file of a scan: the staged blob with --staged, else the file on disk.
 * A CSV over STREAM_THRESHOLD is streamed and never held whole, so it is not subject to the
 * policy's maxAttachmentBytes (which exists to bound memory); any other file over that limit is
 * uninspectable (TOO_LARGE) without being read.
 */
export async function inspectScanFile(
  target: ScanTarget,
  engine: Engine,
  onBytes: (bytes: number) => void,
): Promise<Result<InspectedFile>> {
  const name = basename(target.abs);
  const size = sizeOf(target);
  if (size === null) return err(`cannot read ${target.path}`);
  if (size <= STREAM_THRESHOLD) {
    const bytes = readWhole(target, size);
    if (bytes === null) return err(`cannot read ${target.path}`);
    onBytes(bytes.length);
    const verdict = await inspectFile(bytes, name, engine);
    return ok({
      verdict,
      headerLines: headerLinesOf(verdict, name, decodeText(bytes.subarray(0, HEAD_BYTES)).text),
    });
  }
  const head = await readHead(target);
  const type = sniffType(head, name);
  const data = !NOT_DATA.includes(type) && (type !== "text" || isDataLike(type, name));
  const base = { filename: name, type, size, issues: [], tables: [] };
  if (data && STREAMED.includes(type)) {
    const late = deadlineOf(engine);
    const open = (): Readable =>
      target.staged
        ? streamStaged(target.staged.top, target.staged.path)
        : createReadStream(target.abs, { highWaterMark: CHUNK_BYTES });
    const streamed = await streamCsv({
      name,
      limits: engine.policy.limits,
      head,
      open,
      onBytes,
      late,
      ...(type === "tsv" ? { delimiter: "\t" } : {}),
    });
    const whole = streamed.result.issues.find((i) => i.path === "");
    const read: ReadAttachment =
      whole && streamed.result.tables.length === 0
        ? { ...base, status: "uninspectable", reason: whole }
        : { ...base, status: "inspected", tables: streamed.result.tables, issues: streamed.result.issues };
    const verdict = inspectRead(read, engine, late);
    return ok({ verdict, headerLines: headerLinesOf(verdict, name, streamed.headText, streamed.delimiter) });
  }
  if (!data) return ok({ verdict: inspectRead({ ...base, status: "skipped" }, engine), headerLines: {} });
  if (size > engine.policy.limits.maxAttachmentBytes) {
    onBytes(size);
    const read: ReadAttachment = {
      ...base,
      status: "uninspectable",
      reason: { code: "TOO_LARGE", path: "", limit: limitMet(engine.policy.limits, "maxAttachmentBytes") },
    };
    return ok({ verdict: inspectRead(read, engine), headerLines: {} });
  }
  const bytes = readWhole(target, size);
  if (bytes === null) return err(`cannot read ${target.path}`);
  onBytes(bytes.length);
  return ok({ verdict: await inspectFile(bytes, name, engine), headerLines: {} });
}

/** The line of the header row of a file's own CSV table, if it is one and the head holds it. */
function headerLinesOf(
  verdict: Verdict,
  name: string,
  headText: string,
  delimiter?: string,
): Record<string, number> {
  const attachment = verdict.attachments[0];
  const table = attachment?.tables.find((t) => t.raw.origin === "csv" && t.raw.name === name);
  // A headerless table has no header line to point at: SARIF then falls back to line 1.
  if (table === undefined || table.headerRow === null) return {};
  const sep = delimiter ?? (attachment.type === "tsv" ? "\t" : guessDelimiter(headText));
  const line = locateHeaderLine(headText, table.headerRow, sep);
  return line === undefined ? {} : { [name]: line };
}

function sizeOf(target: ScanTarget): number | null {
  if (target.staged) return stagedSize(target.staged.top, target.staged.path);
  try {
    return statSync(target.abs).size;
  } catch {
    return null;
  }
}

function readWhole(target: ScanTarget, size: number): Uint8Array | null {
  if (target.staged) return readStaged(target.staged.top, target.staged.path, size);
  try {
    return readFileSync(target.abs);
  } catch {
    return null;
  }
}

/** The first HEAD_BYTES of a file (or of its staged blob). */
async function readHead(target: ScanTarget): Promise<Uint8Array> {
  if (target.staged) {
    const chunks: Buffer[] = [];
    let length = 0;
    const stream = streamStaged(target.staged.top, target.staged.path);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) break;
    }
    stream.destroy();
    return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
  }
  const fd = openSync(target.abs, "r");
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** The file's deadline as a question the streamed reader asks: maxSecondsPerDraft from now. */
function deadlineOf(engine: Engine): () => boolean {
  const { platform } = engine;
  const end = platform.now() + engine.policy.limits.maxSecondsPerDraft * 1000;
  return () => platform.now() > end;
}
