import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { guard, guardJson } from "../helpers/cli.js";

interface JsonColumn {
  header: string | null;
  tags: string[];
}
interface JsonTable {
  name: string;
  rows: number;
  columns: JsonColumn[];
}
interface JsonFinding {
  rule: string;
  action: string;
}

const rulesOf = (json: { findings: JsonFinding[] }) => [...new Set(json.findings.map((f) => f.rule))].sort();
const tablesOf = (json: { attachments: { tables: JsonTable[] }[] }) =>
  json.attachments.flatMap((a) => a.tables);
const tagsOf = (table: JsonTable, header: string) =>
  table.columns.find((c) => c.header === header)?.tags ?? [];

describe("guard check on the incident drafts", () => {
  it("blocks the Crewe & Nantwich canvass files sent to a journalist", async () => {
    const { code, json } = await guardJson(["check", "fixtures/incidents/crewe-nantwich-2008.eml"]);
    expect(code).toBe(2);
    expect(json.verdict).toBe("block");
    expect(rulesOf(json)).toContain("sensitive-to-external");
    const tables = tablesOf(json);
    expect(tables.map((t) => t.rows).reduce((a, b) => a + b, 0)).toBe(8500);
    for (const table of tables) {
      expect(tagsOf(table, "VI")).toContain("sensitive.political_opinion");
      expect(tagsOf(table, "MOSAIC")).toContain("sensitive.profile");
      expect(tagsOf(table, "Surname")).toContain("pii.name");
      expect(tagsOf(table, "Forename")).toContain("pii.name");
      expect(tagsOf(table, "Address 1")).toContain("pii.address");
      expect(tagsOf(table, "Postcode")).toContain("pii.postcode");
      expect(tagsOf(table, "Telephone")).toContain("pii.phone");
      expect(tagsOf(table, "Elector No")).toContain("pii.elector_number");
    }
    expect(json.recipients).toEqual([
      { address: "alex.marsh@radio-news.example", external: true, field: "to" },
    ]);
  });

  it("reads the same files as plain text that names the rule, the files and what to do", async () => {
    const { code, stdout } = await guard(["check", "fixtures/incidents/crewe-nantwich-2008.eml"]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^guard crewe-nantwich-2008\.eml: BLOCK/);
    expect(stdout).toContain("sensitive-to-external");
    expect(stdout).toContain("Crewe_North.xlsx");
    expect(stdout).toContain("What to do:");
    expect(stdout).toContain("alex.marsh@radio-news.example");
  });

  it("allows the same files sent to colleagues at the sender's domain and its subdomain", async () => {
    const { code, json } = await guardJson(["check", "fixtures/incidents/crewe-nantwich-internal.eml"]);
    expect(code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.recipients.every((r: { external: boolean }) => !r.external)).toBe(true);
  });

  it("blocks the Newark volunteer list sent to a thousand addresses", async () => {
    const { code, json } = await guardJson(["check", "fixtures/incidents/newark-2014.eml"]);
    expect(code).toBe(2);
    expect(rulesOf(json)).toEqual(
      expect.arrayContaining(["personal-data-to-many", "personal-data-to-external", "visible-recipients"]),
    );
    expect(json.recipients).toHaveLength(1000);
  });
});

