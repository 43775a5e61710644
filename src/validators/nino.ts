/** UK National Insurance number (HMRC format; prefixes BG, GB, NK, KN, TN, NT, ZZ are never issued). */
export function isNino(value: string): boolean {
  const v = value.replace(/\s/g, "").toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(v)) return false;
  return !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].includes(v.slice(0, 2));
}
