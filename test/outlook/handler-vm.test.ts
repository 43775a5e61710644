import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { parse } from "acorn";
import { beforeAll, describe, expect, it } from "vitest";
import { FILES, HANDLER, type OutlookBuildOptions } from "../../scripts/outlook-addin.js";
import { ROOT } from "../helpers/cli.js";
import { OUTLOOK_HTML } from "../parse/body/client-bodies.js";
import { buildAddin, builtText } from "./built-addin.js";
import { es2016Sandbox, es2016SyntaxProblem } from "./es2016-sandbox.js";
import { type FakeItem, type FakeOffice, fireSend, installFakeOffice, itemFromEml } from "./fake-office.js";

/** The handler's reads of an item, in order, before any attachment's content. */
const ITEM_READS = [
  "from.getAsync",
  "to.getAsync",
  "cc.getAsync",
  "bcc.getAsync",
  "subject.getAsync",
  "body.getAsync",
  "getAttachmentsAsync",
];

// The shipped handler script, run in node:vm with nothing but ECMAScript 2016 and a fake Office
// (docs/outlook-addin.md): any use of a browser or Node API, a later built-in or a later RegExp feature
// fails here, as it would in classic Outlook's JavaScript-only runtime.
let addin: OutlookBuildOptions;
let script: Script;
beforeAll(async () => {
  addin = await buildAddin();
  script = new Script(builtText(addin, FILES.script), { filename: FILES.script });
}, 180_000);

const fixture = (path: string) => readFileSync(join(ROOT, "fixtures", path));

interface Run {
  /** Every event.completed argument, in order (one is right). */
  completed: Record<string, unknown>[];
  fake: FakeOffice;
  regexpProblems: string[];
}

/** Loads the script into a fresh ES2016 sandbox with a fake Office for `item`, fires OnMessageSend and waits. */
async function send(item: FakeItem, code: Script = script): Promise<Run> {
  const sandbox = es2016Sandbox();
  const fake = installFakeOffice(sandbox, item);
  code.runInContext(sandbox.context as never);
  const handler = fake.handlers[HANDLER];
  expect(handler, `${HANDLER} associated`).toBeTypeOf("function");
  const completed = await fireSend(sandbox, handler);
  return { completed, fake, regexpProblems: sandbox.regexpProblems };
}

const emlItem = async (path: string, change: Partial<FakeItem> = {}) => ({
  ...(await itemFromEml(fixture(path))),
  ...change,
});

/** A harmless draft: minutes to an outside address, nothing attached. */
const HARMLESS: FakeItem = {
  from: "agent@cnparty.org.uk",
  to: ["desk@radio-news.example"],
  subject: "Minutes",
  html: "<html><body><p>Minutes of Tuesday's meeting: the hall is booked for the 14th.</p></body></html>",
  attachments: [],
};

const blocked = (run: Run) => {
  expect(run.completed).toHaveLength(1);
  const [options] = run.completed;
  expect(Object.keys(options).sort()).toEqual(["allowEvent", "errorMessage"]);
  expect(options.allowEvent).toBe(false);
  expect(typeof options.errorMessage).toBe("string");
  expect((options.errorMessage as string).length).toBeLessThanOrEqual(500);
  return options.errorMessage as string;
};

describe("the handler script", () => {
  it("is one ECMAScript 2016 script: no import, no later syntax, no conditional operator, no \\p{} escape", () => {
    const code = builtText(addin, FILES.script);
    expect(es2016SyntaxProblem(code)).toBeNull();
    const ast = parse(code, { ecmaVersion: 2016, sourceType: "script" });
    const kinds = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        const type = (node as { type?: unknown }).type;
        if (typeof type === "string") kinds.add(type);
        for (const value of Object.values(node)) if (value && typeof value === "object") walk(value);
      }
    };
    walk(ast);
    // Microsoft: in classic Outlook before Version 2403 the ternary operator "will prevent your
    // add-in from loading" (troubleshoot-event-based-and-spam-reporting-add-ins.md).
    expect(kinds.has("ConditionalExpression")).toBe(false);
    expect(kinds.has("ImportExpression")).toBe(false);
    expect(code).not.toMatch(/\\[pP]\{/);
  });

  it("associates its handler at load, with nothing but ES2016 and Office in reach", async () => {
    const sandbox = es2016Sandbox();
    const fake = installFakeOffice(sandbox, HARMLESS);
    script.runInContext(sandbox.context as never);
    expect(Object.keys(fake.handlers)).toEqual([HANDLER]);
    expect(fake.calls).toEqual([]);
  });
});

