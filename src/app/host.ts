import type { Engine } from "../core.js";
import type { PolicySource } from "../model/policy-source.js";
import type { ProgramRun } from "../model/program-run.js";
import type { Progress } from "../model/progress.js";
import type { PeopleHasher } from "../model/register.js";
import type { Result } from "../model/result.js";
import type { InspectedFile, LeftOut, ScanTarget } from "../model/scan.js";
import type { AuditLine } from "../report/audit-record.js";

/**
 * Services the use cases need from the machine they run on: files, git, the clock, child
 * processes. node/host.ts supplies them for the CLI; each use case asks only for the ones it
 * uses (`Pick<Host, ...>`), so a front end without a disk (a browser page, a mail add-in) can run
 * the use cases it can serve. app/ itself never touches `process`. Relative paths are taken
 * from `cwd`; errors are one-line reasons, or the system's error code where noted.
 */
export interface Host {
  /** The folder relative paths start from. */
  cwd: string;
  /** Environment variables (GUARD_OVERRIDE, NO_COLOR, ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder. */
  home: string;
  /** Whether standard output is a terminal (colours). */
  stdoutIsTTY: boolean;
  /** How a hook calls this guard: the program and its script, by absolute path. */
  guardCommand(): string[];
  /**
   * The engine: the embedded rules, with the policy file in force read over the default: the
   * option's, else the one findPolicy finds from `near` (the checked path; `cwd` when not given).
   */
  loadEngine(policyOption?: string, near?: string): Promise<Result<Engine>>;
  /** Which policy file is in force (see node/find-policy.ts): the option, the environment, or one found. */
  findPolicy(policyOption?: string, near?: string): PolicySource;
  /** The bytes of a file, or of standard input for `-`. */
  readInput(path: string): Promise<Result<Uint8Array>>;
  /** A text file's content; the error in words, its system code in brackets (`no such file or folder (ENOENT)`). */
  readText(path: string): Result<string>;
  /**
   * Writes a file; `script` makes it executable and, unless `replace`, refuses to overwrite. The
   * error is in words with the system code in brackets at its end (`already exists (EEXIST)`).
   */
  writeFile(
    path: string,
    text: string | Uint8Array,
    options?: { script?: boolean; replace?: boolean },
  ): Result<void>;
  /** The hasher of a register build with the key in its key file (guard register key); close it after. */
  registerHasher(keyPath: string): Result<PeopleHasher>;
  /** Writes a new random register key, readable by its owner only; never overwrites one. */
  writeRegisterKey(path: string): Result<void>;
  /** A path resolved against `cwd` (and any further segments). */
  resolvePath(...paths: string[]): string;
  /** Runs git in `cwd`; its trimmed standard output, or an error when git fails or is missing. */
  runGit(args: string[]): Result<string>;
  /** The files a scan reads (see node/list-scan-files.ts). */
  listScanFiles(
    paths: string[],
    options: { excludes: string[]; staged: boolean; vcsIgnore?: boolean },
  ): Result<{ targets: ScanTarget[]; missing: string[]; ignored: number; leftOut?: LeftOut }>;
  /** Reads and judges one file of a scan. */
  inspectScanFile(
    target: ScanTarget,
    engine: Engine,
    onBytes: (bytes: number) => void,
  ): Promise<Result<InspectedFile>>;
  /** Progress of a scan of `total` files. */
  showProgress(total: number): Progress;
  /** The SHA-256 of some bytes, in hex. */
  sha256(data: Uint8Array | string): string;
  /** The current time. */
  now(): Date;
  /** The audit log's path: the option, else the environment's choice. */
  auditLogPath(option: string | undefined): string;
  /** Appends one record to the audit log; a one-line reason when it cannot. */
  appendAudit(path: string, record: AuditLine): Result<void>;
  /**
   * Whether a message with this key was held for confirmation less than `maxAgeMs` ago (the hold
   * is used up); kept in the state folder, `$XDG_STATE_HOME/guard/confirm`.
   */
  takeConfirmation(key: string, maxAgeMs: number): boolean;
  /** Remembers that the message with this key was held for confirmation now. */
  holdConfirmation(key: string): Result<void>;
  /** Runs a program with `input` on its standard input, capturing what it prints. */
  runWithInput(program: string, args: string[], input: Uint8Array): Promise<Result<ProgramRun>>;
  /** The offline check page the build wrote (web/guard.html). */
  readPage(): Result<string>;
  /** Whether standard input is a terminal (nothing to drain then). */
  stdinIsTTY: boolean;
  /** Standard input, read to its end (a writer into a pipe must never be cut off early). */
  readStdin(): Promise<Uint8Array>;
}
