import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseDraft } from "../../src/parse/mail/parse-draft.js";
import { guard, ROOT } from "../helpers/cli.js";
import { makeWorld, sha256 } from "../integration/mail-kit.js";

const world = makeWorld();
const fixture = (name: string): Buffer => readFileSync(join(ROOT, "fixtures", name));

/** `guard sendmail OPTIONS -- recorder ARGS` with a message on standard input, a whole process. */
function sendmailProcess(
  message: Uint8Array | string,
  options: string[],
  args: string[],
  env: NodeJS.ProcessEnv = {},
) {
  return spawnSync(
    process.execPath,
    [join(ROOT, "bin/guard.js"), "sendmail", ...options, "--", world.recorder, ...args],
    {
      cwd: world.dir,
      env: { ...world.env, ...env },
      input: message,
      encoding: "utf8",
    },
  );
}

/** The same, run in this process. */
async function sendmail(
  message: Uint8Array | string,
  options: string[],
  args: string[],
  env: NodeJS.ProcessEnv = {},
) {
  const argv = ["sendmail", ...options, "--", world.recorder, ...args];
  const run = await guard(argv, message, { ...world.env, ...env }, world.dir);
  return { status: run.code, stderr: run.stderr };
}

/** 30 people's names and addresses, no special-category column: blocks, but may be overridden. */
function contactsDraft(headers = ""): string {
  const rows = Array.from(
    { length: 30 },
    (_, i) => `${["Alice Brown", "John Smith", "Mary Jones"][i % 3]},m${i}@mail.example`,
  );
  return [
    "From: office@cnparty.org.uk",
    "To: venue@hall.example",
    "Subject: Guests",
    headers,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "The guest list.",
    "--b",
    'Content-Type: text/csv; name="guests.csv"',
    'Content-Disposition: attachment; filename="guests.csv"',
    "",
    "Name,Email",
    ...rows,
    "--b--",
    "",
  ]
    .filter((l, i) => l !== "" || i > 4)
    .join("\r\n");
}

