import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shapeOf } from "../../src/classify/find-header-row.js";

/** The definition shapeOf keeps: four regex replacements, as the classifier first wrote it. */
const byRegex = (cell: string): string =>
  cell
    .replace(/\p{Lu}/gu, "A")
    .replace(/\p{Ll}/gu, "a")
    .replace(/\d/g, "9")
    .replace(/(.)\1+/g, "$1");

describe("shapeOf", () => {
  it("gives a value's shape", () => {
    expect(shapeOf("Jane Smith")).toBe("Aa Aa");
    expect(shapeOf("07700 900123")).toBe("9 9");
    expect(shapeOf("Zoë Brontë, CW1 1AA")).toBe("Aa Aa, A9 9A");
  });

  it("agrees with the regex definition on any text, astral and line breaks included", () => {
    const pieces = fc.constantFrom(
      "A",
      "z",
      "7",
      " ",
      "\n",
      "\r",
      "\u2028",
      "ß",
      "É",
      "ǅ",
      "𝐀",
      "😀",
      "..",
      "-",
      "\ud800",
    );
    const texts = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.array(pieces).map((p) => p.join("")),
      fc.string({ unit: "binary" }),
    );
    fc.assert(
      fc.property(texts, (text) => shapeOf(text) === byRegex(text)),
      { numRuns: 3000 },
    );
  });
});
