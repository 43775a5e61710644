import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { DEFAULT_THRESHOLDS } from "../../src/model/policy.js";
import { RULE_IDS } from "../../src/model/rule-catalogue.js";
import { testEngine } from "../helpers/rules.js";

describe("the embedded default policy", () => {
  it("has the limits DEFAULT_LIMITS states, so code that falls back to them agrees with the YAML", () => {
    expect(testEngine().policy.limits).toEqual(DEFAULT_LIMITS);
  });
});

describe("the rule catalogue and the default policy", () => {
  const { policy } = testEngine();

  it("gives every rule of the catalogue an action", () => {
    for (const id of RULE_IDS) expect(["block", "warn"]).toContain(policy.actions[id]);
    expect(Object.keys(policy.actions).sort()).toEqual([...RULE_IDS].sort());
  });

  it("has the thresholds DEFAULT_THRESHOLDS states", () => {
    expect(policy.thresholds).toEqual(DEFAULT_THRESHOLDS);
  });
});
