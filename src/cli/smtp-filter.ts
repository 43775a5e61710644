import { existsSync } from "node:fs";
import { availableParallelism, hostname } from "node:os";
import { type CommandOutput, output, usageError } from "../app/command-output.js";
import {
  deferMessage,
  type FilterHost,
  type FilterOptions,
  filterMessage,
  type JudgeOutcome,
} from "../app/filter-message.js";
import { FilterStats } from "../app/filter-stats.js";
import { appendAudit, auditLogPath } from "../node/audit-log.js";
import { describeErrno } from "../node/describe-errno.js";
import { sha256 } from "../node/digest.js";
import { findPolicy } from "../node/find-policy.js";
import { loadEngine } from "../node/load-engine.js";
import { reinjectMessage } from "../node/reinject-message.js";
import { type FilterHandlers, isLoopback, serveSmtpFilter } from "../node/serve-smtp-filter.js";
import { WorkerPool } from "../node/worker-pool.js";
import { formatFilterStatus } from "../report/format-filter-status.js";

/** `guard smtp-filter` options as commander gives them. */
export interface SmtpFilterOptions {
  listen: string;
  reinject: string;
  policy?: string;
  workers?: string;
  timeout: string;
  maxSize: string;
  maxSessions: string;
  onWarn: string;
  auditLog?: string;
  stats: string;
  allowRemote?: boolean;
  name?: string;
}

/** What the filter needs from its process: where it runs, and where its log lines go. */
export interface FilterProcess {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  log(line: string): void;
  /** Resolves when the process is asked to stop (SIGTERM, SIGINT). */
  stopped: Promise<void>;
}

// Beside the bundle in dist/; when running from src/ (tests), the built one.
const besideUs = new URL("./judge-worker.js", import.meta.url);
const WORKER = existsSync(besideUs) ? besideUs : new URL("../../dist/judge-worker.js", import.meta.url);

/** `HOST:PORT` or `[V6]:PORT`. */
function address(text: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  if (!m || Number(m[3]) > 65535) return null;
  return { host: m[1] ?? m[2], port: Number(m[3]) };
}

/** A whole number within bounds, or null. */
function whole(text: string | undefined, min: number, max: number): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

interface Settings {
  listen: { host: string; port: number };
  reinject: { host: string; port: number };
  workers: number;
  timeoutMs: number;
  maxBytes: number;
  maxSessions: number;
  statsMs: number;
  onWarn: "send" | "block";
}

/** The options checked and turned into numbers; a one-line reason when one is wrong. */
function settingsOf(o: SmtpFilterOptions): Settings | string {
  const listen = address(o.listen);
  const reinject = address(o.reinject);
  const workers = o.workers === undefined ? availableParallelism() : whole(o.workers, 1, 64);
  const timeout = Number(o.timeout) >= 0.1 && Number(o.timeout) <= 3600 ? Number(o.timeout) : null;
  const maxSize = whole(o.maxSize, 1, 1024);
  const maxSessions = whole(o.maxSessions, 1, 10_000);
  const stats = whole(o.stats, 0, 86_400);
  if (listen === null) return `--listen must be HOST:PORT, not ${o.listen}`;
  if (reinject === null) return `--reinject must be HOST:PORT, not ${o.reinject}`;
  if (!o.allowRemote && !isLoopback(listen.host))
    return `--listen ${o.listen} is not a loopback address; add --allow-remote to listen there`;
  if (workers === null) return "--workers must be a whole number from 1 to 64";
  if (timeout === null) return "--timeout must be seconds from 0.1 to 3600";
  if (maxSize === null) return "--max-size must be whole megabytes from 1 to 1024";
  if (maxSessions === null) return "--max-sessions must be a whole number from 1 to 10000";
  if (stats === null) return "--stats must be whole seconds (0: only when stopping)";
  if (o.onWarn !== "send" && o.onWarn !== "block") return `--on-warn must be send or block, not ${o.onWarn}`;
  const [timeoutMs, maxBytes, statsMs] = [Math.round(timeout * 1000), maxSize * 1024 * 1024, stats * 1000];
  return { listen, reinject, workers, timeoutMs, maxBytes, maxSessions, statsMs, onWarn: o.onWarn };
}

