import type { NumericSeries } from "../model/classified.js";

/** Values needed before a column's numbers can be called a series. */
const MIN_VALUES = 3;

// Unix time from 2000-01-01 to 2050-01-01, in seconds (10 digits) or milliseconds (13 digits).
const EPOCH_FROM = 946_684_800;
const EPOCH_TO = 2_524_608_000;
/** A log or export spans days or years, not decades: five years at most. */
const EPOCH_SPREAD = 5 * 365 * 86_400;

/**
 * What a column of numbers is when it is a series rather than a list of people's numbers:
 * `sequence` (row or invoice numbers counting up by a constant step), `timestamps` (Unix times
 * within five years of each other), `fixed-id` (constant-length identifiers sharing at least half
 * their digits as a prefix: stock items, sensors, orders), `measurements` (decimal readings).
 * Null for anything else. Digits written with a leading zero are left alone: only a writer that
 * kept text keeps a zero, and that is how phone numbers are typed. With no matching header, a
 * series is not read as phones, elector numbers or ages (see score-column.ts).
 */
export function numericSeries(values: readonly string[]): NumericSeries | null {
  if (values.length < MIN_VALUES) return null;
  if (values.filter((v) => /^\d+\.\d+$/.test(v)).length >= 0.8 * values.length) return "measurements";
  // A stray value (`n/a`, a header row taken for data) does not unmake a series.
  const digits = values.filter((v) => /^[1-9]\d*$/.test(v));
  if (digits.length < MIN_VALUES || digits.length < 0.8 * values.length) return null;
  const numbers = digits.map(Number);
  if (isSequence(numbers)) return "sequence";
  if (isTimestamps(digits, numbers)) return "timestamps";
  if (isFixedId(digits)) return "fixed-id";
  return null;
}

function isSequence(numbers: number[]): boolean {
  const steps = new Map<number, number>();
  for (let i = 1; i < numbers.length; i++) {
    const step = numbers[i] - numbers[i - 1];
    steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  const [step, count] = [...steps].sort((a, b) => b[1] - a[1])[0];
  return step !== 0 && Math.abs(step) <= 10 && count >= 0.8 * (numbers.length - 1);
}

function isTimestamps(values: readonly string[], numbers: number[]): boolean {
  const length = values[0].length;
  if ((length !== 10 && length !== 13) || values.some((v) => v.length !== length)) return false;
  const seconds = length === 13 ? numbers.map((n) => Math.floor(n / 1000)) : numbers;
  const min = Math.min(...seconds);
  const max = Math.max(...seconds);
  return min >= EPOCH_FROM && max < EPOCH_TO && max - min <= EPOCH_SPREAD;
}

function isFixedId(values: readonly string[]): boolean {
  const length = values[0].length;
  if (length < 6 || values.some((v) => v.length !== length)) return false;
  let prefix = length;
  for (const v of values) {
    let i = 0;
    while (i < prefix && v[i] === values[0][i]) i++;
    prefix = i;
  }
  return prefix >= length / 2;
}
