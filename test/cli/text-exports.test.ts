// The 120-voter canvass list as the text exports other programs write (fixtures/gen/text-exports.ts)
// and laid out sideways: each blocks a mail to an outside address; harmless ones pass; `guard scan`
// reads them and `guard explain` shows their tables. Sniffed by bytes, whatever the name.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CANVASS_COLUMNS,
  createRng,
  officesVcf,
  project,
  toCsv,
  toPrn,
  voterRows,
  votersJson,
  votersLdif,
  votersVcf,
  wardBudget,
  writeXlsx,
} from "../../fixtures/gen/index.js";
import { guard } from "../helpers/cli.js";
import { draftWith } from "../helpers/drafts.js";

const rng = createRng("text-exports");
const voters = voterRows(rng.fork("voters"), 120);
const canvass = project(voters, CANVASS_COLUMNS);
const budget = wardBudget(rng.fork("budget"));
const turned = (rows: (string | number)[][]) => rows[0].map((_, c) => rows.map((r) => r[c]));
const ldifOf = (entries: string[][]) =>
  Buffer.from(`version: 1\n\n${entries.map((e) => e.join("\n")).join("\n\n")}\n`);

/** [file name, type read as, canvass bytes, harmless bytes]: names that do not say what they hold. */
const FORMATS: [string, string, Buffer, Buffer][] = [
  [
    "export.json",
    "json",
    votersJson(voters),
    Buffer.from(JSON.stringify(budget.slice(1).map(([w, l, a]) => ({ ward: w, line: l, amount: a })))),
  ],
  [
    "crm-export.txt",
    "json",
    votersJson(voters, true),
    Buffer.from('{"wards": [{"ward": "Crewe North", "leaflets": 1200}]}'),
  ],
  [
    "contacts.vcf",
    "vcard",
    votersVcf(voters.slice(0, 60)),
    officesVcf([["Crewe North ward office", "Leaflets 1,200"]]),
  ],
  [
    "address-book.ldif",
    "ldif",
    votersLdif(voters.slice(0, 60)),
    ldifOf([["dn: o=Crewe North ward", "o: Crewe North ward", "description: leaflets 1200"]]),
  ],
  ["canvass.prn", "fixed", toPrn(canvass), toPrn(budget)],
  ["canvass.txt", "fixed", toPrn(canvass), toPrn(budget)],
  ["transposed.xlsx", "xlsx", writeXlsx(turned(canvass)), writeXlsx(turned(budget))],
  ["transposed.csv", "csv", toCsv(turned(canvass)), toCsv(turned(budget))],
];

describe("text exports and sideways sheets through the CLI", () => {
  it.each(FORMATS)(
    "guard check blocks the canvass as %s (%s), allows the harmless one",
    async (name, type, bad, good) => {
      const blocked = await guard(
        ["check", "-", "--format", "json"],
        draftWith([{ filename: name, content: bad }]),
      );
      expect(blocked.code).toBe(2);
      const verdict = JSON.parse(blocked.stdout);
      expect(verdict.attachments[0]).toMatchObject({ type, status: "inspected" });
      const people = verdict.attachments[0].tables.reduce((n: number, t: { rows: number }) => n + t.rows, 0);
      expect(people).toBeGreaterThanOrEqual(60);
      const allowed = await guard(["check", "-"], draftWith([{ filename: name, content: good }]));
      expect(allowed.stderr).toBe("");
      expect(allowed.code).toBe(0);
    },
  );

  it("guard scan reads every one of them in a folder, and guard explain shows their tables", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-text-exports-"));
    for (const [name, , bad] of FORMATS) writeFileSync(join(dir, name), bad);
    const scan = await guard(["scan", dir, "--format", "json"]);
    expect(scan.code).toBe(2);
    const files = JSON.parse(scan.stdout).files.map((f: { verdict: string }) => f.verdict);
    expect(files).toEqual(FORMATS.map(() => "block"));
    const explained = await guard(["explain", join(dir, "contacts.vcf")]);
    expect(explained.stdout).toContain('table "contacts.vcf" (csv): 60 data rows');
    expect(explained.stdout).toMatch(/"Phone".*\n\s+tags: pii.phone/);
    expect(explained.stdout).toMatch(/"VOTING INTENTION".*\n\s+tags: sensitive.political_opinion/);
    const sideways = await guard(["explain", join(dir, "transposed.xlsx")]);
    expect(sideways.stdout).toContain("read turned: one person per column): 120 data rows");
  });
});
