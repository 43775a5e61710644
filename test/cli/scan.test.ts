import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { guard, ROOT } from "../helpers/cli.js";
import { git, guardIn } from "../helpers/scan.js";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder outside any git work tree, holding copies of some fixtures. */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "guard-scan-"));
  temps.push(dir);
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(dir, to, ".."), { recursive: true });
    cpSync(join(ROOT, from), join(dir, to), { recursive: true });
  }
  return dir;
}

const INCIDENTS = {
  "files/voters.csv": "fixtures/files/voters.csv",
  "files/canvass.xlsx": "fixtures/files/canvass.xlsx",
  "files/products.csv": "fixtures/files/products.csv",
  "files/results.csv": "fixtures/files/results.csv",
  "incidents/crewe-nantwich-2008.eml": "fixtures/incidents/crewe-nantwich-2008.eml",
  "incidents/newark-2014.eml": "fixtures/incidents/newark-2014.eml",
};

interface ScanJson {
  verdict: string;
  findings: { rule: string; attachment: string; fingerprint: string }[];
  files: { path: string; uri: string; verdict: string }[];
  suppressed: { fingerprint: string }[];
  ignored: number;
}
const json = (stdout: string): ScanJson => JSON.parse(stdout);

/** Every surname of the committed voters fixture: none may appear in any report. */
const SURNAMES = [
  ...new Set(
    readFileSync(join(ROOT, "fixtures/files/voters.csv"), "utf8")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(",")[1]),
  ),
];

