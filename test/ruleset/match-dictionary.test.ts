import { describe, expect, it } from "vitest";
import { matchDictionary } from "../../src/ruleset/match-dictionary.js";

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
