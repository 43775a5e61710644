import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addressParser } from "postal-mime";
import { describe, expect, it } from "vitest";
import { inspectParsedDraft } from "../../src/core.js";
import type { EmbeddedRules } from "../../src/portable/build-engine.js";
import type { LogEntry } from "../../src/thunderbird/append-log.js";
import type { Answer, Dialogs } from "../../src/thunderbird/ask-sender.js";
import type { DialogView } from "../../src/thunderbird/dialog-view.js";
import { judgeSend, type SendDeps } from "../../src/thunderbird/judge-send.js";
import type { ComposeDetails, ParsedMailbox, ThunderbirdApi } from "../../src/thunderbird/thunderbird-api.js";
import { ROOT } from "../helpers/cli.js";
import { budgetCsv, voterCsv } from "../integration/mail-kit.js";

// judgeSend's decisions, the ones a real Thunderbird run cannot reach (a person answering the
// dialog), with the real core and rules behind a stand-in for Thunderbird's API: a compose window
// holding files, storage areas, and a sender who answers the dialog in a set way.
const EMBEDDED = JSON.parse(readFileSync(join(ROOT, "dist/embedded.json"), "utf8")) as EmbeddedRules;

/** A canvass list without special-category columns: names, addresses, postcodes, phones. */
function contactCsv(rows: number): string {
  const lines = ["Forename,Surname,Address,Postcode,Phone"];
  for (let i = 0; i < rows; i++)
    lines.push(
      `Ann${i},Smith${i},${i + 1} Mill Street Crewe,CW1 ${(i % 9) + 1}AB,07700 900${String(i).padStart(3, "0")}`,
    );
  return `${lines.join("\n")}\n`;
}

interface World {
  details: ComposeDetails;
  files: { name: string; text: string }[];
  managed?: Record<string, unknown>;
  local?: Record<string, unknown>;
  /** Mailing lists by name, as the address book would expand them. */
  lists?: Record<string, string[]>;
  answer?: Answer;
  failFile?: boolean;
}

/** Runs one Send in a stand-in Thunderbird; returns what the listener returned and what it left. */
async function send(world: World) {
  const log: LogEntry[] = [];
  const asked: DialogView[] = [];
  const told: DialogView[] = [];
  const local = { ...(world.local ?? {}) };
  // Thunderbird's parser, roughly: mailboxes split by postal-mime, and a list written as
  // `Name <Name>` expanded to its members when asked.
  const parse = (text: string, expand?: boolean): ParsedMailbox[] => {
    const list = /^\s*([^<>]+?)\s*<\1>\s*$/.exec(text)?.[1];
    if (list !== undefined && world.lists?.[list])
      return expand ? world.lists[list].map((email) => ({ email })) : [{ name: list, email: list }];
    return addressParser(text).map((a) => ({ name: a.name, email: a.address ?? "" }));
  };
  const api = {
    compose: {
      listAttachments: async () => world.files.map((f, i) => ({ id: i, name: f.name, size: f.text.length })),
      getAttachmentFile: async (id: number) => {
        if (world.failFile) throw new Error("Attachment not found");
        return new File([world.files[id].text], world.files[id].name, { type: "text/csv" });
      },
    },
    messengerUtilities: {
      parseMailboxString: async (text: string, options?: { expandMailingLists?: boolean }) =>
        parse(text, options?.expandMailingLists),
    },
    storage: {
      local: {
        get: async (key: string) => ({ [key]: local[key] }),
        set: async (items: Record<string, unknown>) => void Object.assign(local, items),
      },
      managed: {
        get: async (key: string) => {
          if (!world.managed) throw new Error("Managed storage manifest not found");
          return { [key]: world.managed[key] };
        },
      },
    },
  } as unknown as ThunderbirdApi;
  const dialogs: Dialogs = {
    ask: async (view) => {
      asked.push(view);
      return world.answer ?? { send: false };
    },
    tell: async (view) => void told.push(view),
  };
  let clock = 0;
  const deps: SendDeps = {
    api,
    embedded: async () => EMBEDDED,
    dialogs,
    inspect: inspectParsedDraft,
    log: async (entry) => void log.push(entry),
    now: () => (clock += 5),
    clock: () => new Date("2026-12-01T12:00:00Z"),
  };
  const result = await judgeSend(deps, { id: 7 }, world.details);
  return { result, log, asked, told };
}

const OFFICE = "Campaign Office <office@cnparty.org.uk>";
const toPress = (extra: ComposeDetails = {}): ComposeDetails => ({
  from: OFFICE,
  to: ["Alex Marsh <alex.marsh@radio-news.example>"],
  subject: "Figures",
  isPlainText: true,
  plainTextBody: "See attached.\n",
  ...extra,
});

