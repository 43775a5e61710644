import type { Engine } from "../core.js";
import type { Action } from "../model/policy.js";
import { err, ok, type Result } from "../model/result.js";
import type { LeftOut, ScanFinding, ScannedFile, ScanResult, ScanTarget } from "../model/scan.js";
import { applyBaseline, parseBaseline } from "../policy/apply-baseline.js";
import { RANK, strongest } from "../policy/decide.js";
import { fingerprintFinding } from "../policy/fingerprint-finding.js";
import { baselineOf, formatBaseline } from "../report/format-baseline.js";
import { formatSarif } from "../report/format-sarif.js";
import { formatScanJson } from "../report/format-scan-json.js";
import { formatScanText, summaryLine } from "../report/format-scan-text.js";
import type { CommonOptions } from "./check-draft.js";
import { noticesOf } from "./check-draft.js";
import { type CommandOutput, output, usageError } from "./command-output.js";
import { EXIT, exitFor } from "./exit-codes.js";
import type { Host } from "./host.js";

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
  /** False with --no-vcs-ignore: folders are read whole, what git ignores included. */
  vcsIgnore?: boolean;
  /** A scan that read no file is not an error (exit 0 instead of 3). */
  allowEmpty?: boolean;
}

/** What a scan needs from its host. */
export type ScanHost = Pick<
  Host,
  | "loadEngine"
  | "listScanFiles"
  | "inspectScanFile"
  | "showProgress"
  | "readText"
  | "writeFile"
  | "sha256"
  | "env"
  | "stdoutIsTTY"
>;

/** A scanned file before the baseline is applied. */
type Scanned = Omit<ScannedFile, "suppressed">;

const FAIL_RANK = { warn: 1, block: 2, never: 3 } as const;

/**
 * The exit code: the contract's code for the verdict (1 warn, 2 block) when the verdict reaches
 * --fail-on, else 0. The default, warn, is the contract's mapping unchanged; `--fail-on block`
 * lets warnings pass a CI step, `--fail-on never` only reports. Errors are 3 whatever it says.
 */
export function scanExitCode(verdict: Action, failOn: ScanOptions["failOn"]): number {
  return RANK[verdict] >= FAIL_RANK[failOn] ? exitFor(verdict) : EXIT.allow;
}

/** The fingerprints a baseline file accepts. */
function readAccepted(path: string, host: ScanHost): Result<Set<string>> {
  const text = host.readText(path);
  if (!text.ok) return err(`cannot read baseline ${path}: ${text.error}`);
  const parsed = parseBaseline(text.value);
  if (!parsed.ok) return err(`invalid baseline ${path}: ${parsed.error}`);
  return ok(new Set(parsed.value.accepted.map((e) => e.fingerprint)));
}

/** Reads and judges each file, reporting it by its path from here, so a user can find it. */
async function inspectTargets(
  targets: ScanTarget[],
  engine: Engine,
  host: ScanHost,
): Promise<Result<Scanned[]>> {
  const progress = host.showProgress(targets.length);
  const scanned: Scanned[] = [];
  try {
    for (const target of targets) {
      const inspected = await host.inspectScanFile(target, engine, progress.bytes);
      if (!inspected.ok) return err(inspected.error);
      const { verdict, headerLines } = inspected.value;
      for (const a of verdict.attachments) a.filename = target.path;
      for (const f of verdict.findings) if (f.where !== null) f.where.attachment = target.path;
      const findings: ScanFinding[] = verdict.findings.map((finding) => ({
        finding,
        fingerprint: fingerprintFinding(finding, target.uri, host.sha256),
      }));
      scanned.push({ path: target.path, uri: target.uri, verdict, findings, headerLines });
      progress.fileDone();
    }
  } finally {
    progress.end();
  }
  return ok(scanned);
}