/** The filter's host: judging in the worker pool, re-injection over SMTP, the audit log on disk. */
function filterHost(pool: WorkerPool<unknown, JudgeOutcome>, s: Settings, name: string): FilterHost {
  return {
    judge: async (bytes, envelope) => {
      const result = await pool.run({ bytes, envelope });
      return result.kind === "done"
        ? result.value
        : result.kind === "timeout"
          ? result
          : { kind: "error", reason: result.reason };
    },
    reinject: (message) =>
      reinjectMessage(message, { ...s.reinject, name, timeoutMs: Math.max(s.timeoutMs, 30_000) }),
    now: () => new Date(),
    sha256,
    appendAudit,
  };
}

/** What the server calls: the decision on each message, timed and counted; the busy reply. */
function filterHandlers(
  host: FilterHost,
  options: FilterOptions,
  stats: FilterStats,
  proc: FilterProcess,
): FilterHandlers {
  return {
    onMessage: async (message) => {
      const started = performance.now();
      const filtered = await filterMessage(message, host, options);
      stats.record(filtered.outcome, performance.now() - started);
      if (filtered.warning !== "") proc.log(filtered.warning.trimEnd());
      return filtered.reply;
    },
    onBusy: () => {
      const nothing = { bytes: new Uint8Array(), size: 0, recipients: [] };
      const busy = deferMessage(nothing, "BUSY", { host, options });
      stats.record("deferred", 0);
      if (busy.warning !== "") proc.log(busy.warning.trimEnd());
      return busy.reply;
    },
  };
}

/**
 * `guard smtp-filter`: Postfix's before-queue content filter. Listens until the process is asked
 * to stop, judging each message in a pool of worker threads; logs a status line every `--stats`
 * seconds and when stopping. Exit 3 when it cannot start.
 */
export async function runSmtpFilter(options: SmtpFilterOptions, proc: FilterProcess): Promise<CommandOutput> {
  const s = settingsOf(options);
  if (typeof s === "string") return usageError(s);
  // The same search as every command (--policy, GUARD_POLICY, ... /etc/guard/policy.yaml), done
  // once; the policy is checked here, so a broken one stops the start instead of every message.
  const found = findPolicy(options.policy, proc);
  const policy = found.kind === "default" ? undefined : found.path;
  const loaded = await loadEngine(policy, proc.cwd);
  if (!loaded.ok) return usageError(loaded.error);
  const name = options.name ?? hostname();
  const pool = new WorkerPool<unknown, JudgeOutcome>({
    url: WORKER,
    workerData: { policy, cwd: proc.cwd },
    size: s.workers,
    timeoutMs: s.timeoutMs,
    heapMb: 2048,
  });
  const host = filterHost(pool, s, name);
  const filterOptions: FilterOptions = {
    auditLog: auditLogPath(options.auditLog, proc.env, proc.home),
    onWarn: s.onWarn,
    maxBytes: s.maxBytes,
  };
  const stats = new FilterStats();
  // maxRSS is in KB (getrusage); the whole process, every worker thread included.
  const status = () =>
    formatFilterStatus(stats.snapshot(), pool.peaks(), process.resourceUsage().maxRSS * 1024);
  let server: Awaited<ReturnType<typeof serveSmtpFilter>>;
  try {
    server = await serveSmtpFilter(
      {
        ...s.listen,
        name,
        maxBytes: s.maxBytes,
        maxTransactions: s.maxSessions,
        allowRemote: options.allowRemote === true,
      },
      filterHandlers(host, filterOptions, stats, proc),
    );
  } catch (error) {
    await pool.close();
    return usageError(`cannot listen on ${options.listen}: ${describeErrno(error)}`);
  }
  proc.log(
    `guard smtp-filter: listening on ${s.listen.host}:${server.port}, re-injecting into ${options.reinject}, ${s.workers} worker(s), time limit ${s.timeoutMs / 1000} s, policy ${policy ?? "embedded default"}`,
  );
  const timer = s.statsMs > 0 ? setInterval(() => proc.log(status()), s.statsMs) : null;
  await proc.stopped;
  if (timer) clearInterval(timer);
  await server.close();
  await pool.close();
  return output(0, "", `${status()}\n`);
}
