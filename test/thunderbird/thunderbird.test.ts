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

/** Three people's names, addresses and phones: warns when it goes outside. */
const fewContacts = (): PlanFile => {
  const rows = ["Forename,Surname,Address,Postcode,Phone"];
  for (let i = 0; i < 3; i++)
    rows.push(`Ann${i},Smith${i},${i + 1} Mill Street Crewe,CW1 ${i + 1}AB,07700 900${i}00`);
  return {
    name: "leaflet-round.csv",
    type: "text/csv",
    bytes: new TextEncoder().encode(`${rows.join("\n")}\n`),
  };
};

/** The office's printer, internal only by the managed policy below. */
const PRINTER = "Print Shop <orders@printshop.example>";

/**
 * The office's policy as an administrator hands it over: managed storage. Thunderbird reads it
 * from the `3rdparty` enterprise policy or, as here, from a managed-storage manifest in the
 * user's ~/.mozilla.
 */
function writeManagedPolicy(home: string): void {
  const dir = join(home, ".mozilla/managed-storage");
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: GUARD_ID,
    description: "guard's policy for this office",
    type: "storage",
    data: { policy: "internalDomains: [printshop.example]\n" },
  };
  writeFileSync(join(dir, `${GUARD_ID}.json`), JSON.stringify(manifest));
}

const planCase = (id: string, subject: string, body: string, files: PlanFile[], to = OUTSIDE) => ({
  id,
  to: [to],
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
        planCase("printer", "Leaflet round", "Labels for the round.\n", [fewContacts()], PRINTER),
        planCase("crewe-again", "Canvass figures, again", crewe.body, crewe.files),
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), "guard-tb-"));
    const home = join(dir, "home");
    const profile = join(dir, "profile");
    mkdirSync(home, { recursive: true });
    writeManagedPolicy(home);
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
    if (reports.length < 6) console.error(`Thunderbird's output:\n${output.slice(-4000)}`);
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
    expect(subjects()).not.toContain("Ward budget [guard-test:throw]");
  });

  it("follows the office's managed policy: three contacts to the printer it names internal go without asking", () => {
    expect(report("printer")).toMatchObject({ sent: true, dialogs: [] });
    expect(subjects()).toContain("Leaflet round");
  });

  it("cancels the Crewe draft again on a second Send (the engine is kept, the verdict is not)", () => {
    expect(report("crewe-again")).toMatchObject({ sent: false, attached: 3 });
    expect(subjects().sort()).toEqual(["Leaflet round", "Ward budget"]);
  });
});
