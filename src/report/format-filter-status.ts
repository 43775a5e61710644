import { formatCount } from "./format-count.js";

/** The SMTP filter's counts since it started and its recent latency. */
export interface FilterStatus {
  messages: number;
  allow: number;
  warn: number;
  block: number;
  deferred: number;
  p50Ms: number;
  p99Ms: number;
}

/** Peak memory of each judging worker, in bytes (its heap and the buffers it holds). */
export type WorkerPeaks = readonly number[];

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * The status line: `guard smtp-filter: 120 messages (100 allow, 8 warn, 10 block, 2 deferred);
 * latency p50 40 ms, p99 900 ms; workers 2, peak 61 MB, 58 MB; process peak RSS 240 MB`. Counts
 * only, never a value.
 */
export function formatFilterStatus(
  status: FilterStatus,
  peaks: WorkerPeaks,
  processPeakBytes?: number,
): string {
  const s = status;
  const counts = `${formatCount(s.allow)} allow, ${formatCount(s.warn)} warn, ${formatCount(s.block)} block, ${formatCount(s.deferred)} deferred`;
  const latency = `latency p50 ${Math.round(s.p50Ms)} ms, p99 ${Math.round(s.p99Ms)} ms`;
  const process = processPeakBytes === undefined ? "" : `; process peak RSS ${mb(processPeakBytes)}`;
  const workers = `workers ${peaks.length}, peak ${peaks.map(mb).join(", ")}${process}`;
  return `guard smtp-filter: ${formatCount(s.messages)} messages (${counts}); ${latency}; ${workers}`;
}