// Each fixture's verdict under the default policy is the one fixtures/README.md gives for `guard check`.
describe("OnMessageSend on the incident fixtures and drafts", () => {
  it("blocks the Crewe & Nantwich draft (three workbooks of voters to a journalist)", async () => {
    const run = await send(await emlItem("incidents/crewe-nantwich-2008.eml"));
    const message = blocked(run);
    expect(message).toMatch(
      /^guard: do not send this as it is\. \(\d+ findings; the first:\) Special-category data about 2,900 people would go to 1 external recipient/,
    );
    expect(message).toContain("(Crewe_North.xlsx)");
    expect(run.regexpProblems).toEqual([]);
    // Every part of the item was read: the three workbooks one by one, after the recipients.
    expect(run.fake.calls).toEqual([
      ...ITEM_READS,
      "getAttachmentContentAsync:Crewe_North.xlsx",
      "getAttachmentContentAsync:Crewe_South.xlsx",
      "getAttachmentContentAsync:Nantwich.xlsx",
    ]);
  }, 180_000);

  it("allows the same workbooks sent inside the party (same domain and a subdomain)", async () => {
    const run = await send(await emlItem("incidents/crewe-nantwich-internal.eml"));
    expect(run.completed).toEqual([{ allowEvent: true }]);
  }, 180_000);

  it("blocks the Newark thank-you to 1,000 visible outside addresses", async () => {
    const message = blocked(await send(await emlItem("incidents/newark-2014.eml")));
    expect(message).toContain("Personal data of 400 people would go to 1,000 external recipients");
  }, 60_000);

  it.each([["drafts/clean-minutes.eml"], ["drafts/election-results.eml"], ["drafts/ward-budget.eml"]])(
    "allows %s",
    async (path) => {
      expect((await send(await emlItem(path))).completed).toEqual([{ allowEvent: true }]);
    },
    60_000,
  );

  it("allows the harmless draft", async () => {
    expect((await send(HARMLESS)).completed).toEqual([{ allowEvent: true }]);
  });

  it("blocks voters.csv (semicolons, UTF-8 BOM) to a print shop", async () => {
    expect(blocked(await send(await emlItem("drafts/voters-csv.eml")))).toContain(
      "Special-category data about 50 people",
    );
  }, 60_000);

  it("warns on 5 guests to a venue: stops the send but offers Send Anyway (sendModeOverride promptUser, Mailbox 1.14)", async () => {
    const run = await send(await emlItem("drafts/small-list.eml"));
    expect(run.completed).toEqual([
      {
        allowEvent: false,
        errorMessage:
          'guard: check before sending. Personal data of 5 people would go to 1 external recipient: names and email addresses in column(s) "Name", "Email". (guests.csv) Check the recipient should see these people\'s details. It would reach one person outside: if they need it (a printer, a data processor), check an agreement covers it. Choose Send Anyway only if you are sure.',
        sendModeOverride: "promptUser",
      },
    ]);
  }, 60_000);

  it("on a client without Mailbox 1.14 the warning stops the send and says Send Anyway cannot be offered", async () => {
    const run = await send(await emlItem("drafts/small-list.eml", { mailbox: "1.13" }));
    expect(blocked(run)).toMatch(
      /^guard: check before sending\. .*This version of Outlook cannot offer Send Anyway/,
    );
  }, 60_000);

  it("blocks a canvass table pasted into the HTML body (Outlook's Word HTML)", async () => {
    const message = blocked(await send({ ...HARMLESS, html: OUTLOOK_HTML }));
    expect(message).toContain("Special-category data about 12 people");
    expect(message).toContain("((body))");
  });
});

