// SMTP pieces the filter's tests share: a sink that records what reaches it, and the filter run
// in this process on a free loopback port.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import type { CommandOutput } from "../../src/app/command-output.js";
import { runSmtpFilter, type SmtpFilterOptions } from "../../src/cli/smtp-filter.js";
import type { ReceivedMessage } from "../../src/model/smtp.js";
import { reinjectMessage } from "../../src/node/reinject-message.js";
import { ROOT } from "./cli.js";

/** One message as the sink got it. */
export interface Sunk {
  bytes: Buffer;
  from: string;
  to: string[];
  xforward: Record<string, string>;
}

/** An SMTP server on loopback that keeps every message it is given. */
export interface Sink {
  port: number;
  messages: Sunk[];
  close(): Promise<void>;
}

/** Starts a sink: it takes XFORWARD like Postfix's re-injection listener and answers "queued as". */
export function startSink(): Promise<Sink> {
  const messages: Sunk[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    useXForward: true,
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const xforward = Object.fromEntries([...session.xForward].map(([k, v]) => [k, String(v)]));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        messages.push({
          bytes: Buffer.concat(chunks),
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          xforward,
        });
        callback(null, `2.0.0 Ok: queued as SINK${messages.length}`);
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      resolve({ port, messages, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** The filter running in this process, the lines it logged, and how to stop it. */
export interface RunningFilter {
  port: number;
  logs: string[];
  auditLog: string;
  stop(): Promise<CommandOutput>;
}

/** Starts `guard smtp-filter` in this process on a free port, re-injecting into `reinjectPort`. */
export async function startFilter(
  reinjectPort: number,
  options: Partial<SmtpFilterOptions> = {},
): Promise<RunningFilter> {
  const logs: string[] = [];
  const auditLog = join(mkdtempSync(join(tmpdir(), "guard-filter-")), "audit.jsonl");
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  let listening = (_port: number) => {};
  const ready = new Promise<number>((resolve) => {
    listening = resolve;
  });
  const log = (line: string) => {
    logs.push(line);
    const port = /listening on [^ ]+:(\d+),/.exec(line)?.[1];
    if (port) listening(Number(port));
  };
  const done = runSmtpFilter(
    {
      listen: "127.0.0.1:0",
      reinject: `127.0.0.1:${reinjectPort}`,
      workers: "1",
      timeout: "60",
      maxSize: "50",
      maxSessions: "100",
      onWarn: "send",
      stats: "0",
      auditLog,
      ...options,
    },
    { cwd: ROOT, env: {}, home: tmpdir(), log, stopped },
  );
  const port = await Promise.race([ready, done.then((out) => Promise.reject(new Error(out.stderr)))]);
  return {
    port,
    logs,
    auditLog,
    stop: () => {
      stop();
      return done;
    },
  };
}

/** Sends one message over SMTP (as Postfix's proxy would, XFORWARD included) and returns the reply. */
export async function sendThrough(
  port: number,
  bytes: Uint8Array,
  envelope: { from: string; to: string[]; xforward?: Record<string, string> },
) {
  const message: ReceivedMessage = {
    bytes,
    size: bytes.length,
    tooLarge: false,
    mailFrom: envelope.from,
    mailParams: {},
    recipients: envelope.to.map((address) => ({ address, params: {} })),
    xforward: envelope.xforward ?? {},
  };
  return reinjectMessage(message, { host: "127.0.0.1", port, name: "client.test", timeoutMs: 60_000 });
}