describe("guard check on ordinary drafts", () => {
  it("allows constituency election results sent async outside: a Party column about no one", async () => {
    const { code, json } = await guardJson(["check", "fixtures/drafts/election-results.eml"]);
    expect(code).toBe(0);
    const tags = tablesOf(json).flatMap((t) => t.columns.flatMap((c) => c.tags));
    expect(tags.filter((t: string) => t.startsWith("pii."))).toEqual([]);
  });

  it.each([
    ["clean-minutes.eml", 0],
    ["ward-budget.eml", 0],
    ["small-list.eml", 1],
    ["voters-csv.eml", 2],
  ])("%s exits %i", async (file, expected) => {
    expect((await guard(["check", `fixtures/drafts/${file}`])).code).toBe(expected);
  });

  it("reads a draft from standard input", async () => {
    const bytes = readFileSync("fixtures/drafts/small-list.eml");
    const { code, json } = await guardJson(["check", "-"], bytes);
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["some-personal-data-to-external"]);
  });

  it("skips an mbox From line at the top, as git format-patch writes", async () => {
    const bytes = Buffer.concat([
      Buffer.from("From 1234567890abcdef Mon Sep 17 00:00:00 2001\n"),
      readFileSync("fixtures/drafts/voters-csv.eml"),
    ]);
    expect((await guard(["check", "-"], bytes)).code).toBe(2);
  });

  it("reads files committed in a patch mail's body, as git format-patch writes them", async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `+${["Smith", "Jones", "Patel"][i % 3]},${["John", "Mary", "Ravi"][i % 3]},${i + 1} Mill Lane,CW1 2AB,${["Con", "Lab", "W"][i % 3]}`,
    );
    const patch = [
      "From 1234567890abcdef Mon Sep 17 00:00:00 2001",
      "From: Dev <dev@party.org.uk>",
      "To: list@outside.example",
      "Subject: [PATCH] Add canvass data",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "Adds the canvass export.",
      "---",
      "diff --git a/data/canvass.csv b/data/canvass.csv",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/data/canvass.csv",
      `@@ -0,0 +1,${rows.length + 1} @@`,
      "+Surname,Forename,Address,Postcode,VI",
      ...rows,
      "-- ",
      "2.39.5",
      "",
    ].join("\n");
    const { code, json } = await guardJson(["check", "-"], patch);
    expect(code).toBe(2);
    expect(json.attachments.map((a: { filename: string }) => a.filename)).toEqual(["data/canvass.csv"]);
    expect(rulesOf(json)).toContain("sensitive-to-external");
  });

  it("does not count a patch's files as attachments for the visible-recipients rule", async () => {
    const cc = Array.from({ length: 21 }, (_, i) => `dev${i}@lists.example`).join(", ");
    const patch = [
      "From: Dev <dev@party.org.uk>",
      "To: list@lists.example",
      `Cc: ${cc}`,
      "Subject: [PATCH] Fix typo",
      "",
      "---",
      "diff --git a/README.md b/README.md",
      "--- a/README.md",
      "+++ b/README.md",
      "@@ -1 +1 @@",
      "-Helo",
      "+Hello",
      "",
    ].join("\n");
    const { code, json } = await guardJson(["check", "-"], patch);
    expect(json.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it("takes the bare address of --recipient 'Name <addr>' and comma lists", async () => {
    const { json } = await guardJson([
      "check",
      "fixtures/drafts/clean-minutes.eml",
      "--recipient",
      "Bob <bob@outside.example>, ann@outside.example",
    ]);
    const envelope = json.recipients.filter((r: { field: string }) => r.field === "envelope");
    expect(envelope.map((r: { address: string }) => r.address)).toEqual([
      "bob@outside.example",
      "ann@outside.example",
    ]);
  });

  it("counts envelope recipients given with --recipient", async () => {
    const { json } = await guardJson([
      "check",
      "fixtures/incidents/crewe-nantwich-internal.eml",
      "--recipient",
      "x@outside.example",
    ]);
    expect(json.verdict).toBe("block");
    expect(json.recipients).toContainEqual({
      address: "x@outside.example",
      external: true,
      field: "envelope",
    });
  });

  it("never prints a full value of a tagged column", async () => {
    const { stdout } = await guard(["check", "fixtures/drafts/voters-csv.eml", "--format", "json"]);
    const json = JSON.parse(stdout);
    const samples: string[] = tablesOf(json).flatMap((t) =>
      t.columns.flatMap((c) => (c as JsonColumn & { samples?: string[] }).samples ?? []),
    );
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.includes("*"))).toBe(true);
  });
});

describe("errors exit 3 with one line and no stack trace", () => {
  it.each([
    [["check", "no-such-draft.eml"], /cannot read no-such-draft\.eml: no such file/],
    [["check", "fixtures"], /is a folder/],
    [["check", "fixtures/drafts/small-list.eml", "--format", "xml"], /xml/],
    [["frobnicate"], /unknown command/],
    [["check"], /missing required argument/],
  ])("guard %j", async (args, message) => {
    const { code, stderr } = await guard(args as string[]);
    expect(code).toBe(3);
    expect(stderr).toMatch(message as RegExp);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("an empty draft is an error", async () => {
    const { code, stderr } = await guard(["check", "-"], "");
    expect(code).toBe(3);
    expect(stderr).toMatch(/empty/);
  });
});

describe("version and help", () => {
  it("prints the package version", async () => {
    const { code, stdout } = await guard(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });

  it("prints help with examples", async () => {
    const { code, stdout } = await guard(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain("guard check draft.eml");
  });
});
