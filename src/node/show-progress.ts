import type { Progress } from "../model/progress.js";

/** Redraws at most this often: a terminal is slow, and a 1 GB CSV reads a thousand chunks. */
const INTERVAL_MS = 100;

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Progress on standard error, redrawn in place. Only on a terminal and outside CI (`CI` set, as
 * every CI service sets it), so logs and pipes stay clean; elsewhere it does nothing.
 */
export function showProgress(
  total: number,
  stream: NodeJS.WriteStream | null = process.stderr,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Progress {
  const enabled = stream?.isTTY === true && !env.CI && total > 0;
  let done = 0;
  let read = 0;
  let last = 0;
  const draw = (force: boolean): void => {
    const now = Date.now();
    if (!enabled || (!force && now - last < INTERVAL_MS)) return;
    last = now;
    stream?.write(`\r\x1b[Kguard: ${done}/${total} files, ${mb(read)} read`);
  };
  return {
    bytes: (count) => {
      read += count;
      draw(false);
    },
    fileDone: () => {
      done++;
      draw(false);
    },
    end: () => {
      if (enabled && last > 0) stream?.write("\r\x1b[K");
    },
  };
}
