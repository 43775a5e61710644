import { expect } from "vitest";
import { guardJson } from "./cli.js";
import { rulesOf } from "./drafts.js";

/** A finding as the JSON report gives it. */
interface ReportFinding {
  rule: string;
  table?: string;
  message: string;
}

/** The hidden-personal-data findings of a JSON report. */
export const hiddenFindings = (json: { findings: ReportFinding[] }) =>
  json.findings.filter((f) => f.rule === "hidden-personal-data");

/**
 * Checks `draft` and expects what a sender to outside should see for people kept out of sight: a
 * block, with one hidden-personal-data finding on `table` whose message says `words`. The report.
 */
export async function expectHiddenBlock(
  draft: string | Uint8Array,
  table: string,
  words: string,
  // biome-ignore lint/suspicious/noExplicitAny: a JSON report, read by the tests as such
): Promise<any> {
  const { code, json } = await guardJson(["check", "-"], draft);
  expect(code).toBe(2);
  expect(rulesOf(json)).toEqual(["hidden-personal-data", "personal-data-to-external"]);
  expect(hiddenFindings(json)).toEqual([
    expect.objectContaining({ table, message: expect.stringContaining(words) }),
  ]);
  return json;
}
