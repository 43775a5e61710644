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
