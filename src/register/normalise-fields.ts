import { isUkPhone, isUkPostcode } from "../validators/index.js";

// One form per value, whatever the layout it came in: a register built from one export matches
// the same people in another with other headers, cases, spacing and name order.

/** Words of a name that say nothing about who it is. */
const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "sir",
  "dame",
  "rev",
  "lord",
  "lady",
  "cllr",
]);

const ASCII = /^[\x20-\x7e]*$/;

/** A name's words: lower case, accents off, titles dropped, sorted ("Smith, Jane" = "Jane SMITH"). */
export function normaliseName(value: string): string | null {
  // Plain ASCII (most names) has no accents to take off: NFD is the slow part of this function.
  const bare = ASCII.test(value) ? value : value.normalize("NFD").replace(/\p{M}/gu, "");
  const words = bare
    .toLowerCase()
    .split(/[^\p{L}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ""))
    .filter((w) => w.length > 0 && !TITLES.has(w));
  // One word is not a person; more than five is a sentence.
  if (words.length < 2 || words.length > 5) return null;
  return words.sort().join(" ");
}

// Cheap tests a value must pass before the full reading is tried: most cells of a table are none
// of these, and look-ups run as cold code in a fresh process, where every step costs.
/** A postcode's inward code ends a value (a digit and two letters, spaces allowed between). */
const ENDS_LIKE_POSTCODE = /\d\s*[a-z]\s*[a-z]\s*$/i;
/** A UK phone number has at least ten digits, whatever is written around them. */
const TEN_DIGITS = /(?:\d\D*){10}/;

/** A UK postcode in upper case without spaces (`cw1 1aa` -> `CW11AA`), or null. */
export function normalisePostcode(value: string): string | null {
  if (!ENDS_LIKE_POSTCODE.test(value)) return null;
  const compact = value.replace(/\s+/g, "").toUpperCase();
  if (compact.length < 5 || compact.length > 7) return null;
  const spaced = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return isUkPostcode(spaced) ? compact : null;
}

/** A UK phone number in E.164 (`07700 900123` -> `+447700900123`), or null. */
export function normalisePhone(value: string): string | null {
  if (!TEN_DIGITS.test(value)) return null;
  const trimmed = value.trim().replace(/^="?|"$/g, "");
  if (!isUkPhone(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.startsWith("44")) return `+${digits.replace(/^440/, "44")}`;
  if (digits.startsWith("0")) return `+44${digits.slice(1)}`;
  return null;
}

/** An email address in lower case, or null. */
export function normaliseEmail(value: string): string | null {
  if (!value.includes("@")) return null;
  const match = /^<?\s*([^\s@<>]+@[^\s@<>]+\.[a-z]{2,})\s*>?$/i.exec(value.trim());
  return match ? match[1].toLowerCase() : null;
}

/** An elector number: polling district letters and a number (`AB-123`, `AB 123/1` -> `AB123/1`), or null. */
export function normaliseElector(value: string): string | null {
  const match = /^([A-Z]{1,4})[\s-]*(\d{1,6})(?:[\s./-]+(\d{1,2}))?$/i.exec(value.trim());
  if (!match) return null;
  const [, district, number, suffix] = match;
  return `${district.toUpperCase()}${Number(number)}${suffix ? `/${Number(suffix)}` : ""}`;
}