describe("what the handler cannot read is not clean", () => {
  const cloud = {
    name: "Canvass returns.xlsx",
    attachmentType: "cloud" as const,
    format: "url" as const,
    content: "https://cnparty-my.sharepoint.com/:x:/g/personal/agent/canvass",
  };

  it("blocks a cloud attachment (a OneDrive link) to an outside address", async () => {
    const message = blocked(await send({ ...HARMLESS, attachments: [cloud] }));
    expect(message).toContain(
      "This attachment could not be inspected: guard was not given its content (a cloud attachment",
    );
    expect(message).toContain("(Canvass returns.xlsx)");
  });

  it("warns, with Send Anyway, on a cloud attachment to colleagues only", async () => {
    const run = await send({ ...HARMLESS, to: ["office@cnparty.org.uk"], attachments: [cloud] });
    expect(run.completed).toHaveLength(1);
    expect(run.completed[0]).toMatchObject({ allowEvent: false, sendModeOverride: "promptUser" });
  });

  it("reads an attached message (eml) and blocks the workbooks inside it", async () => {
    const eml = fixture("incidents/crewe-nantwich-2008.eml").toString("latin1");
    const message = blocked(
      await send({
        ...HARMLESS,
        attachments: [{ name: "Fw: canvass", attachmentType: "item", format: "eml", content: eml }],
      }),
    );
    expect(message).toContain("Special-category data about 2,900 people");
  }, 180_000);

  it("allows an attached meeting (iCalendar): a calendar holds no table", async () => {
    const ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Count\r\nDTSTART:20261203T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const run = await send({
      ...HARMLESS,
      attachments: [{ name: "Count", attachmentType: "item", format: "iCalendar", content: ics }],
    });
    expect(run.completed).toEqual([{ allowEvent: true }]);
  });

  it("blocks a file whose content Office gives as something other than base64", async () => {
    const bad = {
      name: "list.csv",
      attachmentType: "file" as const,
      format: "base64" as const,
      content: "not base64!",
    };
    expect(blocked(await send({ ...HARMLESS, attachments: [bad] }))).toContain("(list.csv)");
  });

  it("blocks a file Office would not hand over (getAttachmentContentAsync failed)", async () => {
    const file = {
      name: "list.csv",
      attachmentType: "file" as const,
      format: "base64" as const,
      content: "TmFtZQ==",
    };
    const message = blocked(
      await send({
        ...HARMLESS,
        attachments: [file],
        fail: { "getAttachmentContentAsync:list.csv": "InvalidAttachmentId" },
      }),
    );
    expect(message).toContain("could not be inspected");
    expect(message).toContain("(list.csv)");
  });

  it.each(ITEM_READS)("blocks, saying why, when %s fails or throws", async (call) => {
    for (const failure of ["GenericResponseError", "throw"]) {
      const message = blocked(await send({ ...HARMLESS, fail: { [call]: failure } }));
      expect(message).toMatch(/^guard could not check this message, so it was not sent \(/);
      expect(message).toContain(call);
    }
  });
});

describe("the policy an admin builds in (--policy)", () => {
  it("judges by it: a denied domain blocks even the harmless draft", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-policy-"));
    const policyPath = join(dir, "policy.yaml");
    writeFileSync(policyPath, "deniedDomains: [radio-news.example]\n");
    const withPolicy = await buildAddin({ policyPath });
    const run = await send(HARMLESS, new Script(builtText(withPolicy, FILES.script)));
    const [options] = run.completed;
    expect(options).toMatchObject({ allowEvent: false });
    expect(options.errorMessage).toContain("radio-news.example");
    expect(run.completed).toHaveLength(1);
  }, 180_000);

  it("refuses to build with a policy file that does not validate, naming the problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guard-policy-"));
    const policyPath = join(dir, "policy.yaml");
    writeFileSync(policyPath, "deniedDomains: [not a domain]\n");
    await expect(buildAddin({ policyPath })).rejects.toThrow(/policy\.yaml.*is not a domain name/);
  });
});
