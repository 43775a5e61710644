/**
 * Named checks that detector YAML refers to (`validator: uk-postcode`). Patterns live in YAML;
 * what needs arithmetic or structure lives here. Each takes one trimmed cell value.
 */

/** UK postcode, per the format in BS 7666 (outward code, space optional, inward code). */
export function isUkPostcode(value: string): boolean {
  return /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i.test(
    value.trim(),
  );
}

/** UK telephone number in any common writing: spaces, brackets, dashes, +44 or 0044 prefix. */
export function isUkPhone(value: string): boolean {
  if (!/^[\d\s()+\-.]+$/.test(value)) return false;
  let digits = value.replace(/[^\d+]/g, "");
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

/** A calendar date (ISO, UK day-first with / - or .) between 1900 and 2030. */
export function isPlausibleDate(value: string): boolean {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
  let year: number;
  let month: number;
  let day: number;
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v);
    if (!m) return false;
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 100) year += year > 30 ? 1900 : 2000;
    if (month > 12 && day <= 12) [day, month] = [month, day];
  }
  return year >= 1900 && year <= 2030 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
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
  "adult-age": isAdultAge,
};

/** Names of all validators, for the rules schema. */
export const VALIDATOR_NAMES = Object.keys(VALIDATORS);
