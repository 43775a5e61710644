import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { zipSync } from "fflate";
import { SMTPServer } from "smtp-server";

/** The sender every test send goes out as: the Crewe & Nantwich campaign office. */
export const IDENTITY = { name: "Campaign Office", email: "office@cnparty.org.uk" };

/**
 * A throwaway Thunderbird profile: sideloaded extensions enabled without signatures, no first-run
 * screens, a POP3 account that is never checked, Local Folders, and one identity whose outgoing
 * server is the test's SMTP server on loopback (no TLS, no authentication, no copy to Sent).
 */
export function writeProfile(dir: string, smtpPort: number, marionettePort?: number): void {
  mkdirSync(join(dir, "extensions"), { recursive: true });
  const prefs: Record<string, string | number | boolean> = {
    "xpinstall.signatures.required": false,
    "extensions.autoDisableScopes": 0,
    "extensions.enabledScopes": 15,
    "extensions.startupScanScopes": 15,
    "mail.shell.checkDefaultClient": false,
    "mail.provider.suppress_dialog_on_startup": true,
    "mail.startup.enabledMailCheckOnce": true,
    "mailnews.start_page.enabled": false,
    "mail.rights.version": 1,
    "app.update.auto": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.enabled": false,
    "mail.accountmanager.accounts": "account1,account2",
    "mail.accountmanager.defaultaccount": "account1",
    "mail.accountmanager.localfoldersserver": "server2",
    "mail.account.account1.identities": "id1",
    "mail.account.account1.server": "server1",
    "mail.account.account2.server": "server2",
    "mail.server.server1.type": "pop3",
    "mail.server.server1.hostname": "127.0.0.1",
    "mail.server.server1.port": 9,
    "mail.server.server1.userName": "office",
    "mail.server.server1.name": "office",
    "mail.server.server1.login_at_startup": false,
    "mail.server.server1.check_new_mail": false,
    "mail.server.server2.type": "none",
    "mail.server.server2.hostname": "Local Folders",
    "mail.server.server2.userName": "nobody",
    "mail.server.server2.name": "Local Folders",
    "mail.identity.id1.fullName": IDENTITY.name,
    "mail.identity.id1.useremail": IDENTITY.email,
    "mail.identity.id1.smtpServer": "smtp1",
    "mail.identity.id1.fcc": false,
    "mail.identity.id1.compose_html": false,
    "mail.identity.id1.valid": true,
    "mail.smtpservers": "smtp1",
    "mail.smtp.defaultserver": "smtp1",
    "mail.smtpserver.smtp1.hostname": "127.0.0.1",
    "mail.smtpserver.smtp1.port": smtpPort,
    "mail.smtpserver.smtp1.authMethod": 1,
    "mail.smtpserver.smtp1.try_ssl": 0,
    "mail.smtpserver.smtp1.username": "",
  };
  if (marionettePort !== undefined) prefs["marionette.port"] = marionettePort;
  const lines = Object.entries(prefs).map(
    ([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`,
  );
  writeFileSync(join(dir, "user.js"), `${lines.join("\n")}\n`);
}

/** Every file under `dir`, keyed by its path relative to `dir`, as a ZIP (an .xpi is one). */
export function zipFolder(dir: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  for (const [name, text] of Object.entries(extra)) files[name] = new TextEncoder().encode(text);
  return zipSync(files);
}

/** One message the loopback SMTP server accepted. */
export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

/** An SMTP server on loopback that accepts anything and keeps what it got. */
export async function startSmtp(): Promise<{
  port: number;
  received: Received[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What the driver extension reported for one case. */
export interface CaseReport {
  id: string;
  sent: boolean;
  error?: string;
  ms: number;
  /** Attachments the compose window held at Send. */
  attached: number;
  /** Titles of the guard dialogs that appeared (each closed, as "Go back"). */
  dialogs: string[];
}

/** A free TCP port on loopback, for a server Thunderbird starts itself (Marionette). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A loopback HTTP server the driver extension talks to: GET /plan gives it the cases, POST /report
 * takes one result, POST /dialog says a guard dialog is open and is answered once `onDialog` has
 * looked at it, POST /done ends the run.
 */
export async function startReportServer(
  plan: unknown,
  onDialog: (dialog: { id: string; title: string }) => Promise<void> = async () => {},
): Promise<{
  port: number;
  reports: CaseReport[];
  done: Promise<void>;
  close: () => Promise<void>;
}> {
  const reports: CaseReport[] = [];
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.setHeader("access-control-allow-origin", "*");
      if (req.method === "GET" && req.url === "/plan") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(plan));
        return;
      }
      if (req.method === "POST" && req.url === "/dialog") {
        const settle = () => res.end("ok");
        onDialog(JSON.parse(Buffer.concat(chunks).toString())).then(settle, settle);
        return;
      }
      if (req.method === "POST" && req.url === "/report")
        reports.push(JSON.parse(Buffer.concat(chunks).toString()));
      if (req.method === "POST" && req.url === "/done") finish();
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, reports, done, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Starts a headless Thunderbird on `profile` with its own HOME, and resolves with its output once
 * `until` settles or `timeoutMs` passes; Thunderbird is killed either way. `args` are added to its
 * command line (`--marionette` to let the test look at its windows).
 */
export async function runThunderbird(
  home: string,
  profile: string,
  until: Promise<void>,
  timeoutMs: number,
  args: string[] = [],
): Promise<{ timedOut: boolean; output: string }> {
  const child = spawn("thunderbird", ["--headless", "--no-remote", "--profile", profile, ...args], {
    env: { ...process.env, HOME: home, MOZ_CRASHREPORTER_DISABLE: "1", TMPDIR: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([
    until.then(() => "done" as const),
    exited.then(() => "exit" as const),
    timeout,
  ]);
  clearTimeout(timer);
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(killer);
  return { timedOut: outcome === "timeout", output };
}
