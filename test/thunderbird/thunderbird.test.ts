import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM build script, without types
import { buildThunderbird } from "../../scripts/build-thunderbird.mjs";
import { ROOT } from "../helpers/cli.js";
import { budgetCsv, hasProgram } from "../integration/mail-kit.js";
import { Marionette, screenshotWindow } from "./marionette.js";
import {
  type CaseReport,
  freePort,
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
// every case (about 20 s of Thunderbird); Marionette, Thunderbird's remote protocol, takes the
// screenshot of the block dialog.
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

/** One of the office's PDFs (written by LibreOffice; fixtures/office). */
const officePdf = (name: string): PlanFile => ({
  name,
  type: "application/pdf",
  bytes: new Uint8Array(readFileSync(join(ROOT, "fixtures/office", name))),
});

/** Where the tests keep what a person would look at (CI keeps it as an artifact; git ignores it). */
const SHOTS = join(ROOT, "test-results");
const BLOCK_SHOT = join(SHOTS, "thunderbird-block-dialog.png");

/** Width and height from a PNG's IHDR chunk, which always comes first. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/**
 * Takes the screenshot of the guard dialog that is open now, through Marionette (Thunderbird's
 * remote protocol), connecting on first use.
 */
function dialogCamera(port: number) {
  let client: Promise<Marionette> | undefined;
  const shot: { png?: Buffer; error?: string } = {};
  const shoot = async (): Promise<Buffer> => {
    client ??= Marionette.open(port, 30_000).then(async (c) => {
      await c.send("WebDriver:NewSession", { capabilities: {} });
      return c;
    });
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let the findings paint
    return screenshotWindow(await client, "guard:");
  };
  // The driver waits for this before it closes the dialog: bounded, so a stuck Marionette costs
  // the screenshot, not the run.
  const take = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("no screenshot within 60 s")), 60_000);
    });
    try {
      shot.png = await Promise.race([shoot(), late]);
      mkdirSync(SHOTS, { recursive: true });
      writeFileSync(BLOCK_SHOT, shot.png);
    } catch (error) {
      shot.error = String(error);
    } finally {
      clearTimeout(timer);
    }
  };
  const close = async () => (await client?.catch(() => undefined))?.close();
  return { shot, take, close };
}

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
  let camera: ReturnType<typeof dialogCamera>;

  beforeAll(async () => {
    crewe = await creweDraft();
    const plan = {
      settleMs: 1500,
      cases: [
        { ...planCase("crewe", "Canvass figures as promised", crewe.body, crewe.files), screenshot: true },
        planCase("budget", "Ward budget", "The budget lines for the wards.\n", [budget]),
        planCase("damaged", "Canvass, latest", "Here it is.\n", [damaged()]),
        planCase("throw", "Ward budget [guard-test:throw]", "The budget again.\n", [budget]),
        planCase("printer", "Leaflet round", "Labels for the round.\n", [fewContacts()], PRINTER),
        planCase("crewe-again", "Canvass figures, again", crewe.body, crewe.files),
        planCase("pdf-budget", "Budget as PDF", "The budget, printed.\n", [officePdf("budget.pdf")]),
        planCase("pdf-canvass", "Canvass as PDF", "The canvass, printed.\n", [officePdf("canvass.pdf")]),
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), "guard-tb-"));
    const home = join(dir, "home");
    const profile = join(dir, "profile");
    mkdirSync(home, { recursive: true });
    writeManagedPolicy(home);
    const smtp = await startSmtp();
    const marionettePort = await freePort();
    camera = dialogCamera(marionettePort);
    const server = await startReportServer(plan, camera.take);
    try {
      writeProfile(profile, smtp.port, marionettePort);
      writeFileSync(
        join(profile, "extensions", `${GUARD_ID}.xpi`),
        await buildThunderbird({ testFaults: true }),
      );
      const driver = zipFolder(join(import.meta.dirname, "driver"), {
        "config.js": `const DRIVER_PORT = ${server.port};\n`,
      });
      writeFileSync(join(profile, "extensions", "driver@guard.test.xpi"), driver);
      const run = await runThunderbird(home, profile, server.done, 240_000, [
        "--marionette",
        "--remote-allow-system-access",
      ]);
      output = run.output;
      reports = server.reports;
      received = smtp.received;
    } finally {
      await camera.close();
      await smtp.close();
      await server.close();
    }
  }, 300_000);

  afterAll(() => {
    if (process.env.GUARD_TB_DUMP) console.log(JSON.stringify(reports, null, 1));
    if (reports.length < 8) console.error(`Thunderbird's output:\n${output.slice(-4000)}`);
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
    expect(subjects()).not.toContain("Canvass figures, again");
  });

  it("reads PDFs with pdf.js inside Thunderbird: a budget goes, a canvass printed to PDF is cancelled", () => {
    // A PDF the add-on could not read would be uninspectable, and to an outside address blocked.
    expect(report("pdf-budget")).toMatchObject({ sent: true, attached: 1, dialogs: [] });
    expect(report("pdf-canvass")).toMatchObject({ sent: false, attached: 1 });
    expect(report("pdf-canvass").dialogs).toEqual([expect.stringMatching(/^guard: BLOCK/)]);
    expect(subjects().sort()).toEqual(["Budget as PDF", "Leaflet round", "Ward budget"]);
  });

  it("shows the block dialog as a window a person sees (screenshot in test-results/)", () => {
    expect(camera.shot.error).toBeUndefined();
    const png = camera.shot.png ?? Buffer.alloc(0);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThanOrEqual(300);
    expect(height).toBeGreaterThanOrEqual(200);
    expect(readFileSync(BLOCK_SHOT)).toEqual(png);
  });
});
