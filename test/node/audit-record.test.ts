import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { judgeMessage } from "../../src/app/judge-message.js";
import { appendAudit, auditLogPath } from "../../src/node/audit-log.js";
import { sha256 } from "../../src/node/digest.js";
import { type AuditRecord, auditRecord } from "../../src/report/audit-record.js";
import { testEngine } from "../helpers/rules.js";

describe("auditLogPath", () => {
  it("prefers the option, then GUARD_AUDIT_LOG, then XDG_STATE_HOME, then ~/.local/state", () => {
    expect(auditLogPath("/x.jsonl", { GUARD_AUDIT_LOG: "/y" })).toBe("/x.jsonl");
    expect(auditLogPath(undefined, { GUARD_AUDIT_LOG: "/y" })).toBe("/y");
    expect(auditLogPath(undefined, { XDG_STATE_HOME: "/s" })).toBe("/s/guard/audit.jsonl");
    expect(auditLogPath(undefined, { HOME: "/h" })).toBe("/h/.local/state/guard/audit.jsonl");
  });
});

const CSV = [
  "Name;Address;Postcode;VI",
  ...Array.from(
    { length: 20 },
    (_, i) =>
      `${["Ann Lee", "Bob Ray", "Cath Moss", "Dev Shah"][i % 4]};${i + 1} Mill Street;CW1 ${(i % 9) + 1}AB;${["Con", "Lab"][i % 2]}`,
  ),
];
const DRAFT = [
  "From: office@cnparty.org.uk",
  "To: Orders <orders@print-shop.example>",
  "Subject: list",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="b"',
  "",
  "--b",
  "Content-Type: text/plain",
  "",
  "Here.",
  "--b",
  'Content-Type: text/csv; name="voters.csv"',
  'Content-Disposition: attachment; filename="voters.csv"',
  "",
  ...CSV,
  "--b--",
  "",
].join("\r\n");

describe("auditRecord of a blocked mail", () => {
  let record: AuditRecord;
  let line = "";
  beforeAll(async () => {
    const judged = await judgeMessage(new TextEncoder().encode(DRAFT), testEngine(), {
      envelope: ["second@elsewhere.example"],
      overrideEnv: undefined,
      digest: sha256,
    });
    if (!judged.ok) throw new Error(judged.error);
    record = auditRecord(judged.value.verdict, {
      time: "2026-01-01T00:00:00.000Z",
      mode: "sendmail",
      via: "sendmail",
      outcome: "refused",
      messageSha256: "0".repeat(64),
      attachments: [{ filename: "voters.csv", sha256: "1".repeat(64) }],
      override: null,
      verdictBefore: "block",
    });
    line = JSON.stringify(record);
  });

  it("holds rule ids, counts per tag and recipient domains", () => {
    expect(record.verdict).toBe("block");
    expect(record.rules.map((r) => r.rule)).toEqual(["sensitive-to-external", "personal-data-to-external"]);
    expect(record.tags["sensitive.political_opinion"]).toEqual({ rows: 20, columns: 1 });
    expect(record.recipients).toEqual({
      total: 2,
      external: 2,
      domains: ["elsewhere.example", "print-shop.example"],
    });
    expect(record).not.toHaveProperty("verdictBefore");
  });

  it("never holds a cell value, a masked sample or a full recipient address", () => {
    expect(line).not.toContain("@print-shop.example");
    expect(line).not.toContain("second@");
    expect(line).not.toContain("*");
    for (const row of CSV.slice(1)) for (const cell of row.split(";")) expect(line).not.toContain(cell);
  });

  it("appends one JSON line per decision, creating folders", () => {
    const path = join(mkdtempSync(join(tmpdir(), "guard-audit-")), "deep", "audit.jsonl");
    expect(appendAudit(path, record)).toEqual({ ok: true });
    expect(appendAudit(path, record)).toEqual({ ok: true });
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l))).toEqual([record, record]);
    // Under a file, not a folder: ENOTDIR. (Not /proc: Node's recursive mkdir loops there.)
    expect(appendAudit(join(path, "x", "audit.jsonl"), record)).toMatchObject({ ok: false });
  });
});
