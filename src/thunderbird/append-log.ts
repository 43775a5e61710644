import type { AuditRecord } from "../report/audit-record.js";
import type { PolicySource } from "./load-policy.js";
import type { ThunderbirdApi } from "./thunderbird-api.js";

/** How many decisions the local log keeps; the oldest go first. */
export const LOG_LIMIT = 500;

/** A decision the add-on made, as its local log keeps it. */
export type LogEntry =
  | (Omit<AuditRecord, "messageSha256" | "attachments"> & {
      attachments: { filename: string; size: number }[];
      /** Milliseconds from Send to the verdict. */
      ms: number;
      policy: PolicySource;
    })
  | { time: string; mode: "thunderbird"; outcome: "error"; error: string; ms: number };

let queue: Promise<void> = Promise.resolve();

/**
 * Appends one decision to the add-on's log (storage.local `log`, shown on the options page).
 * Writes are queued so two sends at once do not overwrite each other's entry. Like the CLI's
 * audit log it holds rule ids, counts, recipient domains and justifications, never a cell value
 * nor a whole recipient address.
 */
export function appendLog(api: ThunderbirdApi, entry: LogEntry): Promise<void> {
  queue = queue
    .catch(() => {})
    .then(async () => {
      const { log } = await api.storage.local.get("log");
      const entries = Array.isArray(log) ? (log as LogEntry[]) : [];
      await api.storage.local.set({ log: [...entries, entry].slice(-LOG_LIMIT) });
    });
  return queue;
}
