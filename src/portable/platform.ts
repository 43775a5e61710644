import { Gunzip, Inflate } from "fflate";
import type { InflateResult, Platform } from "../model/platform.js";

// Input is fed in small slices: DEFLATE expands at most ~1032:1, so one slice can produce at most
// ~4 MiB before the cap is checked again, and a bomb is stopped near the cap, not after it.
const SLICE = 4 * 1024;

type Streamer = Inflate | Gunzip;

/** Runs an fflate stream over `data`, stopping as "too-large" once its output passes maxBytes. */
function capped(make: () => Streamer, data: Uint8Array, maxBytes: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const stream = make();
  stream.ondata = (chunk) => {
    total += chunk.length;
    if (total > maxBytes) over = true;
    else chunks.push(chunk);
  };
  try {
    for (let at = 0; at < data.length && !over; at += SLICE) {
      const end = Math.min(data.length, at + SLICE);
      stream.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) stream.push(data, true);
  } catch {
    return over ? { ok: false, error: "too-large" } : { ok: false, error: "corrupt" };
  }
  if (over) return { ok: false, error: "too-large" };
  return { ok: true, bytes: joined(chunks, total) };
}

function joined(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Milliseconds from the best clock the runtime has; Outlook's JavaScript-only runtime may lack `performance`. */
function monotonicNow(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

/**
 * The Platform for hosts without Node (a browser page, a mail-client add-in): a pure-JS inflater
 * (fflate) under the same output caps as node:zlib. SheetJS then runs in-process unless the host
 * adds `readWorkbookIsolated` (a Web Worker with a time limit).
 */
export const portablePlatform: Platform = {
  inflateRaw: (data, maxBytes) => capped(() => new Inflate(), data, maxBytes),
  gunzip: (data, maxBytes) => capped(() => new Gunzip(), data, maxBytes),
  now: monotonicNow,
};
