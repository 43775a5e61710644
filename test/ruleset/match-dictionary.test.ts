import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchDictionary, wordsOf } from "../../src/ruleset/match-dictionary.js";

describe("wordsOf (its ASCII fast path)", () => {
  it("gives the words the Unicode definition gives, on any text, ASCII or not", () => {
    const reference = (v: string) =>
      v
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .split(/[^\p{L}\p{N}'?]+/u)
        .filter(Boolean);
    const texts = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary-ascii" }));
    fc.assert(
      fc.property(texts, (v) => {
        expect(wordsOf(v)).toEqual(reference(v));
      }),
    );
    expect(wordsOf("Siobhán O'Brien-Smith")).toEqual(["siobhan", "o'brien", "smith"]);
  });

  it("reads `&` and backquotes alike in ASCII and accented values", () => {
    const test = matchDictionary(["cafes and catchments", "o'neill"], "segment");
    expect(["Cafés & Catchments", "Cafes & Catchments", "O`Neill", "O’Neill"].map(test)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});

describe("matchDictionary", () => {
  const segment = matchDictionary(
    ["Municipal Tenants", "Cafés & Catchments", "settled suburbia, older people"],
    "segment",
  );
  it.each([
    ["Municipal Tenants", true],
    ["K - Municipal Tenants", true],
    ["K44 Municipal Tenants", true],
    ["Group K: Municipal Tenants", true],
    ["Municipal Tenants (K)", true],
    ["G26 Cafes and Catchments", true],
    ["1.C.11 Settled suburbia, older people", true],
    ["11 Settled suburbia older people", true],
    ["Tenants", false],
    ["Municipal", false],
  ])("segment: %s -> %s", (value, expected) => {
    expect(segment(value)).toBe(expected);
  });

  const phrase = matchDictionary(["labour", "lab", "green", "not voting", "undecided"], "phrase", [
    "definitely",
    "def",
    "prob",
    "will",
    "vote",
    "soft",
    "won't",
  ]);
  it.each([
    ["Labour", true],
    ["Definitely Labour", true],
    ["Def Lab", true],
    ["will vote Lab", true],
    ["prob Green", true],
    ["Lab (soft)", true],
    ["won't vote Labour", true],
    ["Lab/Green", true],
    ["Not voting", true],
    ["Green Lane", false],
    ["Labour Exchange", false],
    ["will vote", false],
  ])("phrase: %s -> %s", (value, expected) => {
    expect(phrase(value)).toBe(expected);
  });
});