describe("guard scan fixtures/", () => {
  it("finds the incident files and exits 2, ending with one summary line", async () => {
    const { code, stdout } = await guard(["scan", "fixtures/"]);
    expect(code).toBe(2);
    for (const name of [
      "fixtures/incidents/crewe-nantwich-2008.eml",
      "fixtures/incidents/newark-2014.eml",
      "fixtures/files/voters.csv",
      "fixtures/files/canvass.xlsx",
    ])
      expect(stdout).toContain(`${name}: BLOCK`);
    expect(stdout).not.toContain("products.csv");
    const lines = stdout.trimEnd().split("\n");
    // The generator's own code and notes are counted as left out, never silently skipped.
    expect(lines.at(-1)).toMatch(/^\d+ files, \d+ blocked, \d+ warned, \d+ allowed \(\d+ not data-like\)$/);
  });

  it("reports every file in JSON, each finding with its fingerprint", async () => {
    const { code, stdout } = await guard(["scan", "fixtures/files", "--format", "json"]);
    expect(code).toBe(2);
    const doc = json(stdout);
    expect(doc.verdict).toBe("block");
    expect(doc.files).toEqual([
      { path: "fixtures/files/canvass.xlsx", uri: "fixtures/files/canvass.xlsx", verdict: "block" },
      { path: "fixtures/files/products.csv", uri: "fixtures/files/products.csv", verdict: "allow" },
      { path: "fixtures/files/results.csv", uri: "fixtures/files/results.csv", verdict: "allow" },
      { path: "fixtures/files/voters.csv", uri: "fixtures/files/voters.csv", verdict: "block" },
    ]);
    expect(doc.findings.length).toBeGreaterThan(0);
    for (const f of doc.findings) expect(f.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(["text", "json", "sarif"])(
    "never prints a surname from voters.csv (--format %s)",
    async (format) => {
      const { stdout } = await guard(["scan", "fixtures/files/voters.csv", "--format", format]);
      expect(SURNAMES.length).toBeGreaterThan(20);
      const leaked = SURNAMES.filter((s) => new RegExp(`\\b${s}\\b`).test(stdout));
      expect(leaked).toEqual([]);
    },
  );
});

describe("reviewed files", () => {
  it("a .guardignore entry for them makes the scan exit 0", async () => {
    const dir = workspace(INCIDENTS);
    expect((await guardIn(dir, ["scan", "."])).code).toBe(2);
    writeFileSync(
      join(dir, ".guardignore"),
      "# reviewed 2024-05\nincidents/\nfiles/*.csv\n!files/products.csv\n",
    );
    // canvass.xlsx is still there.
    expect((await guardIn(dir, ["scan", "."])).code).toBe(2);
    writeFileSync(join(dir, "files/.guardignore"), "canvass.xlsx\n");
    const { code, stdout } = await guardIn(dir, ["scan", "."]);
    expect(code).toBe(0);
    // files/*.csv took results.csv too; only products.csv was taken back.
    // The two .guardignore files are no data, and are counted as such.
    expect(stdout.trim()).toBe("1 file, 0 blocked, 0 warned, 1 allowed (5 files ignored, 2 not data-like)");
  });

  it("applies .guardignore to files named on the command line, as pre-commit passes them", async () => {
    const dir = workspace(INCIDENTS);
    writeFileSync(join(dir, ".guardignore"), "files/voters.csv\n");
    expect((await guardIn(dir, ["scan", "files/voters.csv", "files/products.csv"])).code).toBe(0);
  });

  it("a baseline accepts the reviewed findings, and nothing else", async () => {
    const dir = workspace(INCIDENTS);
    const written = await guardIn(dir, ["scan", ".", "--write-baseline", "guard-baseline.json"]);
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/wrote \d+ accepted finding\(s\) to guard-baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(dir, "guard-baseline.json"), "utf8"));
    expect(baseline.version).toBe(1);
    expect(baseline.accepted.map((e: { path: string }) => e.path)).toContain("files/voters.csv");
    for (const s of SURNAMES) expect(JSON.stringify(baseline)).not.toMatch(new RegExp(`\\b${s}\\b`));

    const accepted = await guardIn(dir, [
      "scan",
      ".",
      "--baseline",
      "guard-baseline.json",
      "--format",
      "json",
    ]);
    expect(accepted.code).toBe(0);
    expect(json(accepted.stdout).suppressed.length).toBe(baseline.accepted.length);

    // The next file with the same data is not covered by the review of the first.
    copyFileSync(join(dir, "files/voters.csv"), join(dir, "files/voters-2.csv"));
    const next = await guardIn(dir, ["scan", ".", "--baseline", "guard-baseline.json", "--format", "json"]);
    expect(next.code).toBe(2);
    expect(new Set(json(next.stdout).findings.map((f) => f.attachment))).toEqual(
      new Set(["files/voters-2.csv"]),
    );
  });

  it("a missing or broken baseline is an error (3)", async () => {
    const dir = workspace(INCIDENTS);
    expect((await guardIn(dir, ["scan", ".", "--baseline", "nope.json"])).code).toBe(3);
    writeFileSync(join(dir, "bad.json"), "{}");
    const { code, stderr } = await guardIn(dir, ["scan", ".", "--baseline", "bad.json"]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/invalid baseline/);
  });

  it("--exclude leaves out matching files", async () => {
    const dir = workspace(INCIDENTS);
    const args = [
      "scan",
      ".",
      "--exclude",
      "incidents/",
      "--exclude",
      "*.xlsx",
      "--exclude",
      "files/voters.csv",
    ];
    const { code, stdout } = await guardIn(dir, args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 files, 0 blocked, 0 warned, 2 allowed \(4 files ignored\)/);
  });
});

describe("git", () => {
  function repo(): string {
    const dir = workspace();
    git(dir, ["init", "-q"]);
    return dir;
  }

  it("--staged scans only the staged files, and reads what is staged", async () => {
    const dir = repo();
    copyFileSync(join(ROOT, "fixtures/files/voters.csv"), join(dir, "staged-voters.csv"));
    copyFileSync(join(ROOT, "fixtures/files/voters.csv"), join(dir, "unstaged-voters.csv"));
    copyFileSync(join(ROOT, "fixtures/files/products.csv"), join(dir, "products.csv"));
    git(dir, ["add", "staged-voters.csv", "products.csv"]);
    // The work tree's products.csv now holds voters, but the commit would hold products.
    copyFileSync(join(ROOT, "fixtures/files/voters.csv"), join(dir, "products.csv"));
    const { code, stdout } = await guardIn(dir, ["scan", "--staged", "--format", "json"]);
    expect(code).toBe(2);
    expect(json(stdout).files).toEqual([
      { path: "products.csv", uri: "products.csv", verdict: "allow" },
      { path: "staged-voters.csv", uri: "staged-voters.csv", verdict: "block" },
    ]);
  });

  it("--staged with nothing staged exits 0; outside a work tree it is an error", async () => {
    const dir = repo();
    copyFileSync(join(ROOT, "fixtures/files/voters.csv"), join(dir, "voters.csv"));
    expect((await guardIn(dir, ["scan", "--staged"])).code).toBe(0);
    const { code, stderr } = await guardIn(workspace(), ["scan", "--staged"]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/git work tree/);
  });

  it("skips what .gitignore excludes inside a work tree, unless the ignored folder is named", async () => {
    const dir = repo();
    mkdirSync(join(dir, "exports"));
    writeFileSync(join(dir, ".gitignore"), "exports/\n");
    copyFileSync(join(ROOT, "fixtures/files/voters.csv"), join(dir, "exports/voters.csv"));
    copyFileSync(join(ROOT, "fixtures/files/products.csv"), join(dir, "products.csv"));
    expect((await guardIn(dir, ["scan", "."])).code).toBe(0);
    expect((await guardIn(dir, ["scan", "exports"])).code).toBe(2);
  });

  it("reports paths from the top of the work tree when run in a subfolder", async () => {
    const dir = repo();
    mkdirSync(join(dir, "sub"));
    copyFileSync(join(ROOT, "fixtures/files/voters.csv"), join(dir, "sub/voters.csv"));
    const { stdout } = await guardIn(join(dir, "sub"), ["scan", ".", "--format", "json"]);
    expect(json(stdout).files).toEqual([{ path: "voters.csv", uri: "sub/voters.csv", verdict: "block" }]);
  });
});

describe("output and exit codes", () => {
  it("--output writes the report to a file and the summary to standard error", async () => {
    const dir = workspace(INCIDENTS);
    const { code, stdout, stderr } = await guardIn(dir, [
      "scan",
      ".",
      "--format",
      "sarif",
      "--output",
      "out.sarif",
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^guard: 6 files, 4 blocked, 0 warned, 2 allowed; report in out\.sarif\n$/);
    expect(JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")).version).toBe("2.1.0");
  });

  it.each([
    [[], 1],
    [["--fail-on", "warn"], 1],
    [["--fail-on", "block"], 0],
    [["--fail-on", "never"], 0],
  ])("a warn verdict with %j exits %i", async (extra, expected) => {
    expect((await guard(["scan", "fixtures/drafts/small-list.eml", ...(extra as string[])])).code).toBe(
      expected,
    );
  });

  it.each([
    [[], 2],
    [["--fail-on", "block"], 2],
    [["--fail-on", "never"], 0],
  ])("a block verdict with %j exits %i", async (extra, expected) => {
    expect((await guard(["scan", "fixtures/files/voters.csv", ...(extra as string[])])).code).toBe(expected);
  });

  it.each([
    [["scan"], /--staged/],
    [["scan", "no-such-folder"], /no such file or folder/],
    [["scan", "fixtures/files", "--fail-on", "sometimes"], /sometimes/],
  ])("guard %j exits 3 with one line", async (args, message) => {
    const { code, stderr } = await guard(args as string[]);
    expect(code).toBe(3);
    expect(stderr).toMatch(message as RegExp);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints no colour codes when standard output is not a terminal", async () => {
    expect((await guard(["scan", "fixtures/files/voters.csv"])).stdout).not.toContain("\x1b[");
  });
});

describe("large CSVs", () => {
  /** A CSV over the 32 MB streaming threshold: a title line, a blank line, then voters. */
  function bigCsv(dir: string, name: string): number {
    const lines = readFileSync(join(ROOT, "fixtures/files/voters.csv"), "utf8").trim().split("\r\n");
    const body = `${lines.slice(1).join("\r\n")}\r\n`;
    const copies = Math.ceil((33 * 1024 * 1024) / body.length);
    writeFileSync(join(dir, name), `Canvass export\r\n\r\n${lines[0]}\r\n${body.repeat(copies)}`);
    return copies * (lines.length - 1);
  }

  it("streams a CSV over 32 MB, counts every row and places the header on its line", async () => {
    const dir = workspace();
    const rows = bigCsv(dir, "big.csv");
    const { code, stdout } = await guardIn(dir, ["scan", "big.csv", "--format", "json"]);
    expect(code).toBe(2);
    const table = JSON.parse(stdout).attachments[0].tables[0];
    expect(table.rows).toBe(rows);
    const sarif = JSON.parse((await guardIn(dir, ["scan", "big.csv", "--format", "sarif"])).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(3);
  });

  it("streams a large staged CSV from git", async () => {
    const dir = workspace();
    git(dir, ["init", "-q"]);
    const rows = bigCsv(dir, "big.csv");
    git(dir, ["add", "big.csv"]);
    writeFileSync(join(dir, "big.csv"), "SKU,Price\r\nA,1\r\n");
    const { code, stdout } = await guardIn(dir, ["scan", "--staged", "--format", "json"]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).attachments[0].tables[0].rows).toBe(rows);
  });
});
