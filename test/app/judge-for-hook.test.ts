import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { judgeForHook } from "../../src/app/judge-for-hook.js";
import { sha256 } from "../../src/node/digest.js";
import { quietHost, ROOT } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "guard-hook-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A host in `dir` that counts the digests taken: each judgement digests every attachment once. */
function countingHost() {
  const digested: string[] = [];
  const host = quietHost(dir);
  return {
    digested,
    host: {
      ...host,
      sha256: (data: Uint8Array | string) => {
        digested.push(typeof data === "string" ? data : `${data.length} bytes`);
        return sha256(data);
      },
    },
  };
}

// git before 2.41 passes the patch file alone: a mail whose headers name no one.
const withoutRecipients = readFileSync(join(ROOT, "fixtures/drafts/voters-csv.eml"), "latin1")
  .split(/\r?\n/)
  .filter((line) => !/^(To|Cc|Bcc):/i.test(line))
  .join("\r\n");

describe("guard hook run git", () => {
  it("judges a mail git gave no recipients for once, as if sent outside, and says so", async () => {
    const file = join(dir, "0001.patch");
    writeFileSync(file, withoutRecipients, "latin1");
    const { host, digested } = countingHost();
    const log = join(dir, "audit.jsonl");
    const run = await judgeForHook("git", file, undefined, { recipient: [], auditLog: log }, host);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("(git did not pass the recipients: judged as if sent outside)");
    // One digest for the one attachment, one for the whole message in the audit record.
    expect(digested).toHaveLength(2);
    const record = JSON.parse(readFileSync(log, "utf8").trim());
    expect(record.outcome).toBe("refused");
  });

  it("judges with the recipients git passes in the headers file", async () => {
    const file = join(dir, "0002.patch");
    writeFileSync(file, withoutRecipients, "latin1");
    const headers = join(dir, "headers");
    writeFileSync(headers, "From: a@cnparty.org.uk\r\nTo: b@cnparty.org.uk\r\n\r\n");
    const { host } = countingHost();
    const run = await judgeForHook("git", file, headers, { recipient: [], auditLog: join(dir, "a2") }, host);
    expect(run.stderr).not.toContain("git did not pass the recipients");
  });
});
