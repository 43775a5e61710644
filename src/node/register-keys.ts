import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { HashedPeople, PeopleBatch, PeopleHasher } from "../model/register.js";
import { err, ok, type Result } from "../model/result.js";
import { hashPeople } from "../register/hash-people.js";
import { hmacSha256 } from "../register/keyed-hash.js";
import { describeErrno } from "./describe-errno.js";
import { keyCheckOf, readKey } from "./load-registers.js";
import { workerUrl } from "./run-isolated.js";
import { WorkerPool } from "./worker-pool.js";

/**
 * Threads hashing a build's people besides this one: one per further core (at most 3), so hashing
 * (two thirds of a build) runs beside the reading of the files instead of after it.
 */
const defaultWorkers = (): number => Math.min(3, availableParallelism() - 1);

/** A batch of 5,000 people takes ~50 ms; this is only against a thread that never answers. */
const BATCH_TIMEOUT_MS = 10 * 60_000;

/**
 * Hashes batches in `workers` threads (started with the first batch) and in this one: a batch
 * that would wait for a busy thread is hashed here instead, so this thread never sits idle and no
 * more threads run than there are cores. With 0 workers, every batch is hashed here.
 */
function peopleHasher(key: Buffer, workers: number): PeopleHasher {
  const keyCheck = keyCheckOf(key);
  const digest = hmacSha256(key);
  let pool: WorkerPool<PeopleBatch, HashedPeople> | undefined;
  let busy = 0;
  const inWorker = async (batch: PeopleBatch): Promise<Result<HashedPeople>> => {
    pool ??= new WorkerPool({
      url: workerUrl("register-worker.js"),
      workerData: { key: new Uint8Array(key) },
      size: workers,
      timeoutMs: BATCH_TIMEOUT_MS,
      heapMb: 512,
    });
    busy++;
    const done = await pool.run(batch);
    busy--;
    if (done.kind === "done") return ok(done.value);
    return err(
      done.kind === "timeout" ? "a hashing thread took too long" : `hashing stopped: ${done.reason}`,
    );
  };
  return {
    keyCheck,
    hash: async (batch) => {
      // The threads' answers are events: let them in first, or every batch would look busy.
      await new Promise((resolve) => setImmediate(resolve));
      // Two batches a thread: the next one is there when it finishes, while this thread hashes one.
      if (busy < 2 * workers) return { result: inWorker(batch) };
      return { result: Promise.resolve(ok(hashPeople(batch, digest))) };
    },
    close: async () => {
      await pool?.close();
    },
  };
}

/**
 * The hasher of a register build with the key in `path` (shown to the user as `shown`), using
 * `workers` threads (one per core unless told).
 */
export function registerHasher(
  path: string,
  shown: string,
  workers = defaultWorkers(),
): Result<PeopleHasher> {
  const key = readKey(path);
  if (key === null)
    return err(`cannot read a register key from ${shown} (make one with: guard register key --out FILE)`);
  return ok(peopleHasher(key, workers));
}

/** Writes 32 random bytes as hex, mode 0600, refusing to overwrite a key (that would orphan its registers). */
export function writeRegisterKey(path: string, shown: string): Result<void> {
  try {
    writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return ok(undefined);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return err(
      code === "EEXIST"
        ? `${shown} exists: a key is never overwritten`
        : `cannot write ${shown}: ${describeErrno(error)}`,
    );
  }
}
