import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/cli.js";

/**
 * Whether a mail program is installed. In CI (`CI` set) a missing one is a failure, never a skip:
 * `.ci/run` installs them. Locally the suite skips with a message.
 */
export function hasProgram(name: string): boolean {
  const found = spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
  if (!found && process.env.CI) throw new Error(`${name} is not installed, and CI must run it (see .ci/run)`);
  if (!found) console.warn(`skipping the ${name} tests: ${name} is not installed (apt-get install it)`);
  return found;
}

/** A throwaway folder with a recorder standing in for the real sendmail. */
export function makeWorld() {
  const dir = mkdtempSync(join(tmpdir(), "guard-it-"));
  const recorder = join(dir, "recorder.sh");
  // Records what a real sendmail would get: the bytes on standard input and the arguments.
  writeFileSync(
    recorder,
    `#!/bin/sh\ncat > ${dir}/recorded.eml\nprintf '%s\\n' "$@" > ${dir}/recorded.args\n`,
  );
  chmodSync(recorder, 0o755);
  const home = join(dir, "home");
  const audit = join(dir, "audit.jsonl");
  const env = {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GUARD_AUDIT_LOG: audit,
    GUARD_OVERRIDE: "",
    XDG_STATE_HOME: join(home, ".local/state"),
  };
  return {
    dir,
    recorder,
    home,
    env,
    audit,
    /** Forgets what the recorder got. */
    reset: (): void => rmSync(join(dir, "recorded.eml"), { force: true }),
    recorded: (): Buffer | null =>
      existsSync(join(dir, "recorded.eml")) ? readFileSync(join(dir, "recorded.eml")) : null,
    recordedArgs: (): string[] => readFileSync(join(dir, "recorded.args"), "utf8").trim().split("\n"),
    auditLines: (): Record<string, unknown>[] =>
      existsSync(audit)
        ? readFileSync(audit, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l))
        : [],
    /** Runs `guard ARGS` in this world, from `cwd`. */
    guard: (args: string[], cwd: string = dir) =>
      spawnSync(process.execPath, [join(ROOT, "bin/guard.js"), ...args], { cwd, env, encoding: "utf8" }),
  };
}

/** SHA-256 in hex. */
export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const PEOPLE = [
  ["Alice", "Brown"],
  ["John", "Smith"],
  ["Mary", "Jones"],
  ["David", "Taylor"],
  ["Sarah", "Wilson"],
  ["James", "Evans"],
  ["Emma", "Thomas"],
  ["Peter", "Roberts"],
  ["Laura", "Walker"],
  ["Mark", "Wright"],
];
const STREETS = ["Mill Street", "Nantwich Road", "Victoria Street", "Earle Street", "Edleston Road"];
const VI = ["Con", "Lab", "LD", "Ref", "DK", "Against"];

/** A canvass export of ~30 invented voters: names, addresses, postcodes and voting intention. */
export function voterCsv(rows = 30): string {
  const lines = ["Forename,Surname,Address,Postcode,VI"];
  for (let i = 0; i < rows; i++) {
    const [first, last] = PEOPLE[i % PEOPLE.length];
    const street = STREETS[i % STREETS.length];
    lines.push(
      `${first},${last},${i + 1} ${street} Crewe,CW1 ${(i % 9) + 1}${"ABDEFGHJL"[i % 9]}X,${VI[i % VI.length]}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A table about no one: a ward's leaflet budget. */
export const budgetCsv = (): string =>
  "Ward,Budget line,Amount\nCrewe North,Leaflets,120\nCrewe South,Posters,80\nNantwich,Hall hire,45\n";

/**
 * The smallest SMTP server msmtp will talk to, on loopback: it accepts every command and keeps
 * each message's DATA (dot-unstuffed), so a test can see what msmtp really delivered.
 */
export function smtpSink(): Promise<{ server: Server; port: number; received: string[] }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          received.push(buffer.slice(0, end + 2).replace(/^\.\./gm, "."));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write("250 2.0.0 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith("EHLO")) socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (line.startsWith("DATA")) {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 ok\r\n");
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0, received });
    }),
  );
}

/** msmtp delivering to the SMTP sink on loopback `port`: no auth, no TLS, the envelope from the message. */
export const msmtpTo = (port: number): string[] => [
  "msmtp",
  "--host=127.0.0.1",
  `--port=${port}`,
  "--auth=off",
  "--tls=off",
  "--read-envelope-from",
];

/**
 * Installs guard's msmtp wrapper at `wrapper`, delivering through msmtp to the sink on `port`, as
 * `guard hook install msmtp` documents it; the install must succeed.
 */
export function installMsmtpWrapper(
  world: ReturnType<typeof makeWorld>,
  wrapper: string,
  port: number,
): void {
  const installed = world.guard(["hook", "install", "msmtp", "--path", wrapper, "--", ...msmtpTo(port)]);
  if (installed.status !== 0) throw new Error(`guard hook install msmtp failed: ${installed.stderr}`);
}
