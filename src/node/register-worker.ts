// Worker entry (dist/register-worker.js) of `guard register build`: hashes batches of people with
// the register's key on another core while the main thread reads the files. The hashes go back as
// a transferred buffer, not copied; their order does not matter (the register sorts them).
import { parentPort, workerData } from "node:worker_threads";
import type { HashedPeople, PeopleBatch } from "../model/register.js";
import { hashPeople } from "../register/hash-people.js";
import { hmacSha256 } from "../register/keyed-hash.js";
import type { WorkerReply } from "./worker-pool.js";

const digest = hmacSha256(Uint8Array.from((workerData as { key: Uint8Array }).key));

parentPort?.on("message", (batch: PeopleBatch) => {
  const value = hashPeople(batch, digest);
  const reply: WorkerReply<HashedPeople> = { value, memoryBytes: process.memoryUsage().heapUsed };
  parentPort?.postMessage(reply, [value.values.buffer as ArrayBuffer]);
});
