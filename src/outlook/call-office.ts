import type { Callback } from "./office.js";

/** An Office call that failed: which call, and Office's error name (never item content). */
export class OfficeCallError extends Error {
  constructor(
    readonly call: string,
    readonly officeError: string,
  ) {
    super(`${call} failed: ${officeError}`);
  }
}

/**
 * Runs one callback-style Office call as a promise, rejecting with an OfficeCallError when Office
 * reports failure or the call itself throws (an API missing from an older client).
 */
export function callOffice<T>(call: string, invoke: (callback: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result && result.status === "succeeded") resolve(result.value);
        else {
          const error = result?.error;
          reject(new OfficeCallError(call, error?.name || error?.message || "unknown error"));
        }
      });
    } catch (error) {
      reject(new OfficeCallError(call, error instanceof Error ? error.message : String(error)));
    }
  });
}
