import { connect, type Socket } from "node:net";
import { err, ok, type Result } from "../model/result.js";
import type { ReceivedMessage, SmtpReply } from "../model/smtp.js";
import { describeErrno } from "./describe-errno.js";

/** Where re-injected mail goes, and how long each step may take. */
export interface ReinjectTarget {
  host: string;
  port: number;
  /** Our name in EHLO. */
  name: string;
  timeoutMs: number;
}

/** Reads SMTP replies off a socket: one per `next()`, multi-line replies joined. */
class ReplyReader {
  private buffer = "";
  private lines: string[] = [];
  private readonly ready: SmtpReply[] = [];
  private waiting: ((reply: Result<SmtpReply>) => void) | null = null;
  private failure: string | null = null;

  constructor(
    socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => this.take(chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => this.fail(describeErrno(error)));
    socket.on("close", () => this.fail("connection closed"));
  }

  next(): Promise<Result<SmtpReply>> {
    const reply = this.ready.shift();
    if (reply) return Promise.resolve(ok(reply));
    if (this.failure !== null) return Promise.resolve(err(this.failure));
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail("no reply in time"), this.timeoutMs);
      this.waiting = (result) => {
        clearTimeout(timer);
        resolve(result);
      };
    });
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf("\r\n"); end >= 0; end = this.buffer.indexOf("\r\n")) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.lines.push(line.slice(4));
      // "250-..." continues a reply, "250 ..." (or a bare "250") ends it (RFC 5321 4.2.1).
      if (line[3] === "-") continue;
      this.deliver({ code: Number(line.slice(0, 3)), text: this.lines.join("\n") });
      this.lines = [];
    }
  }

  private deliver(reply: SmtpReply): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(ok(reply));
    else this.ready.push(reply);
  }

  private fail(reason: string): void {
    this.failure ??= reason;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(err(this.failure));
  }
}

/** RFC 3461 xtext: printable ASCII but `+` and `=` as itself, the rest as `+HH`. */
const xtext = (value: string): string =>
  value.replace(
    /[^\x21-\x2a\x2c-\x3c\x3e-\x7e]/g,
    (c) => `+${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );

/** Parameters of MAIL or RCPT worth passing on, when the server behind offers their extension. */
function params(
  given: Record<string, string | true>,
  offered: Set<string>,
  keep: [string, string][],
): string {
  return keep
    .filter(([key, extension]) => given[key] !== undefined && offered.has(extension))
    .map(([key]) => (given[key] === true ? ` ${key}` : ` ${key}=${given[key]}`))
    .join("");
}

/** XFORWARD commands (one attribute each, so none passes the line limit) for what the server takes. */
function xforwardCommands(xforward: ReceivedMessage["xforward"], offered: string[]): string[] {
  return Object.entries(xforward)
    .filter(([key]) => offered.includes(key))
    .map(([key, value]) => {
      if (value === null) return `XFORWARD ${key}=[UNAVAILABLE]`;
      const shown = key === "ADDR" && value.includes(":") ? `IPV6:${value}` : value;
      return `XFORWARD ${key}=${xtext(shown)}`;
    });
}

/**
 * The message as DATA: every line that starts with a dot gets another (RFC 5321 4.5.2), a last
 * line without its CRLF gets one, and the end marker follows. The bytes are otherwise untouched.
 */
function dataOf(bytes: Uint8Array): Buffer {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const stuffed = text.replace(/(^|\r\n)\./g, "$1..");
  const ending = stuffed === "" || stuffed.endsWith("\r\n") ? "" : "\r\n";
  return Buffer.from(`${stuffed}${ending}.\r\n`, "latin1");
}

/** One conversation: send a command, expect a reply class; the first unexpected reply ends it. */
async function converse(
  socket: Socket,
  reader: ReplyReader,
  message: ReceivedMessage,
  target: ReinjectTarget,
) {
  const step = async (command: string | null, expect: number): Promise<Result<SmtpReply>> => {
    if (command !== null) socket.write(`${command}\r\n`);
    const reply = await reader.next();
    if (!reply.ok) return err(`${command?.split(" ")[0] ?? "greeting"}: ${reply.error}`);
    if (Math.floor(reply.value.code / 100) !== expect)
      return err(
        `${command?.split(":")[0] ?? "greeting"}: ${reply.value.code} ${reply.value.text.split("\n")[0]}`,
      );
    return reply;
  };
  const greeting = await step(null, 2);
  if (!greeting.ok) return greeting;
  const ehlo = await step(`EHLO ${target.name}`, 2);
  if (!ehlo.ok) return ehlo;
  const lines = ehlo.value.text
    .split("\n")
    .slice(1)
    .map((l) => l.toUpperCase().split(" "));
  const offered = new Set(lines.map((l) => l[0]));
  const forwardable = lines.find((l) => l[0] === "XFORWARD")?.slice(1) ?? [];
  for (const command of xforwardCommands(message.xforward, forwardable)) {
    const done = await step(command, 2);
    if (!done.ok) return done;
  }
  const mailParams = params(message.mailParams, offered, [
    ["BODY", "8BITMIME"],
    ["SMTPUTF8", "SMTPUTF8"],
    ["RET", "DSN"],
    ["ENVID", "DSN"],
  ]);
  const mail = await step(`MAIL FROM:<${message.mailFrom}>${mailParams}`, 2);
  if (!mail.ok) return mail;
  for (const r of message.recipients) {
    const rcpt = await step(
      `RCPT TO:<${r.address}>${params(r.params, offered, [
        ["NOTIFY", "DSN"],
        ["ORCPT", "DSN"],
      ])}`,
      2,
    );
    if (!rcpt.ok) return rcpt;
  }
  const data = await step("DATA", 3);
  if (!data.ok) return data;
  socket.write(dataOf(message.bytes));
  // The reply to the message itself goes back to the client as it is, whatever its code.
  const final = await reader.next();
  return final.ok ? ok(final.value) : err(`end of data: ${final.error}`);
}

/**
 * Hands a message to the SMTP server behind the filter (Postfix's re-injection listener): the
 * same envelope, the client's details by XFORWARD when offered, and the very same bytes. Its
 * reply to the message (`250 2.0.0 Ok: queued as ...`, or a refusal) is the result; an error is
 * why it never got that far.
 */
export async function reinjectMessage(
  message: ReceivedMessage,
  target: ReinjectTarget,
): Promise<Result<SmtpReply>> {
  const socket = connect({ host: target.host, port: target.port });
  const reader = new ReplyReader(socket, target.timeoutMs);
  try {
    return await converse(socket, reader, message, target);
  } finally {
    // Polite when the server still listens; gone for sure a moment later either way.
    if (!socket.destroyed) socket.end("QUIT\r\n");
    setTimeout(() => socket.destroy(), 1000).unref();
  }
}
