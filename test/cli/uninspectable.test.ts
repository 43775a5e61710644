// Attachments guard cannot read: each is a finding judged by where it goes, never taken for clean,
// and hostile ones (bombs, billion laughs) are refused fast and in little memory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { toCsv, writeWorkbook } from "../../fixtures/gen/index.js";
import { guardJson } from "../helpers/cli.js";
import { COLLEAGUES, contactRows, draftWith, measured, rulesOf } from "../helpers/drafts.js";
import { encryptOoxml } from "../helpers/encrypt-ooxml.js";
import { hostileAttachments } from "../helpers/hostile.js";
import { repeatBomb } from "../helpers/repeat-bomb.js";
import { hasProgram } from "../integration/mail-kit.js";
import { makeZip } from "../parse/container/make-zip.js";

interface JsonAttachment {
  filename: string;
  status: string;
  reason?: string;
  issues?: { code: string; path: string }[];
}

const plainBook = () => writeWorkbook([{ name: "Contacts", rows: contactRows(50) }]);
const attachmentOf = (json: { attachments: JsonAttachment[] }) => json.attachments[0];

describe("a password-protected workbook", () => {
  const encrypted = encryptOoxml(plainBook(), "canvass2008");

  it.skipIf(!hasProgram("msoffcrypto-tool"))(
    "is a real one: msoffcrypto-tool decrypts it to the workbook",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "guard-enc-"));
      try {
        writeFileSync(join(dir, "in.xlsx"), encrypted);
        const test = spawnSync("msoffcrypto-tool", ["-t", join(dir, "in.xlsx")]);
        expect(test.status).toBe(0);
        const run = spawnSync("msoffcrypto-tool", [
          "-p",
          "canvass2008",
          join(dir, "in.xlsx"),
          join(dir, "out.xlsx"),
        ]);
        expect(run.status, run.stderr.toString()).toBe(0);
        expect(readFileSync(join(dir, "out.xlsx")).equals(plainBook())).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("blocks when it goes to an outside address", async () => {
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "canvass.xlsx", content: encrypted }]),
    );
    expect(code).toBe(2);
    expect(rulesOf(json)).toEqual(["uninspectable-to-external"]);
    expect(attachmentOf(json)).toMatchObject({ status: "uninspectable", reason: "ENCRYPTED" });
  });

  it("warns when it goes to colleagues only", async () => {
    const draft = draftWith([{ filename: "canvass.xlsx", content: encrypted }], COLLEAGUES);
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["uninspectable-internal"]);
    expect(attachmentOf(json)).toMatchObject({ status: "uninspectable", reason: "ENCRYPTED" });
  });
});

describe("hostile attachments are refused quickly in little memory", () => {
  const figures: string[] = [];
  afterAll(() => console.log(`hostile attachments (guard check, whole process):\n${figures.join("\n")}`));

  for (const hostile of hostileAttachments()) {
    it(`${hostile.label}: ${hostile.code}`, () => {
      const draft = draftWith([{ filename: hostile.filename, content: Buffer.from(hostile.bytes) }]);
      const run = measured(["check", "-", "--format", "json"], draft);
      figures.push(
        `  ${hostile.label} (${hostile.bytes.length.toLocaleString("en-GB")} bytes): ${run.ms.toFixed(0)} ms, peak RSS ${run.rssMB.toFixed(0)} MB`,
      );
      expect(run.code, run.stderr).toBe(2);
      const json = JSON.parse(run.stdout);
      expect(rulesOf(json)).toEqual(["uninspectable-to-external"]);
      const attachment = attachmentOf(json);
      expect(attachment.status).toBe("uninspectable");
      expect(attachment.reason).toBe(hostile.code);
      // Machines vary: a second is the aim (see the printed figures), five the limit asserted.
      expect(run.ms).toBeLessThan(5000);
      expect(run.rssMB).toBeLessThan(200);
    });
  }
});

describe("data-like files guard cannot read are uninspectable, not clean", () => {
  const cases: [string, Uint8Array, string][] = [
    // 7z signature (7-Zip's 7zFormat.txt) and a header's worth of bytes.
    [
      "voters.7z",
      Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, ...new Array(40).fill(1)]),
      "UNSUPPORTED",
    ],
    [
      "voters.numbers",
      makeZip([
        { name: "Index/Document.iwa", data: new Uint8Array(64) },
        { name: "Metadata/Properties.plist", data: "<plist/>" },
      ]),
      "UNSUPPORTED",
    ],
    ["voters.csv.gz", Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]), "CORRUPT"],
  ];
  for (const [filename, bytes, reason] of cases) {
    it(`${filename} → ${reason}, blocked to an outside address`, async () => {
      const { code, json } = await guardJson(
        ["check", "-"],
        draftWith([{ filename, content: Buffer.from(bytes) }]),
      );
      expect(code).toBe(2);
      expect(rulesOf(json)).toEqual(["uninspectable-to-external"]);
      expect(attachmentOf(json)).toMatchObject({ status: "uninspectable", reason });
    });
  }

  it("an xlsb is read (by SheetJS), not assumed clean", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(contactRows(30)), "Contacts");
    const content = Buffer.from(XLSX.write(wb, { type: "buffer", bookType: "xlsb" }));
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "contacts.xlsb", content }]),
    );
    expect(code).toBe(2);
    expect(rulesOf(json)).toEqual(["personal-data-to-external"]);
    expect(attachmentOf(json)).toMatchObject({ status: "inspected" });
  });

  it("a ZIP holding a readable CSV and an encrypted one reports both", async () => {
    const csv = toCsv(contactRows(5));
    const zip = makeZip([
      { name: "few.csv", data: csv },
      { name: "locked.csv", data: csv, flags: 1 },
    ]);
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "lists.zip", content: Buffer.from(zip) }], COLLEAGUES),
    );
    expect(code).toBe(1);
    expect(rulesOf(json)).toEqual(["uninspectable-internal"]);
    expect(attachmentOf(json)).toMatchObject({
      status: "inspected",
      issues: [{ code: "ENCRYPTED", path: "locked.csv" }],
    });
  });
});

