// A private Postfix instance for the smtp-filter tests, on loopback only, in a scratch folder:
// mail enters on `entry` and is queued; Postfix's own SMTP client relays it to `filtered`, the
// listener with smtpd_proxy_filter pointing at guard; guard re-injects into `reinject` (filter
// off), and Postfix relays that to the test's sink. So Postfix both sees the filter's replies
// (as the sender's client would) and retries what was deferred (as an upstream MTA would).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./cli.js";

/** Why the Postfix tests cannot run here, or null when they can. */
export function postfixMissing(): string | null {
  for (const program of ["/usr/sbin/postfix", "/usr/sbin/postqueue", "/usr/bin/swaks"])
    if (spawnSync("test", ["-x", program]).status !== 0) return `${program} is not installed`;
  if (process.getuid?.() !== 0) return "a private Postfix instance needs root";
  if (spawnSync("id", ["postfix"]).status !== 0) return "there is no postfix user";
  return null;
}

/** A free TCP port on loopback (free when asked; the tests start their servers right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The ports of the three listeners, where the filtered one finds guard, where guard and the sink listen. */
export interface Ports {
  entry: number;
  filtered: number;
  reinject: number;
  /** Where Postfix's smtpd_proxy_filter connects: the test's relay in front of guard. */
  relay: number;
  guard: number;
  sink: number;
}

// Debian's master.cf.dist without port 25 and without chroot (nothing is copied into a jail).
const SERVICES = `pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
`;

function mainCf(dir: string, p: Ports): string {
  return `compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
maillog_file = ${dir}/maillog
maillog_file_prefixes = ${dir}
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = upstream.guard.test
mydestination =
relayhost = [127.0.0.1]:${p.sink}
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
message_size_limit = 50000000
# Retry deferred mail at once when asked (postqueue -f), and every second anyway.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 1s
smtpd_proxy_timeout = 60s
# No notices to postmaster about the failures the tests cause on purpose.
notify_classes =
smtp_tls_security_level = none
smtpd_tls_security_level = none
`;
}

function masterCf(p: Ports): string {
  return `127.0.0.1:${p.entry} inet n - n - - smtpd
  -o content_filter=smtp:[127.0.0.1]:${p.filtered}
127.0.0.1:${p.filtered} inet n - n - - smtpd
  -o smtpd_proxy_filter=127.0.0.1:${p.relay}
  -o myhostname=filtered.guard.test
  -o syslog_name=postfix/filtered
127.0.0.1:${p.reinject} inet n - n - - smtpd
  -o smtpd_proxy_filter=
  -o content_filter=
  -o smtpd_authorized_xforward_hosts=127.0.0.0/8
  -o syslog_name=postfix/reinjected
${SERVICES}`;
}

/** A running private Postfix. */
export interface Postfix {
  dir: string;
  ports: Ports;
  maillog(): string;
  /** The queue as `postqueue -j` lists it. */
  queue(): { queue_id: string; recipients: { delay_reason?: string }[] }[];
  /** Asks for deferred mail to be tried again now. */
  flush(): void;
  stop(): void;
}

/** Runs a Postfix command on the instance; it fails loudly (it would log only to maillog). */
function postfix(dir: string, args: string[]): string {
  const run = spawnSync(args[0], ["-c", dir, ...args.slice(1)], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0)
    throw new Error(`${args.join(" ")} failed (${run.status}): ${run.stderr}\n${readLog(dir).slice(-2000)}`);
  return run.stdout;
}

const readLog = (dir: string): string => {
  try {
    return readFileSync(join(dir, "maillog"), "utf8");
  } catch {
    return "";
  }
};

/** Writes a scratch configuration for `ports` and starts Postfix on it. */
export function startPostfix(ports: Ports): Postfix {
  const dir = mkdtempSync(join(tmpdir(), "guard-postfix-"));
  // mkdtemp makes it private to root; Postfix's daemons (user postfix) must reach data/ in it.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, "queue"));
  mkdirSync(join(dir, "data"));
  const ids = spawnSync("id", ["-u", "postfix"], { encoding: "utf8" });
  chownSync(join(dir, "data"), Number(ids.stdout.trim()), 0);
  writeFileSync(join(dir, "main.cf"), mainCf(dir, ports));
  writeFileSync(join(dir, "master.cf"), masterCf(ports));
  postfix(dir, ["/usr/sbin/postfix", "start"]);
  return {
    dir,
    ports,
    maillog: () => readLog(dir),
    queue: () =>
      postfix(dir, ["/usr/sbin/postqueue", "-j"])
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l)),
    flush: () => {
      postfix(dir, ["/usr/sbin/postqueue", "-f"]);
    },
    stop: () => {
      spawnSync("/usr/sbin/postfix", ["-c", dir, "stop"], { timeout: 60_000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends a message file with swaks; its exit code and the conversation. Asynchronous: the relay
 * between Postfix and guard runs in this process and must keep moving bytes meanwhile.
 */
export function swaks(
  port: number,
  file: string,
  from: string,
  to: string,
): Promise<{ code: number | null; output: string }> {
  const args = ["--server", `127.0.0.1:${port}`, "--from", from, "--to", to, "--data", `@${file}`];
  const child = spawn("/usr/bin/swaks", [...args, "--helo", "client.guard.test", "--suppress-data"]);
  let output = "";
  child.stdout.on("data", (d) => {
    output += String(d);
  });
  child.stderr.on("data", (d) => {
    output += String(d);
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

/** guard smtp-filter as its own process (so it can be killed), once it says it listens. */
export function spawnGuard(ports: Ports, extra: string[], auditLog: string): Promise<ChildProcess> {
  const args = ["--listen", `127.0.0.1:${ports.guard}`, "--reinject", `127.0.0.1:${ports.reinject}`];
  const child = spawn(
    process.execPath,
    [join(ROOT, "bin/guard.js"), "smtp-filter", ...args, "--workers", "1", "--audit-log", auditLog, ...extra],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let said = "";
    child.stderr?.on("data", (d) => {
      said += String(d);
      if (said.includes("listening on")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`guard smtp-filter exited ${code}: ${said}`)));
  });
}

/** Polls `check` every 100 ms until it holds, failing after `ms`. */
export async function until(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A TCP relay between Postfix and guard that can stop a message halfway. */
export interface Relay {
  /** The next connection is held once this many bytes went towards guard; resolves then. */
  holdAfter(bytes: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Relays `port` to `target` on loopback. Armed with holdAfter, it stops passing the client's
 * bytes on past that point, so guard is known to be in the middle of a message when the test
 * kills it (it cannot have answered a message it has not had the end of).
 */
export function startRelay(port: number, target: number): Promise<Relay> {
  let armed: { bytes: number; reached: () => void } | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    const hold = armed;
    armed = null;
    let passed = 0;
    client.on("data", (chunk) => {
      if (hold && passed + chunk.length > hold.bytes) {
        client.pause();
        hold.reached();
        return;
      }
      passed += chunk.length;
      upstream.write(chunk);
    });
    upstream.pipe(client);
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () =>
      resolve({
        holdAfter: (bytes) =>
          new Promise((reached) => {
            armed = { bytes, reached };
          }),
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
