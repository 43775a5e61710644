/**
 * Named checks that detector YAML refers to (`validator: uk-postcode`). Patterns live in YAML;
 * what needs arithmetic or structure lives here. Each takes one trimmed cell value.
 */

/** UK postcode, per the format in BS 7666 (outward code, space optional, inward code). */
export function isUkPostcode(value: string): boolean {
  return /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i.test(
    value.trim().replace(/\s+/g, " "),
  );
}

/** UK telephone number in any common writing: spaces, brackets, dashes, +44 or 0044 prefix. */
export function isUkPhone(value: string): boolean {
  // Drop what people write around a number: "(mob)", "home", "ext 12", the "(0)" of "+44 (0)7700".
  const v = value
    .toLowerCase()
    .replace(/\s*(\(?(mob|mobile|home|work|h|w|m|tel|day|eve|evening)\)?|(ext|x)\.? ?\d{1,5})\s*$/, "")
    .replace(/^(\+44|0044)\s*\(0\)\s*/, "$1");
  if (!/^[\d\s()+\-.]+$/.test(v)) return false;
  let digits = v.replace(/[^\d+]/g, "");
  if (digits.startsWith("+44")) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith("0044")) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith("44") && digits.length === 12) digits = `0${digits.slice(2)}`;
  // A leading zero lost to a spreadsheet's number format: 1270123456 or 7700900123.
  else if (/^[1-9]\d{9}$/.test(digits)) digits = `0${digits}`;
  // Ofcom numbering: 10 or 11 digits after the trunk prefix 0 (01, 02, 03, 05, 07, 08).
  return /^0(1\d{8,9}|2\d{9}|3\d{9}|5\d{9}|7\d{9}|8\d{8,9})$/.test(digits);
}

/** UK National Insurance number (HMRC format; prefixes BG, GB, NK, KN, TN, NT, ZZ are never issued). */
export function isNino(value: string): boolean {
  const v = value.replace(/\s/g, "").toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(v)) return false;
  return !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].includes(v.slice(0, 2));
}

/** Payment card number with a valid Luhn check digit (ISO/IEC 7812). */
export function isLuhnCard(value: string): boolean {
  const digits = value.replace(/[\s-]/g, "");
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBAN with a valid ISO 13616 mod-97 check. */
export function isIban(value: string): boolean {
  const v = value.replace(/\s/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(v)) return false;
  const rearranged = v.slice(4) + v.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const n = ch >= "A" ? ch.charCodeAt(0) - 55 : Number(ch);
    remainder = (remainder * (n > 9 ? 100 : 10) + n) % 97;
  }
  return remainder === 1;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Reads a date written the usual ways (ISO, UK day-first with / - . or a month name); null if not a date. */
export function readDate(value: string): { year: number; month: number; day: number } | null {
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

function validDate(
  year: number,
  month: number,
  day: number,
): { year: number; month: number; day: number } | null {
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

/** A whole number that could be an adult's age in years. */
export function isAdultAge(value: string): boolean {
  return /^\d{2,3}$/.test(value.trim()) && Number(value) >= 16 && Number(value) <= 110;
}

/** The validators by the name detectors use. */
export const VALIDATORS: Record<string, (value: string) => boolean> = {
  "uk-postcode": isUkPostcode,
  "uk-phone": isUkPhone,
  nino: isNino,
  "luhn-card": isLuhnCard,
  iban: isIban,
  "plausible-date": isPlausibleDate,
  "birth-date": isBirthDate,
  "adult-age": isAdultAge,
};

/** Names of all validators, for the rules schema. */
export const VALIDATOR_NAMES = Object.keys(VALIDATORS);