describe("the time limit per draft (limits.maxSecondsPerDraft)", () => {
  it("turns what is not read in time into TIMEOUT findings, never skipping it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-time-"));
    try {
      const policy = join(dir, "policy.yaml");
      writeFileSync(policy, "limits:\n  maxSecondsPerDraft: 0.001\n");
      const big = writeWorkbook([{ name: "Contacts", rows: contactRows(3000) }]);
      const small = toCsv(contactRows(5));
      const bundle = makeZip([
        { name: "big.xlsx", data: big },
        { name: "a.csv", data: small },
        { name: "b.csv", data: small },
      ]);
      const draft = draftWith(
        [
          { filename: "bundle.zip", content: Buffer.from(bundle) },
          { filename: "c.csv", content: small },
          { filename: "d.xlsx", content: big },
          { filename: "photo.png", content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
        ],
        COLLEAGUES,
      );
      const { code, json } = await guardJson(["check", "-", "--policy", policy], draft);
      expect(code).toBe(1);
      expect(rulesOf(json)).toEqual(["uninspectable-internal"]);
      const [zip, c, d, photo] = json.attachments as JsonAttachment[];
      // The message's text is read first on the same clock, so the millisecond may be gone before
      // the ZIP is opened: then all of it is TIMEOUT. Opened in time, reading big.xlsx alone takes
      // longer than a millisecond, so the members after it time out, whether or not it was read.
      const timedOut = json.findings
        .filter(
          (f: { attachment: string; issue?: string }) =>
            f.attachment === "bundle.zip" && f.issue === "TIMEOUT",
        )
        .map((f: { table: string }) => f.table);
      if (zip.status === "inspected") expect(timedOut).toEqual(expect.arrayContaining(["a.csv", "b.csv"]));
      else expect(zip).toMatchObject({ status: "uninspectable", reason: "TIMEOUT" });
      expect(c).toMatchObject({ status: "uninspectable", reason: "TIMEOUT" });
      expect(d).toMatchObject({ status: "uninspectable", reason: "TIMEOUT" });
      // Not data, so nothing was left unread.
      expect(photo.status).toBe("skipped");
      const findings = json.findings.filter((f: { issue?: string }) => f.issue === "TIMEOUT");
      // Members timed out each (at least a.csv and b.csv) and c, d; or the ZIP whole, c and d.
      expect(findings.length).toBeGreaterThanOrEqual(zip.status === "inspected" ? 4 : 3);
      expect(findings.map((f: { attachment: string }) => f.attachment)).toEqual(
        expect.arrayContaining(["bundle.zip", "c.csv", "d.xlsx"]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a repeat bomb: 1 KB that stands for 10^18 cells (calamine issue 594)", () => {
  it.each(["ods", "odt"] as const)(
    "as .%s is uninspectable (TIMEOUT) at a small time limit, and the message names it",
    async (kind) => {
      const dir = mkdtempSync(join(tmpdir(), "guard-bomb-"));
      try {
        const policy = join(dir, "policy.yaml");
        writeFileSync(policy, "limits:\n  maxSecondsPerDraft: 0.2\n");
        const bomb = Buffer.from(repeatBomb(kind));
        expect(bomb.length).toBeLessThan(2048);
        const draft = draftWith([{ filename: `stock.${kind}`, content: bomb }], COLLEAGUES);
        const { code, json } = await guardJson(["check", "-", "--policy", policy], draft);
        expect(code).toBe(1);
        expect(attachmentOf(json)).toMatchObject({ status: "uninspectable", reason: "TIMEOUT" });
        const finding = json.findings.find((f: { rule: string }) => f.rule === "uninspectable-internal");
        expect(finding.message).toContain("maxSecondsPerDraft: 0.2 seconds");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe("a CSV attachment of one 3 MB line (no line breaks)", () => {
  it("is uninspectable within the limit, and the message names the bound it met", async () => {
    const line = Buffer.from("Jane Smith,07700 900123,CW1 1AA,".repeat(100_000));
    const draft = draftWith([{ filename: "export.csv", content: line }]);
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(2);
    expect(attachmentOf(json)).toMatchObject({ status: "uninspectable", reason: "TOO_LARGE" });
    const finding = json.findings.find((f: { rule: string }) => f.rule === "uninspectable-to-external");
    expect(finding.message).toContain("line length: 2,097,152 characters");
  });
});
