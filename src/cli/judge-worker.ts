// Worker entry (dist/judge-worker.js) of `guard smtp-filter`: loads the engine once, then judges
// one message per request and posts the outcome back with the memory it holds. It runs in a
// worker thread so a message that takes too long can be stopped (the thread is terminated) and
// a hostile one can exhaust only this thread's heap, never the filter.
import { parentPort, workerData } from "node:worker_threads";
import type { JudgeOutcome } from "../app/filter-message.js";
import { judgeMessage } from "../app/judge-message.js";
import { sha256 } from "../node/digest.js";
import { loadEngine } from "../node/load-engine.js";
import type { WorkerReply } from "../node/worker-pool.js";

const { policy, cwd } = workerData as { policy?: string; cwd: string };
const loaded = await loadEngine(policy, cwd);

/** Judges one message for its envelope recipients; never throws. */
async function judge(bytes: Uint8Array, envelope: string[]): Promise<JudgeOutcome> {
  if (!loaded.ok) return { kind: "error", reason: loaded.error };
  try {
    // The gateway takes no justification from the environment: only the message's own header.
    const judged = await judgeMessage(bytes, loaded.value, {
      envelope,
      overrideEnv: undefined,
      digest: sha256,
    });
    return judged.ok
      ? { kind: "judged", judged: judged.value }
      : { kind: "unreadable", reason: judged.error };
  } catch (error) {
    return { kind: "error", reason: (error instanceof Error ? error.message : String(error)).split("\n")[0] };
  }
}

parentPort?.on("message", async ({ bytes, envelope }: { bytes: Uint8Array; envelope: string[] }) => {
  const value = await judge(bytes, envelope);
  const memory = process.memoryUsage();
  const reply: WorkerReply<JudgeOutcome> = { value, memoryBytes: memory.heapUsed + memory.external };
  parentPort?.postMessage(reply);
});
