import { spawn } from "node:child_process";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { filesUnder } from "./helpers/files-under.js";

// Real mail and spreadsheet files from other projects' test suites (../shared/corpus/SOURCES.md):
// the CLI must answer each with 0-3, within a time bound, and never with a stack trace.
const CORPUS = join(ROOT, "../shared/corpus");
// A bound for hangs, not a speed test: generous, since a loaded CI machine runs 3x slower.
const PER_FILE_MS = 45_000;

interface Outcome {
  file: string;
  code: number | null;
  signal: string | null;
  stderr: string;
  ms: number;
}

function run(args: string[], files: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, "bin/guard.js"), ...args, ...files], {
      timeout: PER_FILE_MS * files.length,
    });
    let stderr = "";
    child.stdout.resume();
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code, signal) =>
      resolve({
        file: files.map((f) => relative(CORPUS, f)).join(" "),
        code,
        signal,
        stderr,
        ms: Date.now() - started,
      }),
    );
  });
}

/** Runs the CLI over the files, `batch` files a process (scan takes many); a failed batch is rerun file by file. */
async function runAll(args: string[], files: string[], batch = 1, concurrency = 4): Promise<Outcome[]> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += batch) batches.push(files.slice(i, i + batch));
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const group = batches[next++];
      const outcome = await run(args, group);
      if (group.length === 1 || problems([outcome]).length === 0) outcomes.push(outcome);
      else for (const file of group) outcomes.push(await run(args, [file]));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

const problems = (outcomes: Outcome[]) =>
  outcomes
    .filter(
      (o) =>
        o.code === null ||
        o.code > 3 ||
        /\n\s+at /.test(o.stderr) ||
        o.ms >= PER_FILE_MS * o.file.split(" ").length,
    )
    .map((o) => `${o.file}: exit ${o.code} signal ${o.signal} ${o.ms} ms ${o.stderr.slice(0, 200)}`);

describe("the real-world corpus", () => {
  const mail = filesUnder(join(CORPUS, "mail"));
  const sheets = filesUnder(join(CORPUS, "sheets"));
  const documents = filesUnder(join(CORPUS, "documents"));

  it("is there (../shared/corpus beside the clone)", () => {
    expect(mail.length).toBeGreaterThan(100);
    expect(sheets.length).toBeGreaterThan(100);
    expect(documents.length).toBeGreaterThan(50);
  });

  it("guard check answers every mail file with 0-3, no crash, no hang", { timeout: 600_000 }, async () => {
    expect(problems(await runAll(["check"], mail))).toEqual([]);
  });

  it("guard scan answers every spreadsheet file with 0-3, no crash, no hang", {
    timeout: 600_000,
  }, async () => {
    expect(problems(await runAll(["scan"], sheets, 12))).toEqual([]);
  });

  it("guard scan answers every document file (Word, PDF, .msg, tar, vCard, ...) with 0-3, no crash, no hang", {
    timeout: 600_000,
  }, async () => {
    expect(problems(await runAll(["scan"], documents, 12))).toEqual([]);
  });
});
