import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { inspectFile } from "../core.js";
import type { Verdict } from "../model/verdict.js";
import { loadEngine } from "../node/load-engine.js";
import { walkFiles } from "../node/walk-files.js";
import { strongest } from "../policy/decide.js";
import { formatJson } from "../report/format-json.js";
import { formatText } from "../report/format-text.js";
import type { CommonOptions } from "./check-command.js";
import { exitFor, UsageError } from "./exit-codes.js";

/** `guard scan PATH...`: inspects each file as if sent outside; the exit code is the strongest verdict. */
export async function scanCommand(paths: string[], options: CommonOptions): Promise<number> {
  const loaded = await loadEngine(options.policy);
  if (!loaded.ok) throw new UsageError(loaded.message);
  const { files, missing } = walkFiles(paths);
  if (missing.length > 0) throw new UsageError(`cannot read ${missing.join(", ")}: no such file or folder`);
  const results: { path: string; verdict: Verdict }[] = [];
  for (const path of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    const verdict = await inspectFile(bytes, basename(path), loaded.engine);
    // Report files by the path given, so a user can find them.
    for (const a of verdict.attachments) a.filename = path;
    for (const f of verdict.findings) f.attachment = path;
    results.push({ path, verdict });
  }
  const merged: Verdict = {
    verdict: strongest(results.map((r) => r.verdict.verdict)),
    findings: results.flatMap((r) => r.verdict.findings),
    recipients: [],
    attachments: results.flatMap((r) => r.verdict.attachments),
  };
  if (options.format === "json") process.stdout.write(formatJson(merged));
  else if (options.format === "sarif") throw new UsageError("--format sarif is not available yet");
  else
    process.stdout.write(
      formatText(merged, { subject: `scan of ${files.length} file(s)`, showRecipients: false }),
    );
  return exitFor(merged.verdict);
}
