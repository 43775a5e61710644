// guard smtp-filter behind a real Postfix (Debian's, started privately on loopback): what a sender's
// client sees, what reaches the sink, and that nothing is lost when guard times out or dies.
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import {
  freePort,
  type Ports,
  type Postfix,
  postfixMissing,
  type Relay,
  spawnGuard,
  startPostfix,
  startRelay,
  swaks,
  until,
} from "../helpers/postfix.js";
import { type Sink, sendThrough, startSink } from "../helpers/smtp.js";

const missing = postfixMissing();
if (missing !== null && process.env.CI)
  throw new Error(`the Postfix tests cannot run: ${missing} (.ci/run installs postfix and swaks)`);
if (missing !== null) console.warn(`skipping the Postfix tests: ${missing}`);

const FROM = "office@cnparty.org.uk";
const CLEAN = join(ROOT, "fixtures/drafts/clean-minutes.eml");
const CREWE = join(ROOT, "fixtures/incidents/crewe-nantwich-2008.eml");

/** A harmless draft that takes guard a while: a stock list of 120,000 rows, no one in it. */
function stockDraft(dir: string): string {
  const rows = ["SKU,Product,Category,Price,Stock"];
  for (let i = 0; i < 120_000; i++)
    rows.push(`SKU-${i},Item ${i % 977},Print,${(i % 1999) / 100},${i % 500}`);
  const csv = Buffer.from(`${rows.join("\r\n")}\r\n`)
    .toString("base64")
    .replace(/.{76}/g, "$&\r\n");
  const path = join(dir, "stock.eml");
  writeFileSync(
    path,
    [
      `From: Campaign Office <${FROM}>`,
      "To: orders@print-shop.example",
      "Subject: Stock list",
      "Date: Tue, 13 May 2008 16:42:07 +0100",
      "Message-ID: <stock.1@cnparty.org.uk>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "The stock list.",
      "--b1",
      'Content-Type: text/csv; name="stock.csv"',
      'Content-Disposition: attachment; filename="stock.csv"',
      "Content-Transfer-Encoding: base64",
      "",
      `${csv}`,
      "--b1--",
      "",
    ].join("\r\n"),
  );
  return path;
}

/** A message as the sink got it, without the header lines Postfix put on top (all `Received:`). */
function withoutReceived(bytes: Buffer, count: number): Buffer {
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (!bytes.subarray(at, at + 9).equals(Buffer.from("Received:")))
      throw new Error("expected a Received header");
    do at = bytes.indexOf("\r\n", at) + 2;
    while (bytes[at] === 0x20 || bytes[at] === 0x09);
  }
  return bytes.subarray(at);
}

const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

