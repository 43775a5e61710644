/** UK postcode, per the format in BS 7666 (outward code, space optional, inward code). */
export function isUkPostcode(value: string): boolean {
  return /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i.test(
    value.trim().replace(/\s+/g, " "),
  );
}
