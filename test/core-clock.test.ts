import { describe, expect, it } from "vitest";
import { toCsv } from "../fixtures/gen/csv.js";
import { writeEml } from "../fixtures/gen/eml.js";
import { checkDraft } from "../src/app/check-draft.js";
import { EXIT } from "../src/app/exit-codes.js";
import type { Engine } from "../src/core.js";
import { ok } from "../src/model/result.js";
import { COLLEAGUES, contactRows, OUTSIDE, SENDER } from "./helpers/drafts.js";
import { testEngine } from "./helpers/rules.js";

/**
 * A clock whose first reading starts the draft and whose every later reading is past the limit:
 * the draft's time runs out while its text is read, as a slow body or a paused machine would make it.
 */
function runsOutAtOnce(engine: Engine): Engine {
  let readings = 0;
  return { ...engine, platform: { ...engine.platform, now: () => (readings++ === 0 ? 0 : 1e9) } };
}

/** A draft with a pasted table of people in its text and the same people attached as a CSV. */
function draft(to: readonly string[]): Uint8Array {
  const rows = contactRows(8);
  return writeEml({
    from: SENDER,
    to,
    subject: "Contacts",
    messageId: "clock.test@cnparty.org.uk",
    date: "Tue, 13 May 2008 16:42:07 +0100",
    text: `Here they are:\n\n${rows.map((r) => r.join("\t")).join("\n")}\n`,
    attachments: [{ filename: "contacts.csv", content: toCsv(rows) }],
  });
}

async function check(to: readonly string[]) {
  const engine = runsOutAtOnce(testEngine());
  const host = {
    loadEngine: async () => ok(engine),
    readInput: async () => ok(draft(to)),
  };
  const out = await checkDraft("draft.eml", { format: "json", recipient: [] }, host);
  return { code: out.exitCode, json: JSON.parse(out.stdout) };
}

describe("one clock for the whole draft (limits.maxSecondsPerDraft)", () => {
  it("leaves the attachments no fresh time once the text has used the draft's: both are TIMEOUT", async () => {
    const { code, json } = await check(COLLEAGUES);
    const byName = Object.fromEntries(json.attachments.map((a: { filename: string }) => [a.filename, a]));
    expect(byName["(body)"]).toMatchObject({ status: "uninspectable", reason: "TIMEOUT" });
    expect(byName["contacts.csv"]).toMatchObject({ status: "uninspectable", reason: "TIMEOUT" });
    expect(json.verdict).toBe("warn");
    expect(code).toBe(EXIT.warn);
    const messages = json.findings
      .filter((f: { issue?: string }) => f.issue === "TIMEOUT")
      .map((f: { message: string }) => f.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(message).toContain("maxSecondsPerDraft: 20 seconds");
  });

  it("blocks it when it goes outside: what was not read is never allowed", async () => {
    const { code, json } = await check(OUTSIDE);
    expect(json.verdict).toBe("block");
    expect(code).toBe(EXIT.block);
  });
});
