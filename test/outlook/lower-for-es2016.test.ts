import { runInNewContext } from "node:vm";
import { parse } from "acorn";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandPatternsIn, expandPropertyEscapes, lowerForEs2016 } from "../../scripts/lower-for-es2016.js";

describe("expandPropertyEscapes", () => {
  it.each([
    ["\\p{L}+", "u"],
    ["[^\\p{L}\\p{N}'?]+", "gu"],
    ["^\\p{Lu}[\\p{L}'’\\-]*$", "iu"],
    ["\\P{L}", "gu"],
    ["[\\P{L}x]", "gu"],
    ["\\p{M}", "gu"],
  ])("spells out /%s/%s with the same matches and no \\p{}", (pattern, flags) => {
    const expanded = expandPropertyEscapes(pattern);
    expect(expanded).not.toMatch(/\\[pP]\{/);
    // Valid ES2016 (ES2015 /u with \u{...} escapes), as a literal.
    expect(() => parse(`/${expanded}/${flags}`, { ecmaVersion: 2016 })).not.toThrow();
    const samples = fc.string({
      unit: fc.oneof(
        fc.constantFrom(..."aZéÆßЖж日1٣'’- "),
        fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      ),
    });
    fc.assert(
      fc.property(samples, (text) => {
        expect(text.match(new RegExp(expanded, flags))).toEqual(text.match(new RegExp(pattern, flags)));
      }),
    );
  });

  it("leaves a pattern without property escapes, and an escaped backslash, alone", () => {
    expect(expandPropertyEscapes("\\\\p{L}\\d")).toBe("\\\\p{L}\\d");
    expect(expandPatternsIn({ a: ["x\\p{Lu}"], b: 1 })).toEqual({
      a: [`x[${expandPropertyEscapes("\\p{Lu}").slice(1, -1)}]`],
      b: 1,
    });
  });
});

describe("lowerForEs2016", () => {
  const program = `
    var log = [];
    function f(x) { log.push(x); return x; }
    var out = [];
    for (var i = 0; i < 4; i++) out.push(f(i % 2) ? (i > 2 ? f(0) : f("")) : i === 0 ? null : f(undefined));
    var g = function* () { var y = (yield 1) ? yield 2 : 3; return y; };
    var it = g(); it.next(); var r1 = it.next(true).value; var r2 = it.next(0).value;
    var arrow = (a) => a ? a + 1 : a - 1;
    out.push(r1, r2, arrow(1), arrow(0), typeof (1 ? function () {} : 0), /\\p{Lu}/u.test("É") ? "upper" : "lower");
    JSON.stringify({ out: out, log: log });
  `;

  it("keeps what the code computes, evaluating each test once and only the branch taken", () => {
    const lowered = lowerForEs2016(program);
    expect(runInNewContext(lowered)).toBe(runInNewContext(program));
  });

  it("leaves no conditional operator and no property escape", () => {
    const lowered = lowerForEs2016(program);
    expect(lowered).not.toMatch(/\\p\{/);
    expect(JSON.stringify(parse(lowered, { ecmaVersion: 2016 }))).not.toContain('"ConditionalExpression"');
  });
});
