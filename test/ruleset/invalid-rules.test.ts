import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseContextText, parseDetectorFiles, parsePolicyText } from "../../src/ruleset/parse-rules.js";

// Broken rule files, each next to the exact problems the loader must report for it (as gitleaks'
// testdata/config/invalid): invalid/<kind>/<case>.yaml and <case>.expected.txt, one problem a line.
const INVALID = join(import.meta.dirname, "invalid");

const parsers = {
  detectors: (file: { path: string; text: string }) => parseDetectorFiles([file]),
  policies: parsePolicyText,
  context: parseContextText,
};

const cases = (kind: keyof typeof parsers) =>
  readdirSync(join(INVALID, kind))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({
      path: `${kind}/${f}`,
      text: readFileSync(join(INVALID, kind, f), "utf8"),
      expected: readFileSync(join(INVALID, kind, f.replace(/\.yaml$/, ".expected.txt")), "utf8")
        .trimEnd()
        .split("\n"),
    }));

describe.each(Object.keys(parsers) as (keyof typeof parsers)[])("broken %s files", (kind) => {
  it.each(cases(kind).map((c) => [c.path, c] as const))("%s", (_path, { path, text, expected }) => {
    const parsed = parsers[kind]({ path, text });
    expect(parsed.ok ? [] : parsed.error).toEqual(expected);
  });
});

it("reports every broken detector file's problems at once", () => {
  const all = cases("detectors");
  const parsed = parseDetectorFiles(all);
  expect(parsed.ok ? [] : parsed.error).toEqual(all.flatMap((c) => c.expected));
});
