import { Worker } from "node:worker_threads";

/** How a pool's workers are started and bounded. */
export interface PoolOptions {
  /** The worker's script (a bundle in dist/). */
  url: URL;
  /** Handed to every worker as `workerData`. */
  workerData: unknown;
  size: number;
  /** Time a job may take from submission (waiting included) before it is given up. */
  timeoutMs: number;
  /** Heap limit of each worker, in MB: a hostile input costs its worker, never the process. */
  heapMb: number;
}

/** A job's end: the worker's answer, or why there is none. */
export type PoolResult<T> =
  | { kind: "done"; value: T }
  | { kind: "timeout" }
  | { kind: "error"; reason: string };

/** What a worker posts back for each job: its answer and the memory it holds afterwards. */
export interface WorkerReply<T> {
  value: T;
  memoryBytes: number;
}

interface Job<I, T> {
  input: I;
  finish(result: PoolResult<T>): void;
  done: boolean;
}

interface Slot<I, T> {
  worker: Worker;
  job: Job<I, T> | null;
  peakBytes: number;
}

/**
 * A fixed number of worker threads that run jobs one at a time each, in order of arrival. A job
 * past its time is given up: queued, it is dropped; running, its worker is terminated and a
 * fresh one takes its place, since a synchronous parse cannot be interrupted any other way.
 */
export class WorkerPool<I, T> {
  private readonly slots: Slot<I, T>[] = [];
  private readonly queue: Job<I, T>[] = [];
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.start({ peakBytes: 0 }));
  }

  /** Runs one job on the next free worker. */
  run(input: I): Promise<PoolResult<T>> {
    return new Promise((resolve) => {
      const job: Job<I, T> = {
        input,
        done: false,
        finish: (result) => {
          if (job.done) return;
          job.done = true;
          clearTimeout(timer);
          resolve(result);
        },
      };
      const timer = setTimeout(() => this.expire(job), this.options.timeoutMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** The peak memory each worker reported, in bytes (a replaced worker keeps its slot's peak). */
  peaks(): number[] {
    return this.slots.map((s) => s.peakBytes);
  }

  /** Stops every worker; jobs still queued or running end as errors. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.finish({ kind: "error", reason: "shutting down" });
    await Promise.all(
      this.slots.map((s) => {
        s.job?.finish({ kind: "error", reason: "shutting down" });
        return s.worker.terminate();
      }),
    );
  }

  private start(previous: { peakBytes: number }): Slot<I, T> {
    const worker = new Worker(this.options.url, {
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    const slot: Slot<I, T> = { worker, job: null, peakBytes: previous.peakBytes };
    worker.on("message", (reply: WorkerReply<T>) => {
      slot.peakBytes = Math.max(slot.peakBytes, reply.memoryBytes);
      const job = slot.job;
      slot.job = null;
      job?.finish({ kind: "done", value: reply.value });
      this.dispatch();
    });
    // A worker that dies (out of memory, a crash) fails its job and is replaced.
    worker.on("error", (error) => this.replace(slot, error.message.split("\n")[0]));
    worker.on("exit", (code) => this.replace(slot, `worker stopped (${code})`));
    return slot;
  }

  private replace(slot: Slot<I, T>, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    slot.job?.finish({ kind: "error", reason });
    slot.job = null;
    if (this.closed) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.slots[index] = this.start(slot);
    this.dispatch();
  }

  private expire(job: Job<I, T>): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.job === job);
    job.finish({ kind: "timeout" });
    if (slot) this.replace(slot, "timeout");
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job !== null) continue;
      const job = this.queue.shift();
      if (job === undefined) return;
      slot.job = job;
      slot.worker.postMessage(job.input);
    }
  }
}