describe("judgeSend: what the sender sees at Send", () => {
  it("lets a budget go without a dialog, and logs it", async () => {
    const { result, log, asked, told } = await send({
      details: toPress(),
      files: [{ name: "budget.csv", text: budgetCsv() }],
    });
    expect(result).toEqual({});
    expect([asked, told]).toEqual([[], []]);
    expect(log).toMatchObject([
      { outcome: "sent", verdict: "allow", mode: "thunderbird", policy: "embedded" },
    ]);
    expect(log[0]).toMatchObject({ attachments: [{ filename: "budget.csv" }], recipients: { external: 1 } });
  });

  it("cancels voting intentions to a journalist at once: no reason lifts sensitive-to-external", async () => {
    const { result, log, asked, told } = await send({
      details: toPress(),
      files: [{ name: "canvass.csv", text: voterCsv(30) }],
      answer: { send: true, reason: "the journalist asked" },
    });
    expect(result).toEqual({ cancel: true });
    expect(asked).toEqual([]);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      kind: "block",
      canOverride: false,
      notLiftable: ["sensitive-to-external"],
    });
    expect(told[0].findings[0].advice).not.toBe("");
    expect(log).toMatchObject([{ outcome: "refused", verdict: "block" }]);
  });

  it("asks for a reason on an overridable block; with one the message goes and the reason is logged", async () => {
    const files = [{ name: "contacts.csv", text: contactCsv(30) }];
    const { result, log, asked } = await send({
      details: toPress(),
      files,
      answer: { send: true, reason: "printer's data-processing agreement, 2024-03" },
    });
    expect(asked).toMatchObject([{ kind: "block", canOverride: true }]);
    expect(result).toEqual({});
    expect(log).toMatchObject([
      {
        outcome: "sent",
        verdict: "allow",
        verdictBefore: "block",
        override: { reason: "printer's data-processing agreement, 2024-03", sources: ["dialog"] },
        rules: [{ rule: "personal-data-to-external", overridden: true }],
      },
    ]);
  });

  it("keeps an overridable block cancelled when the sender goes back or gives no reason", async () => {
    const files = [{ name: "contacts.csv", text: contactCsv(30) }];
    const back = await send({ details: toPress(), files, answer: { send: false } });
    const blank = await send({ details: toPress(), files, answer: { send: true } });
    expect([back.result, blank.result]).toEqual([{ cancel: true }, { cancel: true }]);
    expect([back.log[0].outcome, blank.log[0].outcome]).toEqual(["refused", "refused"]);
  });

  it("asks on a warning: Send anyway sends, Go back cancels", async () => {
    const files = [{ name: "few.csv", text: contactCsv(3) }];
    const anyway = await send({ details: toPress(), files, answer: { send: true } });
    const back = await send({ details: toPress(), files, answer: { send: false } });
    expect(anyway.asked).toMatchObject([
      { kind: "warn", findings: [{ rule: "some-personal-data-to-external" }] },
    ]);
    expect([anyway.result, back.result]).toEqual([{}, { cancel: true }]);
    expect(anyway.log).toMatchObject([{ outcome: "sent", verdict: "warn" }]);
  });

  it("reads the message text too: a pasted list is judged like an attachment", async () => {
    const { result, told } = await send({ details: toPress({ plainTextBody: voterCsv(30) }), files: [] });
    expect(result).toEqual({ cancel: true });
    expect(told[0].findings.map((f) => f.rule)).toContain("sensitive-to-external");
  });

  it("expands an address-book mailing list: 25 members with personal data is sending to many", async () => {
    const members = Array.from({ length: 25 }, (_, i) => `member${i}@example.org`);
    const { asked } = await send({
      details: toPress({ to: ["Volunteers <Volunteers>"] }),
      files: [{ name: "few.csv", text: contactCsv(3) }],
      lists: { Volunteers: members },
    });
    expect(asked[0].findings.map((f) => f.rule)).toContain("personal-data-to-many");
  });

  it("takes the managed policy over the options page's", async () => {
    const files = [{ name: "few.csv", text: contactCsv(3) }];
    const managed = { policy: "internalDomains: [radio-news.example]\n" };
    const local = { policy: "internalDomains: [elsewhere.example]\n" };
    const { result, log } = await send({ details: toPress(), files, managed, local });
    expect(result).toEqual({});
    expect(log).toMatchObject([{ verdict: "allow", policy: "managed" }]);
    const own = await send({ details: toPress(), files, local: { policy: managed.policy } });
    expect(own.log).toMatchObject([{ verdict: "allow", policy: "options" }]);
  });

  it("fails closed: an invalid policy, an unreadable attachment or a throwing core cancel and say so", async () => {
    const files = [{ name: "budget.csv", text: budgetCsv() }];
    const badPolicy = await send({
      details: toPress(),
      files,
      managed: { policy: "thresholds: {personalDataRows: many}\n" },
    });
    const noFile = await send({ details: toPress(), files, failFile: true });
    for (const run of [badPolicy, noFile]) {
      expect(run.result).toEqual({ cancel: true });
      expect(run.told).toMatchObject([{ kind: "error" }]);
      expect(run.log).toMatchObject([{ outcome: "error" }]);
    }
    expect(badPolicy.told[0].report).toContain("managed policy is not valid");
    expect(noFile.told[0].report).toContain("Attachment not found");
  });
});
