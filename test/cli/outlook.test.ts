// Outlook items (.msg) through the CLI: as the draft, forwarded inside a MIME mail or another item,
// and scanned or explained as files. Each generated item is also turned into an .eml by msgconvert
// (Debian's libemail-outlook-message-perl), a reader that is not ours, and both must get one verdict.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeEml } from "../../fixtures/gen/eml.js";
import { type MsgOptions, writeMsg } from "../../fixtures/gen/msg.js";
import { writeTnef } from "../../fixtures/gen/tnef.js";
import { guard, guardJson, guardProcess } from "../helpers/cli.js";
import { forwardedInEml, forwardedInMsg, outlookDrafts } from "../helpers/outlook-items.js";
import { hasProgram } from "../integration/mail-kit.js";

const OUTSIDE = "desk@radio-news.example";
const dir = mkdtempSync(join(tmpdir(), "guard-outlook-"));
let items: { crewe: MsgOptions; budget: MsgOptions };
const path = (name: string, bytes: Uint8Array): string => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};
const rules = (json: { findings: { rule: string }[] }) =>
  [...new Set(json.findings.map((f) => f.rule))].sort();

beforeAll(async () => {
  items = await outlookDrafts();
});

describe("guard check on Outlook items", () => {
  it("blocks the Crewe & Nantwich canvass workbooks saved as a .msg to a journalist", async () => {
    const { code, json } = await guardJson(["check", path("crewe.msg", writeMsg(items.crewe))]);
    expect(code).toBe(2);
    expect(rules(json)).toContain("sensitive-to-external");
    expect(json.recipients).toEqual([
      { address: "alex.marsh@radio-news.example", external: true, field: "to" },
    ]);
    expect(json.attachments.map((a: { filename: string }) => a.filename)).toEqual([
      "Crewe_North.xlsx",
      "Crewe_South.xlsx",
      "Nantwich.xlsx",
    ]);
    const rows = json.attachments.flatMap((a: { tables: { rows: number }[] }) => a.tables.map((t) => t.rows));
    expect(rows.reduce((a: number, b: number) => a + b, 0)).toBe(8500);
  });

  it("allows the ward budget saved as a .msg", async () => {
    const run = await guard(["check", path("budget.msg", writeMsg(items.budget))]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("blocks the canvass item forwarded as an attached .msg, or inside another item; allows the budget so", async () => {
    const cases: [string, Uint8Array, number][] = [
      ["fw-crewe.eml", forwardedInEml(items.crewe, OUTSIDE), 2],
      ["fw-budget.eml", forwardedInEml(items.budget, OUTSIDE), 0],
      ["fw-crewe.msg", forwardedInMsg(items.crewe, OUTSIDE), 2],
      ["fw-budget.msg", forwardedInMsg(items.budget, OUTSIDE), 0],
    ];
    for (const [name, bytes, expected] of cases) {
      const { code, json } = await guardJson(["check", path(name, bytes)]);
      expect({ name, code }).toEqual({ name, code: expected });
      if (expected === 2) {
        expect(rules(json)).toContain("sensitive-to-external");
        expect(json.attachments[json.attachments.length - 1]).toMatchObject({
          type: "msg",
          status: "inspected",
        });
      }
    }
  });

  it("refuses a truncated .msg draft with exit 3, and blocks one attached, as uninspectable", async () => {
    const cut = writeMsg(items.budget).subarray(0, 6000);
    const run = await guard(["check", path("cut.msg", cut)]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("malformed");
    const attached = forwardedInEml({ ...items.budget, subject: "cut" }, OUTSIDE);
    const eml = Buffer.from(
      attached.toString("latin1").replace(/(base64\r\n\r\n)([A-Za-z0-9+/]{76}\r\n){20}/, "$1"),
      "latin1",
    );
    const { code, json } = await guardJson(["check", path("fw-cut.eml", eml)]);
    expect(code).toBe(2);
    expect(json.attachments[json.attachments.length - 1]).toMatchObject({ status: "uninspectable" });
  });

  it("runs as a whole process: guard check draft.msg exits 2 for the canvass", () => {
    const run = guardProcess(["check", path("crewe-process.msg", writeMsg(items.crewe))]);
    expect(run.stdout).toContain("sensitive-to-external");
    expect(run.code).toBe(2);
  }, 120_000);
});

/** A mail from Outlook whose attachments went into winmail.dat: here a forwarded item. */
const winmailMail = (item: MsgOptions): Buffer =>
  writeEml({
    from: "agent@cnparty.org.uk",
    to: [OUTSIDE],
    subject: `FW: ${item.subject}`,
    date: "Wed, 14 May 2008 09:00:00 +0100",
    messageId: `tnef.${item.subject.length}@cnparty.org.uk`,
    text: "See the attached item.\n",
    attachments: [
      {
        filename: "winmail.dat",
        contentType: "application/ms-tnef",
        content: writeTnef({ subject: "FW", items: [item] }),
      },
    ],
  });

describe("winmail.dat carrying an Outlook item", () => {
  it("blocks the canvass item forwarded inside winmail.dat, allows the budget so", async () => {
    const crewe = await guardJson(["check", path("tnef-crewe.eml", winmailMail(items.crewe))]);
    expect(crewe.code).toBe(2);
    expect(rules(crewe.json)).toContain("sensitive-to-external");
    const names = crewe.json.attachments[0].tables.map((t: { name: string }) => t.name);
    expect(names[0]).toMatch(/^Canvass figures as promised\.msg\/Crewe_North\.xlsx#/);
    expect((await guard(["check", path("tnef-budget.eml", winmailMail(items.budget))])).code).toBe(0);
  });

  it.skipIf(!hasProgram("tnef"))("Debian's tnef lists the item the generator packed", () => {
    const dat = path("winmail.dat", writeTnef({ subject: "FW", items: [items.budget] }));
    const listed = spawnSync("tnef", ["-t", dat], { timeout: 60_000 });
    expect(listed.stdout.toString()).toContain(items.budget.subject);
  });
});

describe("guard scan and explain read .msg files", () => {
  it("scan blocks the canvass item and passes the budget", async () => {
    const crewe = path("scan-crewe.msg", writeMsg(items.crewe));
    const budget = path("scan-budget.msg", writeMsg(items.budget));
    expect((await guard(["scan", crewe])).code).toBe(2);
    expect((await guard(["scan", budget])).code).toBe(0);
  });

  it("explain shows the tables inside the item's attachments", async () => {
    const run = await guard(["explain", path("explain-crewe.msg", writeMsg(items.crewe))]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Crewe_North.xlsx");
    expect(run.stdout).toMatch(/"VI".*\n\s+tags: sensitive.political_opinion/);
  });
});

describe.skipIf(!hasProgram("msgconvert"))("msgconvert agrees", () => {
  it("the verdict on each generated .msg equals the verdict on the .eml msgconvert makes of it", async () => {
    const cases: [string, Uint8Array][] = [
      ["agree-crewe.msg", writeMsg(items.crewe)],
      ["agree-budget.msg", writeMsg(items.budget)],
      ["agree-fw-crewe.msg", forwardedInMsg(items.crewe, OUTSIDE)],
      ["agree-fw-budget.msg", forwardedInMsg(items.budget, OUTSIDE)],
    ];
    for (const [name, bytes] of cases) {
      const msg = path(name, bytes);
      const eml = msg.replace(/\.msg$/, ".eml");
      const converted = spawnSync("msgconvert", ["--outfile", eml, msg], { timeout: 60_000 });
      expect(converted.status, converted.stderr.toString()).toBe(0);
      const fromMsg = await guardJson(["check", msg]);
      const fromEml = await guardJson(["check", eml]);
      expect({ name, code: fromEml.code, rules: rules(fromEml.json) }).toEqual({
        name,
        code: fromMsg.code,
        rules: rules(fromMsg.json),
      });
      expect(readFileSync(eml, "latin1")).toMatch(/^From: /m);
    }
  }, 120_000);
});
