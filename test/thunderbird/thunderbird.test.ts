import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM build script, without types
import { buildThunderbird } from "../../scripts/build-thunderbird.mjs";
import { ROOT } from "../helpers/cli.js";
import { budgetCsv, hasProgram } from "../integration/mail-kit.js";
import {
  type CaseReport,
  IDENTITY,
  type Received,
  runThunderbird,
  startReportServer,
  startSmtp,
  writeProfile,
  zipFolder,
} from "./thunderbird-kit.js";

// The add-on in a real headless Thunderbird (Debian's 153 ESR; .ci/run installs it): a throwaway
// profile, the add-on's .xpi (the test build, whose core throws on a marked subject) and a
// test-only driver extension that presses Send, against an SMTP server on loopback. One run drives
// every case (about 10 s of Thunderbird).
const present = hasProgram("thunderbird");
const GUARD_ID = "guard@guard-mail.org";
const OUTSIDE = "Alex Marsh <alex.marsh@radio-news.example>";

interface PlanFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The Crewe & Nantwich incident draft's three canvass workbooks and its text. */
async function creweDraft(): Promise<{ body: string; files: PlanFile[] }> {
  const email = await PostalMime.parse(
    readFileSync(join(ROOT, "fixtures/incidents/crewe-nantwich-2008.eml")),
  );
  const files = email.attachments.map((a) => ({
    name: a.filename ?? "attachment",
    type: a.mimeType,
    bytes: new Uint8Array(a.content as ArrayBuffer),
  }));
  return { body: email.text ?? "", files };
}

const budget: PlanFile = {
  name: "ward-budget.csv",
  type: "text/csv",
  bytes: new TextEncoder().encode(budgetCsv()),
};
/** A workbook cut short, as a failed download or a full disk leaves it. */
const damaged = (): PlanFile => {
  const whole = readFileSync(join(ROOT, "fixtures/files/canvass.xlsx"));
  return { name: "canvass.xlsx", type: XLSX, bytes: new Uint8Array(whole.subarray(0, whole.length >> 1)) };
};

const planCase = (id: string, subject: string, body: string, files: PlanFile[]) => ({
  id,
  to: [OUTSIDE],
  subject,
  body,
  attachments: files.map((f) => ({
    name: f.name,
    type: f.type,
    base64: Buffer.from(f.bytes).toString("base64"),
  })),
});

describe.skipIf(!present)("the Thunderbird add-on in a real Thunderbird", () => {
  let reports: CaseReport[] = [];
  let received: Received[] = [];
  let output = "";
  let crewe: { body: string; files: PlanFile[] };

  beforeAll(async () => {
    crewe = await creweDraft();
    const plan = {
      settleMs: 1500,
      cases: [
        planCase("crewe", "Canvass figures as promised", crewe.body, crewe.files),
        planCase("budget", "Ward budget", "The budget lines for the wards.\n", [budget]),
        planCase("damaged", "Canvass, latest", "Here it is.\n", [damaged()]),
        planCase("throw", "Ward budget [guard-test:throw]", "The budget again.\n", [budget]),
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), "guard-tb-"));
    const home = join(dir, "home");
    const profile = join(dir, "profile");
    mkdirSync(home, { recursive: true });
    const smtp = await startSmtp();
    const server = await startReportServer(plan);
    try {
      writeProfile(profile, smtp.port);
      writeFileSync(
        join(profile, "extensions", `${GUARD_ID}.xpi`),
        await buildThunderbird({ testFaults: true }),
      );
      const driver = zipFolder(join(import.meta.dirname, "driver"), {
        "config.js": `const DRIVER_PORT = ${server.port};\n`,
      });
      writeFileSync(join(profile, "extensions", "driver@guard.test.xpi"), driver);
      const run = await runThunderbird(home, profile, server.done, 150_000);
      output = run.output;
      reports = server.reports;
      received = smtp.received;
    } finally {
      await smtp.close();
      await server.close();
    }
  }, 240_000);

  afterAll(() => {
    if (process.env.GUARD_TB_DUMP) console.log(JSON.stringify(reports, null, 1));
    if (reports.length < 4) console.error(`Thunderbird's output:\n${output.slice(-4000)}`);
  });

  const report = (id: string): CaseReport => {
    const found = reports.find((r) => r.id === id);
    if (!found) throw new Error(`no report for ${id}: ${JSON.stringify(reports)}`);
    return found;
  };
  const subjects = () => received.map((m) => /^Subject: (.*)$/m.exec(m.raw.toString())?.[1]);

  it("cancels the Crewe & Nantwich canvass workbooks: nothing reaches the server, and the dialog says why", () => {
    const crewe = report("crewe");
    expect(crewe).toMatchObject({ sent: false, attached: 3 });
    expect(crewe.error).toContain("Send aborted by an onBeforeSend event");
    expect(crewe.dialogs).toEqual([expect.stringMatching(/^guard: BLOCK/)]);
    expect(subjects()).not.toContain("Canvass figures as promised");
  });

  it("lets a harmless budget through, its attachment arriving byte for byte", async () => {
    expect(report("budget")).toMatchObject({ sent: true, attached: 1, dialogs: [] });
    const delivered = received.filter((m) => m.raw.toString().includes("Subject: Ward budget\r\n"));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].from).toBe(IDENTITY.email);
    expect(delivered[0].to).toEqual(["alex.marsh@radio-news.example"]);
    const email = await PostalMime.parse(delivered[0].raw);
    expect(email.attachments.map((a) => a.filename)).toEqual(["ward-budget.csv"]);
    expect(new Uint8Array(email.attachments[0].content as ArrayBuffer)).toEqual(budget.bytes);
  });

  it("cancels a damaged workbook to an outside address once the sender goes back", () => {
    const damagedCase = report("damaged");
    expect(damagedCase).toMatchObject({ sent: false, attached: 1 });
    expect(damagedCase.dialogs).toEqual([expect.stringMatching(/^guard: BLOCK/)]);
    expect(subjects()).not.toContain("Canvass, latest");
  });

  it("cancels when the core throws (fails closed), and tells the sender", () => {
    const thrown = report("throw");
    expect(thrown).toMatchObject({ sent: false });
    expect(thrown.error).toContain("Send aborted by an onBeforeSend event");
    expect(thrown.dialogs).toEqual([expect.stringMatching(/^guard: NOT SENT/)]);
    expect(subjects()).toEqual(["Ward budget"]);
  });
});
