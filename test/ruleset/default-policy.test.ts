import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { testEngine } from "../helpers/rules.js";

describe("the embedded default policy", () => {
  it("has the limits DEFAULT_LIMITS states, so code that falls back to them agrees with the YAML", () => {
    expect(testEngine().policy.limits).toEqual(DEFAULT_LIMITS);
  });
});
