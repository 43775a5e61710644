import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guard, guardProcess, ROOT } from "../helpers/cli.js";
import { makeWorld } from "../integration/mail-kit.js";

// Issue 18, item 7: a closed pipe, an audit log that cannot be made, a byte order mark.
const world = makeWorld();
const draft = readFileSync(join(ROOT, "fixtures/drafts/voters-csv.eml"));

/** Runs guard with its standard output closed before it writes: `guard ... | head` at its worst. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/guard.js"), ...args], { cwd: ROOT });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("robustness", () => {
  it("`guard scan | head`: a reader that went away ends quietly with the verdict's exit code", async () => {
    const run = await withClosedStdout(["scan", "fixtures/files/voters.csv"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(2);
  });

  it("an audit log that cannot be created (under /proc) fails fast with a warning; the mail still goes", () => {
    const run = guardProcess(
      ["sendmail", "--", world.recorder, "desk@cnparty.org.uk"],
      "From: a@cnparty.org.uk\nTo: desk@cnparty.org.uk\nSubject: hi\n\nHello\n",
      {
        ...world.env,
        GUARD_AUDIT_LOG: "/proc/guard-test/audit.jsonl",
      },
    );
    expect(run.signal).toBeNull(); // not killed by the 60-second timeout
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("/proc/guard-test/audit.jsonl");
    expect(world.recorded()?.toString()).toContain("Hello");
  });

  it("a draft that opens with a UTF-8 byte order mark is read like the same draft without it", async () => {
    const plain = await guard(["check", "-", "--format", "json"], draft);
    const bom = await guard(
      ["check", "-", "--format", "json"],
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), draft]),
    );
    expect(bom.code).toBe(2);
    expect(bom.stdout).toBe(plain.stdout);
  });
});
