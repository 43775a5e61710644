import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { ReceivedMessage, SmtpReply } from "../model/smtp.js";
import { deferReply } from "../report/format-smtp-reply.js";

/** Where and how the filter listens. */
export interface FilterServerOptions {
  host: string;
  port: number;
  /** Our name in the greeting. */
  name: string;
  /** Bytes of DATA kept; past it the message is marked too large (and drained). */
  maxBytes: number;
  /** Mail transactions in progress at once; one more gets the busy reply at MAIL FROM. */
  maxTransactions: number;
  /** Whether clients other than this machine may connect. */
  allowRemote: boolean;
}

/** What the server asks of the filter: the reply to a message, and to a transaction over the limit. */
export interface FilterHandlers {
  onMessage(message: ReceivedMessage): Promise<SmtpReply>;
  onBusy(mailFrom: string): SmtpReply;
}

/** A running filter: the address it listens on, and how to stop it. */
export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Whether an address is this machine's own (127.0.0.0/8, ::1, or IPv4-mapped 127.x). */
export const isLoopback = (address: string): boolean =>
  address === "localhost" || address === "::1" || /^(::ffff:)?127\./i.test(address) || address === "[::1]";

/** An error whose message and code smtp-server sends as the reply. */
const replyError = (reply: SmtpReply): Error =>
  Object.assign(new Error(reply.text), { responseCode: reply.code });

/** XFORWARD as received (smtp-server keeps it per session), without its own bookkeeping keys. */
function xforwardOf(session: SMTPServerSession): ReceivedMessage["xforward"] {
  const out: ReceivedMessage["xforward"] = {};
  for (const [key, value] of session.xForward)
    if (!key.includes(":")) out[key] = value === false ? null : String(value);
  return out;
}

/** Reads DATA to its end, keeping at most `maxBytes`. */
async function readData(
  stream: SMTPServerDataStream,
  maxBytes: number,
): Promise<{ bytes: Buffer; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), size };
}

/** The message and its envelope as the filter judges it. */
function received(
  session: SMTPServerSession,
  data: { bytes: Buffer; size: number },
  maxBytes: number,
): ReceivedMessage {
  const from = session.envelope.mailFrom;
  return {
    bytes: new Uint8Array(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength),
    size: data.size,
    tooLarge: data.size > maxBytes,
    mailFrom: from ? from.address : "",
    mailParams: from ? from.args || {} : {},
    recipients: session.envelope.rcptTo.map((r) => ({ address: r.address, params: r.args || {} })),
    xforward: xforwardOf(session),
  };
}

/**
 * Listens as Postfix's before-queue content filter (smtpd_proxy_filter): plain SMTP on a loopback
 * address, XFORWARD and DSN taken, no AUTH or STARTTLS (Postfix in front does those). Each
 * message's reply comes from `handlers` once DATA has ended; an exception becomes a 451.
 */
export function serveSmtpFilter(
  options: FilterServerOptions,
  handlers: FilterHandlers,
): Promise<RunningServer> {
  const inProgress = new Set<string>();
  const server = new SMTPServer({
    name: options.name,
    banner: "guard smtp-filter",
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    hideENHANCEDSTATUSCODES: true,
    hideDSN: false,
    useXForward: true,
    disableReverseLookup: true,
    lenientAddressParsing: true,
    // Postfix keeps its connection to the filter for a whole session, many commands long.
    maxAllowedUnauthenticatedCommands: false,
    maxClients: options.maxTransactions * 2,
    logger: false,
    // On stopping, a session still open (Postfix idles between messages) is closed after this.
    closeTimeout: 10_000,
    onConnect(session, callback) {
      if (options.allowRemote || isLoopback(session.remoteAddress)) return callback();
      callback(replyError({ code: 554, text: "5.7.1 guard: only this machine's mail system may connect" }));
    },
    onMailFrom(address, session, callback) {
      if (!inProgress.has(session.id) && inProgress.size >= options.maxTransactions)
        return callback(replyError(handlers.onBusy(address.address)));
      inProgress.add(session.id);
      callback();
    },
    onData(stream, session, callback) {
      readData(stream, options.maxBytes)
        .then((data) => handlers.onMessage(received(session, data, options.maxBytes)))
        .catch(() => deferReply("INTERNAL"))
        .then((reply) => {
          inProgress.delete(session.id);
          const text = reply.text.replace(/\n/g, " ");
          if (reply.code < 300) callback(null, text);
          else callback(replyError({ code: reply.code, text }));
        });
    },
    onClose(session) {
      inProgress.delete(session.id);
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      // A broken client connection must not take the filter down.
      server.on("error", () => {});
      const address = server.server.address();
      const port = typeof address === "object" && address !== null ? address.port : options.port;
      resolve({ port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
