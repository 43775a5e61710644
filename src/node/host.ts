import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { err, ok, type Result } from "../model/result.js";
import type { AuditLine } from "../report/audit-record.js";
import { appendAudit, auditLogPath } from "./audit-log.js";
import { confirmFolder, holdConfirmation, takeConfirmation } from "./confirm-store.js";
import { describeErrno } from "./describe-errno.js";
import { sha256 } from "./digest.js";
import { findPolicy } from "./find-policy.js";
import { inspectScanFile } from "./inspect-scan-file.js";
import { listScanFiles, scanRoot } from "./list-scan-files.js";
import { loadEngine } from "./load-engine.js";
import { makeFolders } from "./make-folders.js";
import { readInput } from "./read-input.js";
import { readPage } from "./read-page.js";
import { registerHasher, writeRegisterKey } from "./register-keys.js";
import { runWithInput } from "./run-with-input.js";
import { showProgress } from "./show-progress.js";

/** What the host is told about the process it serves: cli/main.ts hands in the real one, tests their own. */
export interface NodeIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (HOME, else the system's idea of it). */
  home: string;
  stdinIsTTY: boolean;
  readStdin(): Promise<Uint8Array>;
  stdoutIsTTY: boolean;
  /** Where a scan draws its progress line, live (standard error); none in tests. */
  progressStream?: NodeJS.WriteStream;
  guardCommand(): string[];
  /** The system's configuration folder (/etc unless a test hands in its own). */
  etc?: string;
}

/** Writes a file; a script gets its folders made and mode 0755, and is not overwritten unless `replace`. */
function writeFile(
  path: string,
  text: string | Uint8Array,
  options: { script?: boolean; replace?: boolean },
): Result<void> {
  try {
    if (!options.script) {
      writeFileSync(path, text);
      return ok(undefined);
    }
    makeFolders(dirname(path));
    writeFileSync(path, text, { mode: 0o755, flag: options.replace ? "w" : "wx" });
    chmodSync(path, 0o755);
    return ok(undefined);
  } catch (error) {
    return err(describeErrno(error));
  }
}

/** Services on files, folders and git, relative to `io.cwd`. */
function fileServices(io: NodeIo) {
  const at = (path: string): string => resolve(io.cwd, path);
  return {
    readInput: (path: string) => readInput(path, { cwd: io.cwd, readStdin: io.readStdin }),
    readText: (path: string): Result<string> => {
      try {
        return ok(readFileSync(at(path), "utf8"));
      } catch (error) {
        return err(describeErrno(error));
      }
    },
    writeFile: (
      path: string,
      text: string | Uint8Array,
      options: { script?: boolean; replace?: boolean } = {},
    ) => writeFile(at(path), text, options),
    resolvePath: (...paths: string[]) => resolve(io.cwd, ...paths),
    runGit: (args: string[]): Result<string> => {
      try {
        const out = execFileSync("git", args, {
          cwd: io.cwd,
          env: io.env,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });
        return ok(out.trim());
      } catch (error) {
        return err(describeErrno(error));
      }
    },
  };
}

/**
 * The host for Node: files, git, child processes and the clock of this machine. It has the shape
 * of app/host.ts's Host; cli/ hands it to the use cases (node/ may not import app/).
 */
export function nodeHost(io: NodeIo) {
  return {
    cwd: io.cwd,
    env: io.env,
    home: io.home,
    stdinIsTTY: io.stdinIsTTY,
    readStdin: io.readStdin,
    stdoutIsTTY: io.stdoutIsTTY,
    guardCommand: io.guardCommand,
    ...fileServices(io),
    findPolicy: (option?: string, near?: string) => findPolicy(option, { ...io, near }),
    loadEngine: (option?: string, near?: string) => {
      const found = findPolicy(option, { ...io, near });
      // An option's path is shown as given; a found file by the path where it was found.
      const path = found.kind === "default" ? undefined : found.kind === "option" ? option : found.path;
      return loadEngine(path, io.cwd);
    },
    listScanFiles: (paths: string[], options: { excludes: string[]; staged: boolean; vcsIgnore?: boolean }) =>
      listScanFiles(paths, { ...options, cwd: io.cwd, root: scanRoot(io.cwd) }),
    inspectScanFile,
    registerHasher: (keyPath: string) => registerHasher(resolve(io.cwd, keyPath), keyPath),
    writeRegisterKey: (path: string) => writeRegisterKey(resolve(io.cwd, path), path),
    readPage,
    showProgress: (total: number) => showProgress(total, io.progressStream ?? null, io.env),
    sha256,
    now: () => new Date(),
    auditLogPath: (option: string | undefined) => auditLogPath(option, io.env, io.home),
    appendAudit: (path: string, record: AuditLine) => appendAudit(resolve(io.cwd, path), record, path),
    takeConfirmation: (key: string, maxAgeMs: number) =>
      takeConfirmation(confirmFolder(io.env, io.home), key, maxAgeMs, Date.now()),
    holdConfirmation: (key: string) => holdConfirmation(confirmFolder(io.env, io.home), key, Date.now()),
    runWithInput: (program: string, args: string[], input: Uint8Array) =>
      runWithInput(program, args, input, { cwd: io.cwd, env: io.env }),
  };
}
