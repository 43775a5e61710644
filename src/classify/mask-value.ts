import type { Tag } from "../model/tags.js";

/**
 * Masks a value from a tagged column so that a report can hint at what it saw without
 * disclosing it: `J*** S****`, `CW1 ***`, `j***@e******.com`, `07*** ******`.
 * Never returns the value itself, however short.
 */
export function maskValue(value: string, tag: Tag): string {
  const v = value.trim();
  if (tag === "pii.postcode") {
    const [outward] = v.split(/\s+/);
    return v.includes(" ") ? `${outward} ***` : `${v.slice(0, 2)}*****`;
  }
  if (tag === "pii.email" && v.includes("@")) {
    const [local, domain] = v.split("@", 2);
    const dot = domain.lastIndexOf(".");
    const tld = dot > 0 ? domain.slice(dot) : "";
    return `${maskWord(local)}@${maskWord(dot > 0 ? domain.slice(0, dot) : domain)}${tld}`;
  }
  if (/\d/.test(v) && !/[a-z]{2}/i.test(v)) {
    // Numbers and codes (phones, account numbers, A01): keep at most a third of the digits.
    const keep = Math.min(2, Math.floor(v.replace(/\D/g, "").length / 3));
    let shown = 0;
    return v.replace(/\d/g, (d) => (shown++ < keep ? d : "*"));
  }
  return v.split(/(\s+)/).map(maskWord).join("");
}

function maskWord(word: string): string {
  if (/^\s*$/.test(word)) return word;
  if (word.length <= 1) return "*";
  return word[0] + "*".repeat(Math.min(word.length - 1, 8));
}
