import { describe, expect, it } from "vitest";
import { WorkerPool } from "../../src/node/worker-pool.js";

// A worker that answers `n` after spinning the CPU for `n` ms, synchronously: the kind of job
// a timer in the same thread could never interrupt.
const SPIN = new URL(
  `data:text/javascript,${encodeURIComponent(`
import { parentPort } from "node:worker_threads";
parentPort.on("message", (n) => {
  const end = Date.now() + n;
  while (Date.now() < end);
  parentPort.postMessage({ value: n, memoryBytes: process.memoryUsage().heapUsed });
});`)}`,
);

const pool = (size: number, timeoutMs: number) =>
  new WorkerPool<number, number>({ url: SPIN, workerData: null, size, timeoutMs, heapMb: 64 });

describe("WorkerPool", () => {
  it("gives up a job past its time (waiting included), replaces the busy worker, runs the next", async () => {
    const p = pool(1, 1500);
    try {
      const [slow, queued] = await Promise.all([p.run(60_000), p.run(10)]);
      expect([slow, queued]).toEqual([{ kind: "timeout" }, { kind: "timeout" }]);
      expect(await p.run(10)).toEqual({ kind: "done", value: 10 });
      expect(p.peaks()[0]).toBeGreaterThan(0);
    } finally {
      await p.close();
    }
  });

  it("runs jobs on every worker at once", async () => {
    const p = pool(2, 30_000);
    try {
      const results = await Promise.all([p.run(300), p.run(300), p.run(5)]);
      expect(results).toEqual([300, 300, 5].map((value) => ({ kind: "done", value })));
      expect(p.peaks()).toHaveLength(2);
    } finally {
      await p.close();
    }
  });
});
