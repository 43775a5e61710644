import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { columnLetters } from "../../src/report/format-sarif.js";
import { guard, ROOT } from "../helpers/cli.js";
import { guardIn } from "../helpers/scan.js";

// biome-ignore lint/suspicious/noExplicitAny: SARIF is checked field by field below.
type Json = any;

/**
 * Checks what GitHub code scanning requires of an uploaded SARIF file (docs.github.com, "SARIF
 * support for code scanning"), plus what guard promises on top: fingerprints and tags.
 */
function expectGithubSarif(doc: Json): void {
  expect(doc.version).toBe("2.1.0");
  expect(doc.$schema).toMatch(/sarif-2\.1\.0\.json$/);
  expect(doc.runs).toHaveLength(1);
  const run = doc.runs[0];
  const driver = run.tool.driver;
  expect(driver.name).toBe("guard");
  expect(driver.rules.length).toBeGreaterThan(0);
  const ids = driver.rules.map((r: Json) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of driver.rules) {
    expect(rule.id).toMatch(/^[a-z-]+$/);
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.text.length).toBeGreaterThan(0);
    expect(["none", "note", "warning", "error"]).toContain(rule.defaultConfiguration.level);
    expect(rule.properties.tags).toEqual(expect.arrayContaining(["privacy", "security"]));
    expect(Number(rule.properties["security-severity"])).toBeGreaterThanOrEqual(0);
  }
  expect(run.results.length).toBeGreaterThan(0);
  for (const result of run.results) {
    expect(ids).toContain(result.ruleId);
    expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(["note", "warning", "error"]).toContain(result.level);
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(result.locations.length).toBeGreaterThanOrEqual(1);
    const location = result.locations[0].physicalLocation;
    const uri: string = location.artifactLocation.uri;
    // Repository-relative, forward slashes, no scheme, nothing absolute.
    expect(uri).toMatch(/^[^/\\:][^\\:]*$/);
    expect(uri).not.toMatch(/^\.\.?\//);
    expect(Number.isInteger(location.region.startLine)).toBe(true);
    expect(location.region.startLine).toBeGreaterThanOrEqual(1);
    expect(result.partialFingerprints["guardFinding/v1"]).toMatch(/^[0-9a-f]{64}$/);
    expect(result.properties.tags).toEqual(expect.arrayContaining(["privacy", "security"]));
  }
}

/** The SARIF of a scan, with guard's version taken out so goldens survive a release. */
async function sarifOf(paths: string[]): Promise<Json> {
  const run = await guard(["scan", ...paths, "--format", "sarif"]);
  expect(run.code).toBe(2);
  const doc = JSON.parse(run.stdout);
  doc.runs[0].tool.driver.version = "VERSION";
  doc.runs[0].tool.driver.semanticVersion = "VERSION";
  return doc;
}

const GOLDEN = [
  ["scan-files.sarif.json", ["fixtures/files"]],
  ["scan-incidents.sarif.json", ["fixtures/incidents", "fixtures/drafts"]],
] as const;

describe("SARIF for GitHub code scanning", () => {
  it.each(GOLDEN)("%s has every field GitHub requires", async (_golden, paths) => {
    expectGithubSarif(await sarifOf([...paths]));
  });

  it.each(GOLDEN)(
    "equals the golden file test/golden/%s (UPDATE_GOLDEN=1 rewrites it)",
    async (golden, paths) => {
      const path = join(ROOT, "test/golden", golden);
      const text = `${JSON.stringify(await sarifOf([...paths]), null, 2)}\n`;
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, text);
      expect(existsSync(path)).toBe(true);
      expect(text).toBe(readFileSync(path, "utf8"));
    },
  );

  it("places a CSV finding on its header's line, and a workbook's on line 1 with the range in the message", async () => {
    const doc = await sarifOf(["fixtures/files"]);
    const results: Json[] = doc.runs[0].results;
    const csv = results.find((r) =>
      r.locations[0].physicalLocation.artifactLocation.uri.endsWith("voters.csv"),
    );
    expect(csv.locations[0].physicalLocation.region.startLine).toBe(1);
    const book = results.find(
      (r) => r.ruleId === "sensitive-to-external" && r.message.text.includes("Canvass!"),
    );
    expect(book.locations[0].physicalLocation.region.startLine).toBe(1);
    expect(book.message.text).toMatch(/Canvass!G2:G501/);
  });

  it("keeps the fingerprint when rows change, and changes it with the column headers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-sarif-"));
    try {
      const lines = readFileSync(join(ROOT, "fixtures/files/voters.csv"), "utf8").split("\r\n");
      const fingerprints = async (text: string): Promise<string[]> => {
        writeFileSync(join(dir, "voters.csv"), text);
        const out = JSON.parse((await guardIn(dir, ["scan", "voters.csv", "--format", "sarif"])).stdout);
        return out.runs[0].results.map((r: Json) => r.partialFingerprints["guardFinding/v1"]);
      };
      const all = await fingerprints(lines.join("\r\n"));
      expect(all).toHaveLength(2);
      expect(await fingerprints(lines.slice(0, 60).join("\r\n"))).toEqual(all);
      const renamed = await fingerprints(
        [lines[0].replace(",VI", ",Voting intention"), ...lines.slice(1)].join("\r\n"),
      );
      expect(renamed).toHaveLength(2);
      expect(renamed[0]).not.toBe(all[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("columnLetters", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("%i is %s", (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });
});
