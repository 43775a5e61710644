// What a PDF carries besides its pages: embedded files (poppler's pdfattach, as anyone can add
// them; LibreOffice's hybrid PDF keeps its whole source document there) and filled-in form fields.
// A PDF of harmless totals must not pass with a voter list inside it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toCsv, writeTablePdf } from "../../fixtures/gen/index.js";
import { guardJson } from "../helpers/cli.js";
import { COLLEAGUES, contactRows, draftWith, rulesOf } from "../helpers/drafts.js";
import { hasProgram } from "../integration/mail-kit.js";

const dir = mkdtempSync(join(tmpdir(), "guard-pdf-carried-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOTALS = [
  ["Ward", "Leaflets", "Posters"],
  ["Crewe North", "1200", "40"],
  ["Crewe South", "800", "25"],
];

/** A totals PDF with `files` embedded by poppler's pdfattach. */
function totalsWith(files: { name: string; bytes: Uint8Array }[]): Buffer {
  const at = mkdtempSync(join(dir, "pdf-"));
  let pdf = join(at, "totals-0.pdf");
  writeFileSync(pdf, writeTablePdf(TOTALS));
  files.forEach((file, i) => {
    const path = join(at, file.name);
    writeFileSync(path, file.bytes);
    const next = join(at, `totals-${i + 1}.pdf`);
    const run = spawnSync("pdfattach", [pdf, path, next]);
    if (run.status !== 0) throw new Error(`pdfattach: ${run.stderr}`);
    pdf = next;
  });
  return readFileSync(pdf);
}

describe.runIf(hasProgram("pdfattach"))("files embedded in a PDF", () => {
  it("are read: a totals PDF carrying a contact list is blocked to outside, naming the list", async () => {
    const pdf = totalsWith([{ name: "contacts.csv", bytes: toCsv(contactRows(40, "pdf-carried")) }]);
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "totals.pdf", content: pdf }]),
    );
    expect(code).toBe(2);
    expect(rulesOf(json)).toContain("personal-data-to-external");
    const found = json.findings.find((f: { rule: string }) => f.rule === "personal-data-to-external");
    expect(found.table).toMatch(/^contacts\.csv/);
    expect(found.message).toContain("40 people");
  });

  it("are never taken as clean when they cannot be read: a damaged workbook inside is uninspectable", async () => {
    const pdf = totalsWith([
      { name: "members.xlsx", bytes: Buffer.from("PK\x03\x04 not really a workbook") },
    ]);
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "totals.pdf", content: pdf }]),
    );
    expect(code).toBe(2);
    expect(rulesOf(json)).toContain("uninspectable-to-external");
    expect(JSON.stringify(json.findings)).toContain("members.xlsx");
  });

  it("leave the PDF's own verdict alone when harmless (totals inside totals)", async () => {
    const pdf = totalsWith([{ name: "more-totals.csv", bytes: toCsv(TOTALS) }]);
    const { code } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "totals.pdf", content: pdf }], COLLEAGUES),
    );
    expect(code).toBe(0);
  });
});

describe("form fields of a PDF", () => {
  it("are read as a table of field and value, so what a person typed is inspected", async () => {
    const pdf = writeTablePdf(TOTALS, {
      formFields: { "Full name": "Jane Smith", Email: "jane.smith@example.org", Telephone: "07700 900123" },
    });
    const { json } = await guardJson(["check", "-"], draftWith([{ filename: "form.pdf", content: pdf }]));
    const table = json.attachments[0].tables.find((t: { name: string }) => t.name === "form fields");
    expect(table).toBeDefined();
    // Field names down the first column: read sideways, one person with a name, email and phone.
    expect(table.rows).toBe(1);
    expect(table.columns.flatMap((c: { tags: string[] }) => c.tags).sort()).toEqual([
      "pii.email",
      "pii.name",
      "pii.phone",
    ]);
    // Masked, never the full value.
    expect(JSON.stringify(json)).not.toContain("jane.smith@example.org");
  });
});
