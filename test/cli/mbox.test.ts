// An input holding several messages (an mbox, a Drafts folder) is judged message by message; the
// verdict is the strongest, and the report says which message holds what.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guard, guardJson, ROOT } from "../helpers/cli.js";
import { draftWith, OUTSIDE } from "../helpers/drafts.js";
import { hasProgram } from "../integration/mail-kit.js";

const harmless = readFileSync(join(ROOT, "fixtures/drafts/ward-budget.eml"));
const canvass = draftWith([
  { filename: "canvass.xlsx", content: readFileSync(join(ROOT, "fixtures/files/canvass.xlsx")) },
]);

/** An mbox written by Python's mailbox module (mboxo, as mutt and most tools write it). */
function mbox(messages: Buffer[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "guard-mbox-"));
  try {
    const script = `import mailbox, sys
box = mailbox.mbox(sys.argv[1])
for path in sys.argv[2:]:
    with open(path, "rb") as f: box.add(mailbox.mboxMessage(f.read()))
box.flush()`;
    const paths = messages.map((m, i) => {
      const path = join(dir, `${i}.eml`);
      execFileSync("tee", [path], { input: m, stdio: ["pipe", "ignore", "inherit"] });
      return path;
    });
    execFileSync("python3", ["-c", script, join(dir, "Drafts"), ...paths]);
    return readFileSync(join(dir, "Drafts"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Tagged {
  message?: number;
  rule?: string;
  filename?: string;
  address?: string;
}

describe.skipIf(!hasProgram("python3"))("guard check on an mbox of two drafts", () => {
  const drafts = mbox([harmless, canvass]);

  it("blocks (exit 2) when one draft sends a canvass sheet outside, and says which", async () => {
    const { code, json } = await guardJson(["check", "-"], drafts);
    expect(code).toBe(2);
    expect(json.verdict).toBe("block");
    expect(json.messages).toEqual([
      { index: 1, from: "treasurer@cnparty.org.uk", subject: "Ward budgets 2008", verdict: "allow" },
      { index: 2, from: "agent@cnparty.org.uk", subject: "Figures", verdict: "block" },
    ]);
    expect(new Set(json.findings.map((f: Tagged) => f.message))).toEqual(new Set([2]));
    expect(json.findings.map((f: Tagged) => f.rule)).toContain("sensitive-to-external");
    expect(json.findings.every((f: { description: unknown }) => typeof f.description === "string")).toBe(
      true,
    );
    expect(json.attachments.map((a: Tagged) => [a.message, a.filename])).toEqual([
      [1, "ward-budget.xlsx"],
      [2, "canvass.xlsx"],
    ]);
    expect(json.recipients.map((r: Tagged) => [r.message, r.address])).toEqual([
      [1, "accounts@bookkeeping.example"],
      [2, OUTSIDE[0]],
    ]);
  });

  it("shows each message's verdict in the text report", async () => {
    const { code, stdout } = await guard(["check", "-"], drafts);
    expect(code).toBe(2);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^guard \(standard input\): BLOCK/);
    expect(lines).toContain("  2 messages, each judged on its own: 1 block, 1 allow");
    expect(lines).toContain(
      '  Message 1 of 2 ("Ward budgets 2008", from treasurer@cnparty.org.uk): ALLOW: nothing found that should stop this.',
    );
    expect(lines.find((l) => l.startsWith("  Message 2 of 2"))).toMatch(
      /\("Figures", from agent@cnparty\.org\.uk\): BLOCK/,
    );
  });

  it("allows an mbox whose drafts are each harmless", async () => {
    const { code, json } = await guardJson(["check", "-"], mbox([harmless, harmless]));
    expect(code).toBe(0);
    expect(json.messages.map((m: { verdict: string }) => m.verdict)).toEqual(["allow", "allow"]);
  });

  it("reads every message of an mbox attached to a draft", async () => {
    const { code, json } = await guardJson(
      ["check", "-"],
      draftWith([{ filename: "Drafts.mbox", content: drafts }]),
    );
    expect(code).toBe(2);
    expect(json.messages).toBeUndefined();
    const names = json.attachments[0].tables.map((t: { name: string }) => t.name);
    expect(names.some((n: string) => n.startsWith("message-1/ward-budget.xlsx"))).toBe(true);
    expect(names.some((n: string) => n.startsWith("message-2/canvass.xlsx"))).toBe(true);
  });
});

describe("guard check on a single message", () => {
  it("has no messages field and no message index", async () => {
    const { code, json } = await guardJson(["check", "-"], canvass);
    expect(code).toBe(2);
    expect(json.messages).toBeUndefined();
    // With one message, a finding's `message` is its prose, as in contract version 1.
    expect(json.findings.every((f: { message: unknown }) => typeof f.message === "string")).toBe(true);
    expect(json.attachments.every((a: Tagged) => a.message === undefined)).toBe(true);
  });
});
