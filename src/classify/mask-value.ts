import type { Tag } from "../model/tags.js";

/**
 * Masks a value from a tagged column so that a report can hint at what it saw without
 * disclosing it: `J*** S****`, `CW1 ***`, `j***@e******.com`, `07*** ******`.
 * Never returns the value itself, however short, in whatever script.
 */
export function maskValue(value: string, tag: Tag): string {
  const v = value.trim();
  if (tag === "pii.postcode") {
    const [outward, inward] = v.split(/\s+/, 2);
    // The outward code (a district of thousands) may show; the inward code that narrows it may not.
    if (inward !== undefined && inward !== "") return `${outward} ***`;
    return keepFirst(v, Math.max(0, Math.min(2, v.length - 3)));
  }
  if (tag === "pii.email" && v.includes("@")) {
    const [local, domain] = v.split("@", 2);
    const dot = domain.lastIndexOf(".");
    const tld = dot > 0 ? domain.slice(dot) : "";
    return `${maskWord(local)}@${maskWord(dot > 0 ? domain.slice(0, dot) : domain)}${tld}`;
  }
  if (/\d/.test(v) && !/\p{L}{2}/u.test(v)) {
    // Numbers and codes (phones, account numbers, A01): keep at most a third of the digits.
    return keepFirst(v, Math.min(2, Math.floor(v.replace(/\D/g, "").length / 3)));
  }
  return v.split(/(\s+)/).map(maskWord).join("");
}

/** Keeps the first `keep` letters and digits and stars the others; punctuation and spaces stay. */
function keepFirst(value: string, keep: number): string {
  let shown = 0;
  const masked = value.replace(/[\p{L}\p{N}]/gu, (ch) => (shown++ < keep ? ch : "*"));
  return masked === value ? "*".repeat(Math.max(1, value.length)) : masked;
}

function maskWord(word: string): string {
  if (/^\s*$/.test(word)) return word;
  const chars = [...word];
  if (chars.length <= 1) return "*";
  return chars[0] + "*".repeat(Math.min(chars.length - 1, 8));
}
