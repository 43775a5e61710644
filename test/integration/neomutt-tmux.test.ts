import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasProgram, installMsmtpWrapper, makeWorld, smtpSink } from "./mail-kit.js";

// Issue 18, item 3: a warning must reach the sender of an interactive client. neomutt runs in a
// tmux pane as a person uses it: answer the prompts, press y, read what guard says, press y
// again. Behind the installed wrapper (--on-warn=confirm by default) msmtp delivers to an SMTP
// server on loopback, so the test sees what really left.
const present = hasProgram("neomutt") && hasProgram("tmux") && hasProgram("msmtp");

/** Five people's names and addresses: personal data, too little to block, so it warns. */
const fewPeople = (): string =>
  `Name,Email\n${["Alice Brown", "John Smith", "Mary Jones", "David Taylor", "Sarah Wilson"].map((n, i) => `${n},member${i}@mail.example`).join("\n")}\n`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!present)("neomutt, interactive in tmux, behind guard-msmtp", () => {
  const world = makeWorld();
  const socket = join(world.dir, "tmux.sock");
  const tmux = (...args: string[]) =>
    execFileSync("tmux", ["-S", socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  const screen = (): string => {
    try {
      return tmux("capture-pane", "-p", "-t", "mail");
    } catch {
      return ""; // the session ended: neomutt quit after sending
    }
  };
  /** Waits (generously: a loaded machine is slow) until the screen shows `text`. */
  async function waitFor(text: RegExp, what: string): Promise<string> {
    for (let waited = 0; waited < 60_000; waited += 250) {
      const shown = screen();
      if (text.test(shown)) return shown;
      await sleep(250);
    }
    throw new Error(`neomutt never showed ${what}; the screen:\n${screen()}`);
  }
  let sink: Awaited<ReturnType<typeof smtpSink>>;

  beforeAll(async () => {
    sink = await smtpSink();
    mkdirSync(join(world.home, "Mail"), { recursive: true });
    const wrapper = join(world.dir, "guard-msmtp");
    installMsmtpWrapper(world, wrapper, sink.port);
    writeFileSync(
      join(world.dir, "muttrc"),
      [
        `set sendmail="${wrapper}"`,
        'set from="office@cnparty.org.uk"',
        "set use_from=yes",
        'set record=""',
        "set copy=no",
        "set postpone=no",
        'set editor="true"',
      ].join("\n"),
    );
    writeFileSync(
      join(world.dir, "draft.eml"),
      "To: helpers@other-party.example\nSubject: Helpers\n\nThe helpers.\n",
    );
    writeFileSync(join(world.dir, "helpers.csv"), fewPeople());
  });
  afterAll(() => {
    spawnSync("tmux", ["-S", socket, "kill-server"]);
    sink.server.close();
  });

  it("shows the warnings on the first y, and sends on the second", async () => {
    const env = Object.entries({ ...world.env, TERM: "xterm" }).map(([k, v]) => `${k}=${v}`);
    const command = ["env", ...env, "neomutt", "-F", "muttrc", "-H", "draft.eml", "-a", "helpers.csv", "--"];
    tmux("new-session", "-d", "-s", "mail", "-x", "150", "-y", "45", "-c", world.dir, ...command);
    // -H fills the prompts; a person confirms each with Enter and lands in the compose menu.
    await waitFor(/^To: helpers@other-party\.example/m, "the To prompt");
    tmux("send-keys", "-t", "mail", "Enter");
    await waitFor(/^Subject: Helpers/m, "the Subject prompt");
    tmux("send-keys", "-t", "mail", "Enter");
    await waitFor(/y:Send/, "the compose menu");

    tmux("send-keys", "-t", "mail", "y");
    const shown = await waitFor(/Held for confirmation/, "guard's warning");
    expect(shown).toContain("WARN");
    expect(shown).toContain("some-personal-data-to-external");
    expect(shown).toMatch(/send the same message again within 10 minutes/);
    expect(sink.received).toHaveLength(0);

    tmux("send-keys", "-t", "mail", "q"); // leave the pager with the delivery output
    await waitFor(/y:Send/, "the compose menu again");
    tmux("send-keys", "-t", "mail", "y");
    for (let waited = 0; sink.received.length === 0 && waited < 60_000; waited += 250) await sleep(250);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toContain("Subject: Helpers");
    // guard writes its audit line once msmtp has exited, which can be after the sink has the mail.
    for (let waited = 0; world.auditLines().length < 2 && waited < 30_000; waited += 250) await sleep(250);
    expect(world.auditLines().map((l) => [l.outcome, l.confirm])).toEqual([
      ["refused", "asked"],
      ["sent", "given"],
    ]);
  }, 180_000);
});