describe.skipIf(missing !== null)("guard smtp-filter as Postfix's before-queue filter", () => {
  let sink: Sink;
  let postfix: Postfix;
  let ports: Ports;
  let guard: ChildProcess | null = null;
  let relay: Relay;
  const dir = mkdtempSync(join(tmpdir(), "guard-postfix-test-"));
  const auditLog = join(dir, "audit.jsonl");
  const audit = () =>
    readFileSync(auditLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
  const stopGuard = async (signal: NodeJS.Signals = "SIGTERM") => {
    const g = guard;
    guard = null;
    if (!g || g.exitCode !== null) return;
    await new Promise((resolve) => {
      g.once("exit", resolve);
      g.kill(signal);
    });
  };

  beforeAll(async () => {
    sink = await startSink();
    ports = {
      entry: await freePort(),
      filtered: await freePort(),
      reinject: await freePort(),
      relay: await freePort(),
      guard: await freePort(),
      sink: sink.port,
    };
    relay = await startRelay(ports.relay, ports.guard);
    postfix = startPostfix(ports);
    guard = await spawnGuard(ports, [], auditLog);
  }, 120_000);

  afterAll(async () => {
    await stopGuard();
    await relay?.close();
    if (process.env.GUARD_POSTFIX_LOG) writeFileSync(process.env.GUARD_POSTFIX_LOG, postfix?.maillog() ?? "");
    postfix?.stop();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("delivers a harmless mail byte for byte, re-injected with the very bytes guard judged", async () => {
    // Our own client sends exactly the file (swaks adds a blank line at the end).
    const sent = await sendThrough(ports.filtered, readFileSync(CLEAN), {
      from: FROM,
      to: ["minutes@hall-committee.example"],
    });
    expect(sent.ok && sent.value.text).toMatch(/^2\.0\.0 Ok: queued as \w+$/);
    await until("the sink to get the mail", () => sink.messages.length === 1);
    const [got] = sink.messages;
    // On top: the re-injection listener's Received and, below it, the filtered listener's.
    expect(withoutReceived(got.bytes, 2).equals(readFileSync(CLEAN))).toBe(true);
    // guard judged (and logged the digest of) what the filtered listener gave it.
    expect(audit()[0]).toMatchObject({
      verdict: "allow",
      outcome: "sent",
      messageSha256: sha256(withoutReceived(got.bytes, 1)),
    });
    // XFORWARD: Postfix behind guard logs the sender's client, not guard.
    expect(postfix.maillog()).toMatch(
      /reinjected\/smtpd\[\d+\]: \w+: client=localhost\[127\.0\.0\.1\], orig_client=/,
    );
  });

  it("refuses the Crewe & Nantwich draft with 550 5.7.1 at the end of DATA; it never reaches the sink", async () => {
    const sent = await swaks(ports.filtered, CREWE, FROM, "alex.marsh@radio-news.example");
    expect(sent.output).toMatch(/<\*\* 550 5\.7\.1 guard: not sent: .*\[sensitive-to-external\]/);
    expect(sent.code).not.toBe(0);
    expect(postfix.maillog()).toMatch(/proxy-reject: END-OF-MESSAGE: 550 5\.7\.1 guard: not sent/);
    expect(sink.messages).toHaveLength(1);
    expect(audit()[1]).toMatchObject({ verdict: "block", outcome: "refused", status: 550 });
  });

  it("answers 451 4.3.0 when guard runs out of time, and Postfix keeps the mail queued", async () => {
    await stopGuard();
    guard = await spawnGuard(ports, ["--timeout", "0.2"], auditLog);
    const stock = stockDraft(dir);
    const queued = await sendThrough(ports.entry, readFileSync(stock), {
      from: FROM,
      to: ["orders@print-shop.example"],
    });
    expect(queued.ok && queued.value.code).toBe(250);
    await until("Postfix to defer it", () =>
      /status=deferred \(host 127\.0\.0\.1\[127\.0\.0\.1\] said: 451 4\.3\.0 guard: not checked/.test(
        postfix.maillog(),
      ),
    );
    // Postfix keeps it, with guard's reply as the reason (between two of its retries).
    const reasons = () => postfix.queue().flatMap((m) => m.recipients.map((r) => r.delay_reason ?? ""));
    await until("the queue to show why", () =>
      reasons().some((r) => r.includes("451 4.3.0 guard: not checked")),
    );
    expect(postfix.queue()).toHaveLength(1);
    expect(audit().at(-1)).toMatchObject({ outcome: "deferred", reason: "TIMEOUT" });
    expect(sink.messages).toHaveLength(1);
  });

  it("loses nothing when guard is killed mid-message: Postfix retries and it arrives once guard is back", async () => {
    await stopGuard();
    guard = await spawnGuard(ports, [], auditLog);
    // Postfix is asked to try again; a megabyte into the message, guard is killed.
    const halfway = relay.holdAfter(1024 * 1024);
    const deferrals = () => postfix.maillog().match(/status=deferred/g)?.length ?? 0;
    const deferredBefore = deferrals();
    postfix.flush();
    await halfway;
    await stopGuard("SIGKILL");
    await until("Postfix to defer it again", () => deferrals() > deferredBefore);
    expect(postfix.maillog()).toMatch(
      /lost connection with proxy[^\n]*\n[^\n]*proxy-reject: END-OF-MESSAGE: 451 4\.3\.0/,
    );
    expect(postfix.queue()).toHaveLength(1);
    expect(sink.messages).toHaveLength(1);
    guard = await spawnGuard(ports, [], auditLog);
    postfix.flush();
    await until("the mail to arrive", () => sink.messages.length === 2);
    await until("the queue to empty", () => postfix.queue().length === 0);
    expect(withoutReceived(sink.messages[1].bytes, 3).equals(readFileSync(join(dir, "stock.eml")))).toBe(
      true,
    );
    expect(sink.messages).toHaveLength(2);
  });
});
