import { describe, expect, it } from "vitest";
import type { ClassifiedColumn, ClassifiedTable } from "../../src/model/classified.js";
import { DEFAULT_THRESHOLDS } from "../../src/model/policy.js";
import type { Tag } from "../../src/model/tags.js";
import type { InspectedAttachment } from "../../src/model/verdict.js";
import { classifyRecipients } from "../../src/policy/classify-recipients.js";
import { decide } from "../../src/policy/decide.js";
import { fingerprintFinding } from "../../src/policy/fingerprint-finding.js";
import { toJsonDocument } from "../../src/report/format-json.js";
import { formatSarif } from "../../src/report/format-sarif.js";
import { testEngine } from "../helpers/rules.js";

const column = (index: number, header: string, tags: Tag[]): ClassifiedColumn => ({
  index,
  header,
  hidden: false,
  tags,
  evidence: [],
  profile: { kind: "text", nonEmpty: 1, emptyShare: 0, distinct: 1 },
  maskedSamples: [],
});

// Two columns share the header "Notes"; only the third holds health data.
const table: ClassifiedTable = {
  raw: {
    name: "clinic.csv",
    origin: "csv",
    state: "visible",
    rowCount: 13,
    hiddenRowCount: 0,
    hiddenColumns: [],
  },
  headerRow: 0,
  rows: 12,
  hiddenRows: 0,
  people: 12,
  columns: [
    column(0, "Notes", []),
    column(1, "Name", ["pii.name"]),
    column(2, "Notes", ["sensitive.health"]),
  ],
};
const file: InspectedAttachment = {
  filename: "clinic.csv",
  type: "csv",
  status: "inspected",
  issues: [],
  size: 1,
  tables: [table],
};

describe("findings in the reports", () => {
  const { policy } = testEngine();

  it("SARIF names the column a finding concerns, not every column with its header", () => {
    const verdict = decide([file], [], policy, "scan");
    const findings = verdict.findings.map((finding) => ({ finding, fingerprint: "f".repeat(64) }));
    const scan = {
      action: verdict.action,
      ignored: 0,
      files: [{ path: "clinic.csv", uri: "clinic.csv", verdict, findings, suppressed: [], headerLines: {} }],
    };
    const sarif = JSON.parse(formatSarif(scan, { version: "0", ...policy }));
    const sensitive = sarif.runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === "sensitive-to-external",
    );
    expect(sensitive.message.text).toContain("columns Notes (column 3))");
    expect(sensitive.message.text).not.toContain("column 1)");
  });

  it("SARIF describes a threshold the policy changed beside the default", () => {
    const scan = { action: "allow" as const, ignored: 0, files: [] };
    const ruleText = (rows: number): string =>
      JSON.parse(
        formatSarif(scan, {
          ...policy,
          version: "0",
          thresholds: { ...DEFAULT_THRESHOLDS, personalDataRows: rows },
        }),
      ).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "personal-data-to-external")
        .fullDescription.text;
    expect(ruleText(10)).toContain("(10 by default)");
    expect(ruleText(50)).toContain("(50 in this policy, 10 by default)");
  });

  it("a denied domain keeps its place in the JSON's columns and in the fingerprint", () => {
    const denying = testEngine("deniedDomains: [rival.example]").policy;
    const to = classifyRecipients(
      [{ address: "x@rival.example", field: "to" }],
      ["me@party.org.uk"],
      denying,
    );
    const verdict = decide([], to, denying, "send");
    expect(verdict.findings).toEqual([
      expect.objectContaining({
        rule: "denied-domain",
        where: null,
        args: expect.objectContaining({ domain: "rival.example" }),
      }),
    ]);
    expect(toJsonDocument(verdict).findings).toEqual([
      {
        action: "block",
        rule: "denied-domain",
        message: "A recipient's domain (rival.example) is one the policy denies.",
        columns: ["rival.example"],
      },
    ]);
    const key = fingerprintFinding(verdict.findings[0], "mail.eml", (text) => text);
    expect(key).toBe(JSON.stringify(["guard/v1", "denied-domain", "mail.eml", "", ["rival.example"]]));
  });
});
