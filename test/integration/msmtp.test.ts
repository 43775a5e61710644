import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeEml } from "../../fixtures/gen/index.js";
import { budgetCsv, hasProgram, installMsmtpWrapper, makeWorld, smtpSink, voterCsv } from "./mail-kit.js";

const present = hasProgram("msmtp");

/** Runs a program with standard input, without blocking the event loop the sink runs on. */
function run(command: string, args: string[], input: Buffer, env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(command, args, { env, timeout: 20_000 });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.resume();
    child.on("close", (status) => resolve({ status, stderr }));
    child.stdin.end(input);
  });
}

describe.skipIf(!present)("msmtp behind the guard wrapper, delivering to a local SMTP server", () => {
  const world = makeWorld();
  const wrapper = join(world.dir, "guard-msmtp");
  let sink: Awaited<ReturnType<typeof smtpSink>>;

  const mail = (filename: string, csv: string): Buffer =>
    writeEml({
      from: "office@cnparty.org.uk",
      to: ["orders@print-shop.example"],
      subject: "The list",
      date: "Tue, 13 May 2008 16:42:07 +0100",
      messageId: "msmtp-test@cnparty.org.uk",
      text: "Attached.",
      attachments: [{ filename, content: Buffer.from(csv) }],
    });

  beforeAll(async () => {
    sink = await smtpSink();
    installMsmtpWrapper(world, wrapper, sink.port);
  });
  afterAll(() => sink.server.close());
  beforeEach(() => {
    sink.received.length = 0;
  });

  it("refuses a voter CSV: exit 77, and msmtp never connects", async () => {
    const result = await run(wrapper, ["-t"], mail("voters.csv", voterCsv(30)), world.env);
    expect(result.status).toBe(77);
    expect(result.stderr).toContain("sensitive-to-external");
    expect(sink.received).toEqual([]);
  });

  it("lets msmtp deliver an allowed mail, unchanged", async () => {
    const message = mail("budget.csv", budgetCsv());
    const result = await run(wrapper, ["-t"], message, world.env);
    expect(result.status, result.stderr).toBe(0);
    expect(sink.received).toHaveLength(1);
    // SMTP carries lines ending CRLF; the message's own lines are CRLF already.
    expect(sink.received[0]).toBe(message.toString("latin1"));
  });
});
