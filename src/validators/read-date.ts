const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A calendar date as read from a cell. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Reads a date written the usual ways (ISO, UK day-first with / - . or a month name); null if not a date. */
export function readDate(value: string): CalendarDate | null {
  const v = value.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[t ].*)?$/.exec(v);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const named = /^(\d{1,2})[/. -]([a-z]{3})[a-z]*\.?[/. -](\d{2}|\d{4})$/.exec(v);
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v);
  const m = named ?? numeric;
  if (m === null) return null;
  let day = Number(m[1]);
  let month = named ? MONTHS.indexOf(m[2]) + 1 : Number(m[2]);
  // Day first, as in the UK, unless that cannot be (an American 12/31/1980).
  if (!named && month > 12 && day <= 12) [day, month] = [month, day];
  // Two-digit years: a date of birth is in the past, so 54 is 1954 and 05 is 2005.
  const year = m[3].length === 2 ? Number(m[3]) + (Number(m[3]) > 30 ? 1900 : 2000) : Number(m[3]);
  return validDate(year, month, day);
}

function validDate(year: number, month: number, day: number): CalendarDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

/** A calendar date between 1900 and 2030. */
export function isPlausibleDate(value: string): boolean {
  const date = readDate(value);
  return date !== null && date.year >= 1900 && date.year <= 2030;
}

/** A date that can be an adult's date of birth: 1900 to 2010 (who is on a roll or a list). */
export function isBirthDate(value: string): boolean {
  const date = readDate(value);
  return date !== null && date.year >= 1900 && date.year <= 2010;
}
