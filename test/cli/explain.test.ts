import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { guard } from "../helpers/cli.js";

/** Values of a CSV's columns by header (a plain split: the fixture has no quoted commas). */
function csvColumns(path: string): Map<string, string[]> {
  const [header, ...rows] = readFileSync(path, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  const names = header.split(",");
  return new Map(names.map((name, i) => [name, rows.map((r) => r.split(",")[i] ?? "")]));
}

describe("guard explain", () => {
  it.each([
    ["fixtures/files/voters.csv", "voters.csv"],
    ["fixtures/files/canvass.xlsx", "Canvass"],
    ["fixtures/drafts/small-list.eml", "guests.csv"],
  ])("explains %s table by table", async (file, table) => {
    const { code, stdout, stderr } = await guard(["explain", file]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`table "${table}"`);
    expect(stdout).toMatch(/tags: pii\./);
    expect(stdout).toMatch(/values sampled, \d+% empty, \d+ distinct/);
  });

  it("says why a column was not tagged", async () => {
    const { stdout } = await guard(["explain", "fixtures/files/results.csv"]);
    expect(stdout).toMatch(/"Votes": number.*\n\s+tags: none/);
  });

  it("never prints an unmasked value of a tagged column", async () => {
    const columns = csvColumns("fixtures/files/voters.csv");
    for (const format of ["text", "json"]) {
      const { stdout } = await guard(["explain", "fixtures/files/voters.csv", "--format", format]);
      for (const header of ["Forename", "Surname", "Address", "Postcode"]) {
        for (const value of new Set(columns.get(header))) {
          expect(stdout, `${header} value leaked in ${format}`).not.toContain(value);
        }
      }
    }
  });
});
