import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/finding.js";
import type { Policy } from "../../src/model/policy.js";
import type { Verdict } from "../../src/model/verdict.js";
import { applyOverride, findOverride } from "../../src/policy/apply-override.js";

const policy = {
  override: { allowed: ["personal-data-to-external", "hidden-personal-data"], removeHeader: false },
} as unknown as Policy;

const verdictOf = (...findings: Finding[]): Verdict => ({
  action: findings.some((f) => f.action === "block") ? "block" : findings.length > 0 ? "warn" : "allow",
  findings,
  recipients: [],
  attachments: [],
});
const where = { attachment: "a.xlsx", table: "Sheet1" };
const recipients = { total: 1, external: 1, visible: 1 };
const table = { rows: 30, tags: [], columns: [], recipients };
const pd: Finding = { action: "block", rule: "personal-data-to-external", where, args: table };
const sensitive: Finding = { action: "block", rule: "sensitive-to-external", where, args: table };
const hidden: Finding = {
  action: "warn",
  rule: "hidden-personal-data",
  where,
  args: { rows: 30, hidden: [] },
};
const many: Finding = { action: "warn", rule: "visible-recipients", where, args: { recipients } };
const why = { reason: "agreed with the DPO", sources: ["env" as const] };

describe("findOverride", () => {
  it.each([
    [[], undefined, null],
    [[""], "  ", null],
    [["  "], undefined, null],
    [["agreed"], undefined, { reason: "agreed", sources: ["header"] }],
    [[], " once ", { reason: "once", sources: ["env"] }],
    [["a"], "b", { reason: "a; b", sources: ["header", "env"] }],
    [["same"], "same", { reason: "same", sources: ["header", "env"] }],
  ])("header %j and env %j give %j", (header, env, expected) => {
    expect(findOverride(header as string[], env as string | undefined)).toEqual(expected);
  });
});

describe("applyOverride", () => {
  it("changes nothing without a justification", () => {
    const v = verdictOf(pd);
    expect(applyOverride(v, null, policy)).toBe(v);
    expect(applyOverride(v, { reason: " ", sources: ["env"] }, policy)).toBe(v);
  });

  it("marks the allowed findings overridden and recomputes the verdict from the rest", () => {
    const out = applyOverride(verdictOf(pd, hidden, many), why, policy);
    expect(out.findings.map((f) => [f.rule, f.overridden ?? false])).toEqual([
      ["personal-data-to-external", true],
      ["hidden-personal-data", true],
      ["visible-recipients", false],
    ]);
    expect(out.action).toBe("warn");
  });

  it("allows when every finding is overridden", () => {
    expect(applyOverride(verdictOf(pd), why, policy).action).toBe("allow");
  });

  it("keeps a rule the policy does not list (sensitive-to-external by default) standing", () => {
    const out = applyOverride(verdictOf(sensitive, pd), why, policy);
    expect(out.action).toBe("block");
    expect(out.findings.find((f) => f.rule === "sensitive-to-external")?.overridden).toBeUndefined();
  });

  it("lifts sensitive-to-external only when a policy lists it", () => {
    const open = {
      override: { allowed: ["sensitive-to-external", "personal-data-to-external"], removeHeader: false },
    };
    expect(applyOverride(verdictOf(sensitive, pd), why, open as unknown as Policy).action).toBe("allow");
  });
});
