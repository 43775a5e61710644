// The `smtp` workload of `npm run bench`: guard smtp-filter behind a private Postfix on loopback.
// smtp-source pushes parallel sessions of a mix of drafts (harmless mail, a small list, the Crewe
// draft) through Postfix + guard, and, in the same run, through Postfix alone; with 1 and 2 guard
// workers. Bounded in count (--smtp-messages) and time (each push is killed after 10 minutes).
// Latency is measured one message at a time with our own SMTP client, per draft, through Postfix
// alone and through Postfix + guard: the difference is what guard adds.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildFixtures } from "../fixtures/gen/index.js";
import { freePort, type Ports, postfixMissing, startPostfix } from "../test/helpers/postfix.js";
import { sendThrough } from "../test/helpers/smtp.js";

const GUARD = resolve("bin/guard.js");
const FROM = "office@cnparty.org.uk";
const TO = "alex.marsh@radio-news.example";

/** The mix: name, file, share of the messages. */
interface Draft {
  name: string;
  path: string;
  share: number;
  /** Refused by guard (550): smtp-source then sends one per run. */
  refused: boolean;
}

function drafts(dir: string): Draft[] {
  const fixtures = buildFixtures();
  const write = (name: string, key: string): string => {
    const path = join(dir, `${name}.eml`);
    writeFileSync(path, fixtures.get(key) as Buffer);
    return path;
  };
  return [
    { name: "harmless", path: write("harmless", "drafts/clean-minutes.eml"), share: 0.7, refused: false },
    { name: "small-list", path: write("small-list", "drafts/small-list.eml"), share: 0.2, refused: false },
    { name: "crewe", path: write("crewe", "incidents/crewe-nantwich-2008.eml"), share: 0.1, refused: true },
  ];
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? Number.NaN;
};

/** One smtp-source run; resolves when it ends (killed after 10 minutes at most). */
function smtpSource(port: number, draft: Draft, messages: number, sessions: number): Promise<void> {
  const args = ["-F", draft.path, "-m", `${messages}`, "-s", `${sessions}`, "-f", FROM, "-t", TO];
  const child = spawn("smtp-source", [...args, `127.0.0.1:${port}`], { stdio: "ignore" });
  const killer = setTimeout(() => child.kill(), 600_000);
  return new Promise((done) => child.on("exit", () => done(clearTimeout(killer))));
}

/**
 * Runs smtp-source for each draft of the mix at once; wall seconds of the whole push. smtp-source
 * stops at the first refusal, so a draft that is refused (Crewe) goes one message per run, in as
 * many lanes as it has sessions.
 */
async function push(port: number, mix: Draft[], messages: number, sessions: number): Promise<number> {
  const started = performance.now();
  const runs = mix.flatMap((d) => {
    const m = Math.max(1, Math.round(messages * d.share));
    const s = Math.max(1, Math.round(sessions * d.share));
    if (!d.refused) return [smtpSource(port, d, m, s)];
    return Array.from({ length: s }, async (_, lane) => {
      for (let i = lane; i < m; i += s) await smtpSource(port, d, 1, 1);
    });
  });
  await Promise.all(runs);
  return (performance.now() - started) / 1000;
}

/** Milliseconds for one message at a time, `n` times, through `port`. */
async function latencies(port: number, draft: Draft, n: number): Promise<number[]> {
  const bytes = readFileSync(draft.path);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await sendThrough(port, bytes, { from: FROM, to: [TO] });
    out.push(performance.now() - started);
  }
  return out;
}

/** guard smtp-filter, once it listens (its last status line gives its peak memory). */
function startGuard(
  ports: Ports,
  workers: number,
  dir: string,
): Promise<{ child: ChildProcess; said: () => string }> {
  const args = [GUARD, "smtp-filter", "--listen", `127.0.0.1:${ports.guard}`];
  const more = ["--reinject", `127.0.0.1:${ports.reinject}`, "--workers", `${workers}`, "--stats", "0"];
  const child = spawn(
    process.execPath,
    [...args, ...more, "--audit-log", join(dir, `audit-${workers}.jsonl`)],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let said = "";
  child.stderr?.on("data", (d) => {
    said += String(d);
  });
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (!said.includes("listening on")) return;
      clearInterval(check);
      resolve({ child, said: () => said });
    }, 50);
  });
}

/** `guard check` of a draft, median wall milliseconds of `n` runs (the target's yardstick). */
function checkMs(draft: Draft, n: number): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    spawnSync(process.execPath, [GUARD, "check", draft.path, "--recipient", TO], { stdio: "ignore" });
    times.push(performance.now() - started);
  }
  return pct(times, 0.5);
}

/** The smtp workload; prints its lines and returns them for the summary. */
export async function benchSmtp(options: {
  messages: number;
  sessions: number;
  samples: number;
}): Promise<string[]> {
  const missing =
    postfixMissing() ??
    (spawnSync("which", ["smtp-source", "smtp-sink"]).status === 0 ? null : "no smtp-source");
  if (missing !== null) {
    console.log(`  smtp: skipped (${missing})`);
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), "guard-bench-smtp-"));
  const mix = drafts(dir);
  const sink = await freePort();
  const guardPort = await freePort();
  const ports: Ports = {
    entry: await freePort(),
    filtered: await freePort(),
    reinject: await freePort(),
    relay: guardPort,
    guard: guardPort,
    sink,
  };
  // smtp-sink (Postfix's) takes and discards everything at once, so the sink is never the bottleneck.
  const sinkProcess = spawn("smtp-sink", [`127.0.0.1:${sink}`, "1000"], { stdio: "ignore" });
  const postfix = startPostfix(ports);
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(`  ${line}`);
    lines.push(line);
  };
  try {
    const { messages, sessions, samples } = options;
    const direct = await push(ports.reinject, mix, messages, sessions);
    say(
      `smtp postfix alone: ${messages} msgs, ${sessions} sessions, ${direct.toFixed(1)} s, ${(messages / direct).toFixed(1)} msgs/s`,
    );
    for (const workers of [1, 2]) {
      const guard = await startGuard(ports, workers, dir);
      await latencies(ports.filtered, mix[0], 3); // warm: the workers load the rules on start
      const wall = await push(ports.filtered, mix, messages, sessions);
      say(
        `smtp postfix+guard ${workers} worker(s): ${messages} msgs, ${sessions} sessions, ${wall.toFixed(1)} s, ${(messages / wall).toFixed(1)} msgs/s`,
      );
      if (workers === 1)
        for (const d of mix) {
          const alone = await latencies(ports.reinject, d, samples);
          const filtered = await latencies(ports.filtered, d, samples);
          const added = [0.5, 0.99].map((p) => pct(filtered, p) - pct(alone, p));
          say(
            `smtp latency ${d.name}: postfix alone p50 ${pct(alone, 0.5).toFixed(0)} ms, with guard p50 ${pct(filtered, 0.5).toFixed(0)} ms p99 ${pct(filtered, 0.99).toFixed(0)} ms; added p50 ${added[0].toFixed(0)} ms p99 ${added[1].toFixed(0)} ms; guard check ${checkMs(d, 3).toFixed(0)} ms`,
          );
        }
      guard.child.kill("SIGTERM");
      await new Promise((r) => guard.child.once("exit", r));
      const status = /guard smtp-filter: (\d[^\n]*)/.exec(guard.said())?.[1] ?? "(no status line)";
      say(`smtp ${workers} worker(s): ${status}`);
    }
  } finally {
    postfix.stop();
    sinkProcess.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
