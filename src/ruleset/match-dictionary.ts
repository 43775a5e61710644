/** How a dictionary test reads a value (see README, "Write a detector"). */
export type DictionaryMode = "whole" | "token" | "segment" | "phrase";

/**
 * Printable ASCII: nothing to fold, and \p{L}/\p{N} are [A-Za-z]/[0-9]. Most cells are, and this
 * path gives the same words ~2.5x faster (fold and plain were a tenth of classifying a voter list).
 */
const ASCII = /^[\t\n\r -~]*$/;

// Accents are folded ("Siobhán" reads "siobhan") so a plain-ASCII name list still knows the name.
const fold = (value: string): string =>
  ASCII.test(value) ? value.toLowerCase() : value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** A value's words, accents folded: apostrophes and `?` stay inside words. */
export const wordsOf = (value: string): string[] =>
  fold(value)
    .split(/[^\p{L}\p{N}'?]+/u)
    .filter(Boolean);

/** A value as plain words: `Cafés & Catchments` and `cafes and catchments` read the same. */
const plain = (value: string): string =>
  ASCII.test(value)
    ? value
        .toLowerCase()
        .replace(/`/g, "'")
        .replace(/&/g, " and ")
        .replace(/[^a-z0-9']+/g, " ")
        .trim()
    : fold(value)
        .replace(/[’`]/g, "'")
        .replace(/&/g, " and ")
        .replace(/[^\p{L}\p{N}']+/gu, " ")
        .trim();

// A segment's code before or after its name: `B05 Name`, `A - Name`, `Group K`, `1.A.1 Name`, `Name (K)`.
const LEADING_CODE =
  /^(?:(?:mosaic|acorn)\s+)?(?:(?:group|type|category|cat|segment)\s+)?(?:[a-z]\d{0,2}|\d{1,2}(?:\s[a-z](?:\s\d{1,2})?)?)\s+/;
const TRAILING_CODE = /\s+[a-z]?\d{0,2}$/;

/**
 * Compiles a dictionary into a test of one value. `whole`: the value is an entry. `token`: any
 * plain word of it is (full names; values with digits or `@` never pass). `segment`: the value is
 * an entry once a segment code around it is taken off (`B05 Name`, `A - Name`, `1.A.1 Name`).
 * `phrase`: the value is an entry once modifier words before and after it are taken off
 * (`Def Labour`, `will vote Lab`, `prob Green`, `Lab soft`), or two entries (`Lab/LD`).
 */
export function matchDictionary(
  entries: readonly string[],
  mode: DictionaryMode,
  modifiers: readonly string[] = [],
): (value: string) => boolean {
  const whole = new Set(entries.map((w) => w.toLowerCase()));
  const wholeMatch = (v: string) => whole.has(v.toLowerCase().replace(/\s+/g, " ").trim());
  if (mode === "whole") return wholeMatch;
  if (mode === "token") return (v) => !/[@\d]/.test(v) && wordsOf(v).some((w) => whole.has(w));
  const plainEntries = new Set(entries.map(plain));
  if (mode === "segment")
    return (v) => {
      const p = plain(v);
      if (plainEntries.has(p)) return true;
      const name = p.replace(LEADING_CODE, "");
      return plainEntries.has(name) || (name === p && plainEntries.has(p.replace(TRAILING_CODE, "")));
    };
  const mods = new Set(modifiers.flatMap((m) => plain(m).split(" ")));
  return (v) => {
    if (wholeMatch(v)) return true;
    const tokens = plain(v).split(" ");
    let from = 0;
    let to = tokens.length;
    while (from < to && mods.has(tokens[from])) from++;
    while (to > from && mods.has(tokens[to - 1])) to--;
    if (from >= to) return false;
    const rest = tokens.slice(from, to);
    // Two answers in one (`Lab/LD`, `Con or Reform`) are both opinions.
    return plainEntries.has(rest.join(" ")) || rest.every((t) => plainEntries.has(t) || t === "or");
  };
}
