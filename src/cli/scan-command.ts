import { readFileSync, writeFileSync } from "node:fs";
import type { Action } from "../model/policy.js";
import type { ScanFinding, ScannedFile, ScanResult } from "../model/scan.js";
import { sha256 } from "../node/digest.js";
import { inspectScanFile } from "../node/inspect-scan-file.js";
import { listScanFiles, scanRoot } from "../node/list-scan-files.js";
import { loadEngine } from "../node/load-engine.js";
import { showProgress } from "../node/show-progress.js";
import { applyBaseline, parseBaseline } from "../policy/apply-baseline.js";
import { RANK, strongest } from "../policy/decide.js";
import { fingerprintFinding } from "../policy/fingerprint-finding.js";
import { baselineOf, formatBaseline } from "../report/format-baseline.js";
import { formatSarif } from "../report/format-sarif.js";
import { formatScanJson } from "../report/format-scan-json.js";
import { formatScanText, summaryLine } from "../report/format-scan-text.js";
import type { CommonOptions } from "./check-command.js";
import { EXIT, exitFor, UsageError } from "./exit-codes.js";

declare const GUARD_VERSION: string;

/** Options of `guard scan`. */
export interface ScanOptions extends CommonOptions {
  exclude: string[];
  staged?: boolean;
  /** The weakest verdict that fails the step; below it the exit is 0. */
  failOn: "warn" | "block" | "never";
  output?: string;
  baseline?: string;
  writeBaseline?: string;
  /** False with --no-color. */
  color: boolean;
}

const FAIL_RANK = { warn: 1, block: 2, never: 3 } as const;

/**
 * The exit code: the contract's code for the verdict (1 warn, 2 block) when the verdict reaches
 * --fail-on, else 0. The default, warn, is the contract's mapping unchanged; `--fail-on block`
 * lets warnings pass a CI step, `--fail-on never` only reports. Errors are 3 whatever it says.
 */
export function scanExitCode(verdict: Action, failOn: ScanOptions["failOn"]): number {
  return RANK[verdict] >= FAIL_RANK[failOn] ? exitFor(verdict) : EXIT.allow;
}

function readAccepted(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const parsed = parseBaseline(text);
  if (!parsed.ok) throw new UsageError(`invalid baseline ${path}: ${parsed.problem}`);
  return new Set(parsed.baseline.accepted.map((e) => e.fingerprint));
}

function writeOut(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/** `guard scan PATH...`: inspects each file as if sent outside; see scanExitCode for the exit. */
export async function scanCommand(paths: string[], options: ScanOptions): Promise<number> {
  if (paths.length === 0 && !options.staged)
    throw new UsageError("give files or folders to scan, or --staged");
  const loaded = await loadEngine(options.policy);
  if (!loaded.ok) throw new UsageError(loaded.message);
  const { engine } = loaded;
  const cwd = process.cwd();
  const root = scanRoot(cwd);
  const listed = listScanFiles(paths, {
    cwd,
    root,
    excludes: options.exclude,
    staged: options.staged === true,
  });
  if ("error" in listed) throw new UsageError(listed.error);
  if (listed.missing.length > 0)
    throw new UsageError(`cannot read ${listed.missing.join(", ")}: no such file or folder`);
  const accepted = options.baseline !== undefined ? readAccepted(options.baseline) : new Set<string>();

  const progress = showProgress(listed.targets.length);
  const scanned: Omit<ScannedFile, "suppressed">[] = [];
  try {
    for (const target of listed.targets) {
      const inspected = await inspectScanFile(target, engine, progress.bytes);
      if (!inspected.ok) throw new UsageError(inspected.message);
      const { verdict } = inspected;
      // Report files by their path from here, so a user can find them.
      for (const a of verdict.attachments) a.filename = target.path;
      for (const f of verdict.findings) if (f.where !== null) f.where.attachment = target.path;
      const findings: ScanFinding[] = verdict.findings.map((finding) => ({
        finding,
        fingerprint: fingerprintFinding(finding, target.uri, sha256),
      }));
      scanned.push({
        path: target.path,
        uri: target.uri,
        verdict,
        findings,
        headerLines: inspected.headerLines,
      });
      progress.fileDone();
    }
  } finally {
    progress.end();
  }

  if (options.writeBaseline !== undefined) {
    const baseline = baselineOf(scanned.map((f) => ({ ...f, suppressed: [] })));
    writeOut(options.writeBaseline, formatBaseline(baseline));
    for (const entry of baseline.accepted) accepted.add(entry.fingerprint);
    process.stderr.write(
      `guard: wrote ${baseline.accepted.length} accepted finding(s) to ${options.writeBaseline}\n`,
    );
  }
  const files: ScannedFile[] = scanned.map((f) => ({
    ...f,
    ...applyBaseline(f.verdict, f.findings, accepted),
  }));
  const scan: ScanResult = {
    action: strongest(files.map((f) => f.verdict.action)),
    files,
    ignored: listed.ignored,
  };

  const color =
    options.color && !process.env.NO_COLOR && options.output === undefined && process.stdout.isTTY === true;
  const report =
    options.format === "json"
      ? formatScanJson(scan)
      : options.format === "sarif"
        ? formatSarif(scan, {
            version: GUARD_VERSION,
            actions: engine.policy.actions,
            thresholds: engine.policy.thresholds,
          })
        : formatScanText(scan, { color });
  if (options.output !== undefined) {
    writeOut(options.output, report);
    process.stderr.write(`guard: ${summaryLine(scan)}; report in ${options.output}\n`);
  } else {
    process.stdout.write(report);
  }
  return scanExitCode(scan.action, options.failOn);
}
