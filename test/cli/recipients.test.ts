// Who counts as internal, end to end: drafts as a mail client writes them, judged by `guard check`
// (a few whole-process runs) and by the core's inspectDraft (the rest, in process).
import { describe, expect, it } from "vitest";
import { toCsv } from "../../fixtures/gen/index.js";
import { inspectDraft } from "../../src/core.js";
import { guard, guardJson } from "../helpers/cli.js";
import { canvassRows, draftWith, rulesOf } from "../helpers/drafts.js";
import { testEngine } from "../helpers/rules.js";

const canvass = [{ filename: "canvass.csv", content: toCsv(canvassRows(40)) }];

describe("guard check: internal means the sender's organisation", () => {
  it("blocks a Gmail volunteer's canvass return sent to a journalist's Gmail", async () => {
    const draft = draftWith(canvass, ["journalist@gmail.com"], "volunteer@gmail.com");
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(2);
    expect(rulesOf(json)).toContain("sensitive-to-external");
    expect(json.recipients).toEqual([{ address: "journalist@gmail.com", external: true, field: "to" }]);
  });

  it("allows the same return sent by the volunteer to their own address", async () => {
    const draft = draftWith(canvass, ["Volunteer@gmail.com"], "volunteer@gmail.com");
    const { code, json } = await guardJson(["check", "-"], draft);
    expect(code).toBe(0);
    expect(json.recipients).toEqual([{ address: "Volunteer@gmail.com", external: false, field: "to" }]);
  });

  it("says a draft with no recipients yet is judged as if sent outside", async () => {
    const { code, stdout } = await guard(["check", "-"], draftWith(canvass, []));
    expect(code).toBe(2);
    expect(stdout).toContain("no recipients yet: judged as if sent outside");
    expect(stdout).toContain("sensitive-to-external");
  });
});

describe("inspectDraft: who is internal", () => {
  const engine = testEngine();
  const verdictOf = async (draft: Uint8Array, envelope: string[] = []) => {
    const result = await inspectDraft(draft, engine, envelope);
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };
  const externalOf = async (draft: Uint8Array, envelope: string[] = []) =>
    Object.fromEntries((await verdictOf(draft, envelope)).recipients.map((r) => [r.address, r.external]));
  const eml = (...head: string[]) =>
    new TextEncoder().encode(`${head.join("\r\n")}\r\nSubject: x\r\n\r\nHello\r\n`);

  it.each([
    ["a branch to its party", "agent@crewe.ourparty.org.uk", "hq@ourparty.org.uk", "allow"],
    ["one council to another", "clerk@a.gov.uk", "clerk@b.gov.uk", "block"],
    ["Gmail to Gmail", "volunteer@gmail.com", "journalist@gmail.com", "block"],
    ["Gmail to the sender's own address", "volunteer@gmail.com", "volunteer@gmail.com", "allow"],
  ])("%s with a canvass return: %s", async (_what, from, to, verdict) => {
    expect((await verdictOf(draftWith(canvass, [to], from))).action).toBe(verdict);
  });

  it("judges a draft with no recipients as sent to one outsider, and says so in JSON", async () => {
    const verdict = await verdictOf(draftWith(canvass, [], "agent@ourparty.org.uk"));
    expect(verdict.action).toBe("block");
    expect(verdict.noRecipients).toBe(true);
    expect(verdict.recipients).toEqual([]);
  });

  it("counts envelope recipients, not just headers, and no longer says there are none", async () => {
    const verdict = await verdictOf(draftWith(canvass, [], "agent@ourparty.org.uk"), ["hq@ourparty.org.uk"]);
    expect(verdict.action).toBe("allow");
    expect(verdict.noRecipients).toBeUndefined();
  });

  it("takes To, Cc, Bcc, group members and envelope recipients, each address once", async () => {
    const draft = eml(
      "From: agent@ourparty.org.uk",
      "To: Branch: hq@ourparty.org.uk, desk@radio.example;, hq@ourparty.org.uk",
      "Cc: HQ@ourparty.org.uk",
      "Bcc: treasurer@crewe.ourparty.org.uk",
    );
    const recipients = (await verdictOf(draft, ["desk@radio.example", "x@other.example"])).recipients;
    expect(recipients.map((r) => [r.address, r.field, r.external])).toEqual([
      ["hq@ourparty.org.uk", "to", false],
      ["desk@radio.example", "to", true],
      ["treasurer@crewe.ourparty.org.uk", "bcc", false],
      ["x@other.example", "envelope", true],
    ]);
  });

  it("with several From addresses, is internal only when internal for each", async () => {
    const draft = eml(
      "From: agent@ourparty.org.uk, volunteer@gmail.com",
      "To: hq@ourparty.org.uk, volunteer@gmail.com",
    );
    expect(await externalOf(draft)).toEqual({ "hq@ourparty.org.uk": true, "volunteer@gmail.com": true });
  });

  it("without a From address, every recipient is external", async () => {
    expect(await externalOf(eml("To: hq@ourparty.org.uk"))).toEqual({ "hq@ourparty.org.uk": true });
  });

  it("a Sender header does not change who is internal", async () => {
    const draft = eml("From: volunteer@gmail.com", "Sender: agent@ourparty.org.uk", "To: hq@ourparty.org.uk");
    expect(await externalOf(draft)).toEqual({ "hq@ourparty.org.uk": true });
  });
});
