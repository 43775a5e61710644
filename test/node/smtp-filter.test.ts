import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { type RunningFilter, type Sink, sendThrough, startFilter, startSink } from "../helpers/smtp.js";

const CLEAN = readFileSync(join(ROOT, "fixtures/drafts/clean-minutes.eml"));
const CREWE = readFileSync(join(ROOT, "fixtures/incidents/crewe-nantwich-2008.eml"));
const FROM = "office@cnparty.org.uk";

describe("guard smtp-filter between two SMTP servers", () => {
  let sink: Sink;
  let filter: RunningFilter;

  beforeAll(async () => {
    sink = await startSink();
    filter = await startFilter(sink.port);
  });

  afterAll(async () => {
    await filter?.stop();
    await sink?.close();
  });

  it("re-injects a harmless message byte for byte and answers with the downstream reply", async () => {
    const xforward = { ADDR: "192.0.2.7", NAME: "laptop.example", PROTO: "ESMTP", HELO: "laptop.example" };
    const reply = await sendThrough(filter.port, CLEAN, {
      from: FROM,
      to: ["minutes@hall-committee.example"],
      xforward,
    });
    expect(reply).toEqual({ ok: true, value: { code: 250, text: "2.0.0 Ok: queued as SINK1" } });
    const [got] = sink.messages;
    expect(got.bytes.equals(CLEAN)).toBe(true);
    expect({ from: got.from, to: got.to }).toEqual({ from: FROM, to: ["minutes@hall-committee.example"] });
    expect(got.xforward).toMatchObject({ ADDR: "192.0.2.7", NAME: "laptop.example", PROTO: "ESMTP" });
  });

  it("refuses the Crewe & Nantwich draft with 550 5.7.1 and its reason, and sends nothing on", async () => {
    const before = sink.messages.length;
    const reply = await sendThrough(filter.port, CREWE, {
      from: FROM,
      to: ["alex.marsh@radio-news.example"],
    });
    expect(reply.ok && reply.value.code).toBe(550);
    expect(reply.ok && reply.value.text).toMatch(/^5\.7\.1 guard: not sent: .*sensitive-to-external/);
    expect(sink.messages.length).toBe(before);
  });

  it("judges for the envelope recipients (RCPT TO), which the headers may not name", async () => {
    // The same canvass, addressed inside the party, with the journalist only in the envelope (Bcc).
    const internal = readFileSync(join(ROOT, "fixtures/incidents/crewe-nantwich-internal.eml"));
    const reply = await sendThrough(filter.port, internal, {
      from: FROM,
      to: ["alex.marsh@radio-news.example"],
    });
    expect(reply.ok && reply.value.code).toBe(550);
  });

  it("logs every decision with counts and domains, never an address or a cell", () => {
    const lines = readFileSync(filter.auditLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.mode, l.verdict, l.outcome, l.status])).toEqual([
      ["smtp-filter", "allow", "sent", 250],
      ["smtp-filter", "block", "refused", 550],
      ["smtp-filter", "block", "refused", 550],
    ]);
    const text = readFileSync(filter.auditLog, "utf8");
    expect(text).not.toContain("alex.marsh");
    expect(text).toContain("radio-news.example");
  });
});

describe("guard smtp-filter failing closed", () => {
  it("answers 451 4.3.0 when the message is over the size limit, when busy, when re-injection fails", async () => {
    const sink = await startSink();
    const filter = await startFilter(sink.port, { maxSize: "1", maxSessions: "1" });
    const big = Buffer.concat([CLEAN, Buffer.from(`${"x".repeat(76)}\r\n`.repeat(14_000))]);
    const tooLarge = await sendThrough(filter.port, big, { from: FROM, to: ["a@cnparty.org.uk"] });
    expect(tooLarge.ok && tooLarge.value).toMatchObject({
      code: 451,
      text: expect.stringMatching(/^4\.3\.0 .*size limit/),
    });
    // One transaction held open takes the only place: the next MAIL FROM is told to come back.
    const holder = connect(filter.port, "127.0.0.1");
    await new Promise<void>((resolve) =>
      holder.on("data", (d) => {
        if (String(d).startsWith("220 "))
          holder.write("EHLO holder.test\r\nMAIL FROM:<a@cnparty.org.uk>\r\n");
        if (String(d).includes("Accepted")) resolve();
      }),
    );
    const busy = await sendThrough(filter.port, CLEAN, { from: FROM, to: ["a@cnparty.org.uk"] });
    expect(busy).toEqual({ ok: false, error: expect.stringMatching(/^MAIL FROM: 451 4\.3\.0 .*too many/) });
    holder.destroy();
    await sink.close();
    const down = await sendThrough(filter.port, CLEAN, { from: FROM, to: ["a@cnparty.org.uk"] });
    expect(down.ok && down.value).toMatchObject({
      code: 451,
      text: expect.stringMatching(/^4\.3\.0 .*did not take/),
    });
    const out = await filter.stop();
    expect(out.stderr).toMatch(/3 messages \(0 allow, 0 warn, 0 block, 3 deferred\)/);
    const lines = readFileSync(filter.auditLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.outcome, l.reason])).toEqual([
      ["deferred", "TOO_LARGE"],
      ["deferred", "BUSY"],
      ["deferred", "REINJECT"],
    ]);
  });
});
