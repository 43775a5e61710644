// The one date rule for spreadsheets, so the same Excel date cell reads the same from xlsx (our
// reader), xls, xlsb and ods (SheetJS) and the legacy reader. A date cell reads as Excel shows it,
// in ISO form: `YYYY-MM-DD HH:MM[:SS]` when its number format shows a time of day and that time is
// not midnight, `YYYY-MM-DD` otherwise (a date of birth stored with a stray fraction of a day but
// formatted dd/mm/yyyy stays a date, which is what the date-of-birth detectors match). Times are
// rounded to the nearest second first, as Excel does before it shows a cell.

/** Excel's last date (9999-12-31) as a 1900-system serial. */
const MAX_SERIAL = 2958465;
const SECONDS_PER_DAY = 86_400;
/** Built-in number formats that show a date (ECMA-376 18.8.30 plus the East Asian date ids). */
export const BUILTIN_DATE_FORMATS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Days from 1970-01-01 back to Excel's day 0 in each date system. */
const EPOCH_1900 = -25568; // 1899-12-31, for serials 1..59
const EPOCH_1900_LATE = -25569; // 1899-12-30, for serials from 61, past the fictional 1900-02-29
const EPOCH_1904 = -24107; // 1904-01-01

/** What a number format shows of a serial: no date, a date, or a date with its time of day. */
export type DateFormatKind = "none" | "date" | "date-time";

/** Built-in format 22 (`m/d/yy h:mm`) is the one built-in date format with a time of day. */
export function builtinDateFormatKind(id: number): DateFormatKind {
  return id === 22 ? "date-time" : BUILTIN_DATE_FORMATS.has(id) ? "date" : "none";
}

/** A format code with literals, padding, colours and AM/PM markers taken out, lower-cased. */
function bareFormat(code: string): string {
  return code
    .replace(/"[^"]*"/g, "") // literal text
    .replace(/\\./g, "") // escaped characters
    .replace(/[_*]./g, "") // padding and fill characters
    .replace(/\[(h+|m+|s+)\]/gi, "$1") // elapsed time keeps its letter
    .replace(/\[[^\]]*\]/g, "") // colours, conditions, locales
    .toLowerCase()
    .replace(/am\/pm|a\/p/g, "");
}

/** Whether a number format code shows a date: it has d or y, or m without h or s (minutes). */
export function isDateFormat(code: string): boolean {
  const bare = bareFormat(code);
  if (/[dy]/.test(bare)) return true;
  return bare.includes("m") && !/[hs]/.test(bare);
}

/** What a number format code shows: a date format with h or s also shows the time of day. */
export function dateFormatKind(code: string): DateFormatKind {
  if (!isDateFormat(code)) return "none";
  return /[hs]/.test(bareFormat(code)) ? "date-time" : "date";
}

/** Days since 1970-01-01 as `YYYY-MM-DD`, by arithmetic: Date#toISOString is the bottleneck of
 * a date-heavy sheet. Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms". */
function isoFromEpochDays(epochDays: number): string {
  const z = epochDays + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${two(month)}-${two(day)}`;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Seconds into a day as ` HH:MM` or ` HH:MM:SS`; nothing at midnight or when not shown. */
function timeOfDay(seconds: number, showTime: boolean): string {
  if (seconds === 0 || !showTime) return "";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return ` ${two(h)}:${two(m)}${s ? `:${two(s)}` : ""}`;
}

/**
 * An Excel date serial as text by the rule above (`showTime`: the cell's format shows a time of
 * day), keeping Excel's fictional 1900-02-29 (Lotus
 * 1-2-3's leap-year bug); undefined outside Excel's dates (before day 1, or 0 in 1904, past 9999).
 */
export function formatExcelSerial(serial: number, date1904: boolean, showTime = false): string | undefined {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > MAX_SERIAL) return undefined;
  const total = Math.round(serial * SECONDS_PER_DAY);
  const days = Math.floor(total / SECONDS_PER_DAY);
  const time = timeOfDay(total - days * SECONDS_PER_DAY, showTime);
  if (date1904) return isoFromEpochDays(EPOCH_1904 + days) + time;
  if (days === 60) return `1900-02-29${time}`;
  return isoFromEpochDays((days < 60 ? EPOCH_1900 : EPOCH_1900_LATE) + days) + time;
}

/**
 * An ISO 8601 date or date-time as stored by OOXML (`<c t="d">`, pivot `<d v>`) or a JS Date's
 * ISO string, by the same rule (`showTime`: the cell's format shows a time of day); text that is
 * not one is returned as it is.
 */
export function formatIsoDateTime(text: string, showTime = false): string {
  const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?/.exec(text);
  if (!m) return text;
  if (m[2] === undefined || !showTime) return m[1];
  const fraction = m[5] ? Number(`0.${m[5]}`) : 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0) + fraction;
  // A fraction rounding up to the next day (23:59:59.6) is kept on its own day: rare, and the day is
  // what a date of birth is matched on.
  return m[1] + timeOfDay(Math.min(Math.round(seconds), SECONDS_PER_DAY - 1), true);
}