describe("guard sendmail", () => {
  beforeEach(() => world.reset());

  it("passes the real sendmail's arguments through verbatim and the very same bytes", () => {
    const bytes = fixture("drafts/election-results.eml");
    const run = sendmailProcess(bytes, [], ["-oi", "-t", "--policy", "x", "-f", "a@b.example"]);
    expect(run.status, run.stderr).toBe(0);
    expect(world.recordedArgs()).toEqual(["-oi", "-t", "--policy", "x", "-f", "a@b.example"]);
    expect(sha256(world.recorded() as Buffer)).toBe(sha256(bytes));
  });

  it("passes the real sendmail's exit status through", async () => {
    const failing = join(world.dir, "failing.sh");
    writeFileSync(failing, "#!/bin/sh\ncat >/dev/null\nexit 75\n", { mode: 0o755 });
    const run = await guard(
      ["sendmail", "--", failing, "-t"],
      fixture("drafts/clean-minutes.eml"),
      world.env,
    );
    expect(run.code).toBe(75);
  });

  it("refuses a voter list with 77, the reasons on standard error, and sends nothing", async () => {
    const run = await sendmail(fixture("drafts/voters-csv.eml"), [], ["-oi", "-t"]);
    expect(run.status).toBe(77);
    expect(run.stderr).toContain("sensitive-to-external");
    expect(run.stderr).toContain("Nothing was sent.");
    expect(world.recorded()).toBeNull();
  });

  it("counts recipients given as async arguments: an internal draft to an outside address is refused", async () => {
    const bytes = fixture("incidents/crewe-nantwich-internal.eml");
    expect((await sendmail(bytes, [], ["-oi", "--", "agent@cnparty.org.uk"])).status).toBe(0);
    world.reset();
    expect((await sendmail(bytes, [], ["-oi", "--", "desk@radio-news.example"])).status).toBe(77);
    expect(world.recorded()).toBeNull();
  });

  it("sends a warning, printing it, unless --on-warn=block", async () => {
    const bytes = fixture("drafts/small-list.eml");
    const sent = await sendmail(bytes, [], ["-t"]);
    expect(sent.status).toBe(0);
    expect(sent.stderr).toContain("some-personal-data-to-external");
    world.reset();
    expect((await sendmail(bytes, ["--on-warn=block"], ["-t"])).status).toBe(77);
    expect(world.recorded()).toBeNull();
  });

  it("exits 70 and sends nothing on an internal error or bad usage", async () => {
    const bytes = fixture("drafts/election-results.eml");
    expect((await sendmail(bytes, ["--policy", "/no/such/policy.yaml"], ["-t"])).status).toBe(70);
    expect((await sendmail(bytes, ["--on-warn=maybe"], ["-t"])).status).toBe(70);
    expect((await sendmail("", [], ["-t"])).status).toBe(70);
    expect((await guard(["sendmail"], bytes, world.env, world.dir)).code).toBe(70);
    expect(world.recorded()).toBeNull();
  });

  describe("override with a justification", () => {
    it("refuses the contact list without one, and with a blank one", async () => {
      expect((await sendmail(contactsDraft(), [], ["-t"])).status).toBe(77);
      expect((await sendmail(contactsDraft("X-Guard-Override:   "), [], ["-t"])).status).toBe(77);
      const run = await sendmail(contactsDraft(), [], ["-t"], { GUARD_OVERRIDE: " " });
      expect(run.status).toBe(77);
      expect(run.stderr).toContain("X-Guard-Override");
      expect(world.recorded()).toBeNull();
    });

    it("sends with the header, unchanged, and logs the reason", async () => {
      const draft = contactsDraft("X-Guard-Override: the venue checks guests in, agreed with the DPO");
      const run = await sendmail(draft, [], ["-t"]);
      expect(run.status, run.stderr).toBe(0);
      expect(world.recorded()?.toString()).toBe(draft);
      expect(world.auditLines().at(-1)).toMatchObject({
        verdict: "allow",
        verdictBefore: "block",
        rules: [{ rule: "personal-data-to-external", action: "block", overridden: true }],
        override: { reason: "the venue checks guests in, agreed with the DPO", sources: ["header"] },
      });
      // The attachment's digest is of its decoded bytes, as the recipient would save the file.
      const parsed = await parseDraft(new TextEncoder().encode(draft));
      if (!parsed.ok) throw new Error(parsed.error);
      expect(world.auditLines().at(-1)?.attachments).toEqual([
        { filename: "guests.csv", sha256: sha256(parsed.draft.attachments[0].bytes) },
      ]);
    });

    it("sends with GUARD_OVERRIDE for one send", async () => {
      const run = await sendmail(contactsDraft(), [], ["-t"], { GUARD_OVERRIDE: "agreed with the DPO" });
      expect(run.status, run.stderr).toBe(0);
      expect(world.auditLines().at(-1)).toMatchObject({ override: { sources: ["env"] } });
    });

    it("removes the header only when the policy says so", async () => {
      const policy = join(world.dir, "remove-header.yaml");
      writeFileSync(policy, "override:\n  removeHeader: true\n");
      const draft = contactsDraft("X-Guard-Override: agreed\r\n with the DPO");
      expect((await sendmail(draft, ["--policy", policy], ["-t"])).status).toBe(0);
      const sent = world.recorded()?.toString() ?? "";
      expect(sent).not.toContain("X-Guard-Override");
      expect(sent).toBe(draft.replace("X-Guard-Override: agreed\r\n with the DPO\r\n", ""));
    });

    it("never lifts sensitive-to-external under the default policy", async () => {
      const run = await sendmail(fixture("drafts/voters-csv.eml"), [], ["-t"], {
        GUARD_OVERRIDE: "the printer needs it",
      });
      expect(run.status).toBe(77);
      expect(run.stderr).toContain("No justification lifts sensitive-to-external");
      expect(world.auditLines().at(-1)).toMatchObject({
        verdict: "block",
        override: { reason: "the printer needs it" },
      });
    });
  });
});
