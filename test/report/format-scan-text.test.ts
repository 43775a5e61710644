import { describe, expect, it } from "vitest";
import type { ScanResult } from "../../src/model/scan.js";
import type { Verdict } from "../../src/model/verdict.js";
import { formatScanText, summaryLine } from "../../src/report/format-scan-text.js";

const verdict = (v: Verdict["action"], path: string): Verdict => ({
  action: v,
  findings:
    v === "allow"
      ? []
      : [
          {
            action: v,
            rule: v === "block" ? "personal-data-to-external" : "some-personal-data-to-external",
            where: { attachment: path },
            args: {
              rows: 12,
              tags: ["pii.name"],
              columns: [{ index: 0, label: "Name" }],
              recipients: { total: 0, external: 1, visible: 0 },
            },
          },
        ],
  recipients: [],
  attachments: [],
});

function scan(verdicts: [Verdict["action"], string][], ignored = 0): ScanResult {
  return {
    action: "block",
    ignored,
    files: verdicts.map(([v, path]) => {
      const vd = verdict(v, path);
      return {
        path,
        uri: path,
        verdict: vd,
        findings: vd.findings.map((finding) => ({ finding, fingerprint: "ab" })),
        suppressed: [],
        headerLines: {},
      };
    }),
  };
}

describe("the scan's text report", () => {
  const three = scan([
    ["block", "a.csv"],
    ["warn", "b.csv"],
    ["allow", "c.csv"],
  ]);

  it("groups findings by file, leaves quiet files to the count, ends with one summary line", () => {
    const text = formatScanText(three, { color: false });
    expect(text).toMatch(/^a\.csv: BLOCK\n {2}x BLOCK personal-data-to-external\n/);
    expect(text).toContain("b.csv: WARN\n  ! WARN some-personal-data-to-external\n");
    expect(text).not.toContain("c.csv");
    expect(text.trimEnd().split("\n").at(-1)).toBe("3 files, 1 blocked, 1 warned, 1 allowed");
    expect(text).not.toContain("\x1b[");
  });

  it("colours verdicts only when asked", () => {
    expect(formatScanText(three, { color: true })).toContain("\x1b[31mBLOCK\x1b[0m");
  });

  it("says what was set aside", () => {
    expect(summaryLine(scan([["allow", "a.csv"]], 2))).toBe(
      "1 file, 0 blocked, 0 warned, 1 allowed (2 files ignored)",
    );
  });
});
