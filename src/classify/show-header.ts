import type { Ruleset } from "../model/ruleset.js";
import type { Tag } from "../model/tags.js";
import { normaliseHeader } from "../ruleset/normalise-header.js";
import { shapeOf } from "./find-header-row.js";
import { maskValue } from "./mask-value.js";
import { matchHeader } from "./match-header.js";

/** Longest header shown as written: a label, as find-header-row takes one (a question is a label). */
export const MAX_HEADER_SHOWN = 60;

/**
 * The header a report may print for a column: as written when it looks like a header, else masked
 * like a value (`J*** S****`) and cut to MAX_HEADER_SHOWN characters. A header looks like one when
 * it is short, on one line, not a value a detector recognises without a header (an address, a
 * postcode), and not shaped like the values below it unless it is a known header word. A header
 * row that is really data must never print its cells: an HTML page read as CSV once made whole
 * files (names, phones, voting intentions) one "column name" in the text, JSON and SARIF reports.
 */
export function showHeader(
  header: string | null,
  values: string[],
  tags: Tag[],
  ruleset: Ruleset,
): string | null {
  if (header === null || header === "") return header;
  if (looksLikeHeader(header, values, tags, ruleset)) return header;
  const cut = [...header.replace(/\s+/g, " ")].slice(0, MAX_HEADER_SHOWN).join("");
  return maskValue(cut, tags[0] ?? "pii.name");
}

function looksLikeHeader(header: string, values: string[], tags: Tag[], ruleset: Ruleset): boolean {
  if (header.length > MAX_HEADER_SHOWN || /[\r\n]/.test(header)) return false;
  // A value a detector recognises by itself (an address, a phone), or one its column's tags were
  // given for (`Green Party` above a column of parties), is data, whatever words it holds.
  const tagged = new Set(tags);
  // Only lists and validators speak for a tagged column: a shape pattern fits `Surname` as well.
  const specific = (label: string): boolean => /^(dictionary|validator)/.test(label);
  const isValue = ruleset.detectors.some((d) =>
    d.values.some((t) => (!t.needsHeader || (tagged.has(d.tag) && specific(t.label))) && t.test(header)),
  );
  if (isValue) return false;
  // A header holding its column's values is data, and so is a tagged column's own value (`Labour`
  // above Labour, Con, LD); markup is a page read as a table.
  if (/<[a-z!/]/i.test(header)) return false;
  const lower = header.toLowerCase();
  const holds = (v: string): boolean =>
    v.length >= 4 && lower.length > v.length && lower.includes(v.toLowerCase());
  if (values.some(holds) || (tags.length > 0 && values.some((v) => v.toLowerCase() === lower))) return false;
  if (ruleset.detectors.some((d) => matchHeader(d, normaliseHeader(header)) !== null)) return true;
  // Single words are left alone: `Surname` over `Smith` has the shape of its values too. Above a
  // tagged column with no values, words with digits or spaces may be its last row of data.
  if (!/[\s\d]/.test(header)) return true;
  if (values.length === 0) return tags.length === 0;
  const shape = shapeOf(header);
  return values.filter((v) => shapeOf(v) === shape).length < 0.6 * values.length;
}
