import { type Limits, limitMet } from "../model/limits.js";
import type { ReadResult } from "../model/table.js";
import { ScanTimeout } from "./xml/xml-scanner.js";

/**
 * A look at the draft's clock for a reader's loop: `late` is asked on the first turn and every
 * `every` turns after (a clock read costs far more than a turn), and time up throws ScanTimeout,
 * as the XML scanner does, for the reader's caller to turn into a TIMEOUT issue.
 */
export function clockTick(late: (() => boolean) | undefined, every: number): () => void {
  if (late === undefined) return () => {};
  let turns = 0;
  return () => {
    if (turns++ % every === 0 && late()) throw new ScanTimeout();
  };
}

/** Runs a reader that ticks the clock: time up mid-read makes the whole file TIMEOUT, never half read. */
export function readInTime(limits: Limits, read: () => ReadResult): ReadResult {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ScanTimeout)) throw error;
    return {
      tables: [],
      issues: [{ code: "TIMEOUT", path: "", limit: limitMet(limits, "maxSecondsPerDraft") }],
    };
  }
}

/** What a text reader on the draft's clock is given: the limits, the table's name, the clock. */
export interface TextReadContext {
  limits: Limits;
  name: string;
  late?: () => boolean;
}

/** Runs a text reader with a tick of the draft's clock every 1,024 turns of its loop (readInTime). */
export const readTicking = (ctx: TextReadContext, read: (tick: () => void) => ReadResult): ReadResult =>
  readInTime(ctx.limits, () => read(clockTick(ctx.late, 1024)));