/** The report in the chosen format. */
function formatReport(
  scan: ScanResult,
  engine: Engine,
  options: ScanOptions,
  host: ScanHost,
  version: string,
): string {
  if (options.format === "json") return formatScanJson(scan);
  if (options.format === "sarif")
    return formatSarif(scan, {
      version,
      actions: engine.policy.actions,
      thresholds: engine.policy.thresholds,
    });
  const color = options.color && !host.env.NO_COLOR && options.output === undefined && host.stdoutIsTTY;
  return formatScanText(scan, { color });
}

/**
 * Applies the baseline (writing a new one first with --write-baseline) and reports; the
 * report goes to --output or standard output.
 */
function finishScan(
  scanned: Scanned[],
  set: { ignored: number; leftOut?: LeftOut },
  accepted: Set<string>,
  context: { engine: Engine; options: ScanOptions; host: ScanHost; version: string },
): CommandOutput {
  const { engine, options, host } = context;
  let stderr = "";
  if (options.writeBaseline !== undefined) {
    const baseline = baselineOf(scanned.map((f) => ({ ...f, suppressed: [] })));
    const written = host.writeFile(options.writeBaseline, formatBaseline(baseline));
    if (!written.ok) return usageError(`cannot write ${options.writeBaseline}: ${written.error}`);
    for (const entry of baseline.accepted) accepted.add(entry.fingerprint);
    stderr += `guard: wrote ${baseline.accepted.length} accepted finding(s) to ${options.writeBaseline}\n`;
  }
  const files: ScannedFile[] = scanned.map((f) => ({
    ...f,
    ...applyBaseline(f.verdict, f.findings, accepted),
  }));
  const scan: ScanResult = { action: strongest(files.map((f) => f.verdict.action)), files, ...set };
  const report = formatReport(scan, engine, options, host, context.version);
  const exitCode = scanExitCode(scan.action, options.failOn);
  if (options.output === undefined) return output(exitCode, report, stderr);
  const written = host.writeFile(options.output, report);
  if (!written.ok)
    return output(EXIT.error, "", `${stderr}guard: cannot write ${options.output}: ${written.error}\n`);
  return output(exitCode, "", `${stderr}guard: ${summaryLine(scan)}; report in ${options.output}\n`);
}

/** `guard scan PATH...`: inspects each file as if sent outside; see scanExitCode for the exit. */
export async function scanPaths(
  paths: string[],
  options: ScanOptions,
  host: ScanHost,
  version: string,
): Promise<CommandOutput> {
  if (paths.length === 0 && !options.staged) return usageError("give files or folders to scan, or --staged");
  // The policy is looked for from the first path scanned (its repository's .guard.yaml).
  const loaded = await host.loadEngine(options.policy, options.staged ? undefined : paths[0]);
  if (!loaded.ok) return usageError(loaded.error);
  const listed = host.listScanFiles(paths, {
    excludes: options.exclude,
    staged: options.staged === true,
    vcsIgnore: options.vcsIgnore !== false,
  });
  if (!listed.ok) return usageError(listed.error);
  const { targets, missing, ignored, leftOut } = listed.value;
  if (missing.length > 0) return usageError(`cannot read ${missing.join(", ")}: no such file or folder`);
  // Nothing read is not "nothing found": say so and fail, unless asked (a commit without data files is fine).
  if (targets.length === 0 && !options.staged && options.allowEmpty !== true)
    return usageError(
      `nothing was read: ${summaryLine({ action: "allow", files: [], ignored, leftOut })}; --allow-empty accepts that`,
    );
  const accepted =
    options.baseline !== undefined ? readAccepted(options.baseline, host) : ok(new Set<string>());
  if (!accepted.ok) return usageError(accepted.error);
  const scanned = await inspectTargets(targets, loaded.value, host);
  if (!scanned.ok) return usageError(scanned.error);
  const done = finishScan(scanned.value, { ignored, leftOut }, accepted.value, {
    engine: loaded.value,
    options,
    host,
    version,
  });
  return { ...done, stderr: noticesOf(loaded.value) + done.stderr };
}
