import type { Action } from "../model/policy.js";

/** The contract's exit codes. */
export const EXIT = { allow: 0, warn: 1, block: 2, error: 3 } as const;

/** The exit code for a verdict. */
export const exitFor = (verdict: Action): number => EXIT[verdict];
