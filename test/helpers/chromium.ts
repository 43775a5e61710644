import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`, which .ci/run does). */
export const CHROMIUM = process.env.GUARD_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Why the browser tests cannot run here, or undefined when they can. In CI (`CI` set) a missing
 * Chromium is a failure, not a skip: the caller throws this message instead of skipping.
 */
export const chromiumMissing = (): string | undefined =>
  existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

/**
 * Whether the Chromium tests of `suite` run here: undefined when they can, else the reason they skip
 * (with a warning). With `CI` set a missing Chromium throws instead: CI must never skip them.
 */
export function chromiumOrSkip(suite: string): string | undefined {
  const missing = chromiumMissing();
  if (missing && process.env.CI) throw new Error(`${suite} need Chromium in CI: ${missing}`);
  if (missing) console.warn(`skipping ${suite}: ${missing}`);
  return missing;
}

/** Headless Chromium with a throwaway profile (playwright's own), no sandbox (root in CI), no network chatter. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 120_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
