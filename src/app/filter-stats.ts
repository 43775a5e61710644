import type { FilterStatus } from "../report/format-filter-status.js";
import type { Filtered } from "./filter-message.js";

/** Latencies kept for the percentiles: the most recent ones, so memory stays flat however long it runs. */
const WINDOW = 10_000;

/** The nearest-rank percentile `p` (0..1) of sorted numbers; 0 when there are none. */
const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/** Counts the SMTP filter's decisions and their latency, for its status line. */
export class FilterStats {
  private readonly counts = { allow: 0, warn: 0, block: 0, deferred: 0 };
  private readonly latencies: number[] = [];
  private next = 0;

  /** Adds one message's outcome and how long the filter took over it, in milliseconds. */
  record(outcome: Filtered["outcome"], ms: number): void {
    this.counts[outcome] += 1;
    if (this.latencies.length < WINDOW) this.latencies.push(ms);
    else this.latencies[this.next] = ms;
    this.next = (this.next + 1) % WINDOW;
  }

  /** The counts so far and the latency percentiles of the recent window. */
  snapshot(): FilterStatus {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const c = this.counts;
    return {
      messages: c.allow + c.warn + c.block + c.deferred,
      ...c,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
    };
  }
}
