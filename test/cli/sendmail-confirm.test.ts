import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeEml } from "../../fixtures/gen/index.js";
import { guard } from "../helpers/cli.js";
import { makeWorld } from "../integration/mail-kit.js";

// Issue 18, item 3: --on-warn=confirm holds a warned message once; the same message sent again
// within the window goes. A mail client writes a new Date, Message-ID and boundary each time.
const fewPeople = `Name,Email\n${["Alice Brown", "John Smith", "Mary Jones"].map((n, i) => `${n},m${i}@mail.example`).join("\n")}\n`;

/** A warned message (three people's addresses to an outsider); `attempt` varies what a client varies. */
const warned = (attempt: number, csv = fewPeople): Buffer =>
  writeEml({
    from: "office@cnparty.org.uk",
    to: ["helpers@other-party.example"],
    subject: "Helpers",
    date: `Tue, 13 May 2008 16:4${attempt}:07 +0100`,
    messageId: `try-${attempt}@cnparty.org.uk`,
    text: "The helpers.",
    attachments: [{ filename: "helpers.csv", content: Buffer.from(csv) }],
  });

describe("guard sendmail --on-warn=confirm", () => {
  it("holds the first send (77, the warnings shown), sends the same message on the second, asks again after", async () => {
    const world = makeWorld();
    const send = (message: Buffer) =>
      guard(["sendmail", "--on-warn=confirm", "--", world.recorder, "-t"], message, world.env, world.dir);
    const first = await send(warned(1));
    expect(first.code).toBe(77);
    expect(first.stderr).toContain("some-personal-data-to-external");
    expect(first.stderr).toContain("send the same message again within 10 minutes");
    expect(world.recorded()).toBeNull();
    // Another message (another attachment) is not confirmed by the first one's hold.
    const other = await send(warned(2, fewPeople.replace("Alice", "Alicia")));
    expect(other.code).toBe(77);
    expect(world.recorded()).toBeNull();
    const second = await send(warned(3));
    expect(second.code).toBe(0);
    expect(world.recorded()?.toString()).toContain("Message-ID: <try-3@cnparty.org.uk>");
    world.reset();
    // The hold is used up: a third send asks again.
    expect((await send(warned(4))).code).toBe(77);
    expect(world.auditLines().map((l) => [l.outcome, l.confirm])).toEqual([
      ["refused", "asked"],
      ["refused", "asked"],
      ["sent", "given"],
      ["refused", "asked"],
    ]);
  });

  it("the window is the policy's confirm.windowMinutes; guard config shows it, 10 by default", async () => {
    const world = makeWorld();
    const policy = join(world.dir, "policy.yaml");
    writeFileSync(policy, "confirm:\n  windowMinutes: 2\n");
    const send = () =>
      guard(
        ["sendmail", "--on-warn=confirm", "--policy", policy, "--", world.recorder, "-t"],
        warned(1),
        world.env,
        world.dir,
      );
    const folder = join(world.env.XDG_STATE_HOME as string, "guard", "confirm");
    const age = (minutes: number) => {
      for (const name of readdirSync(folder))
        writeFileSync(join(folder, name), `${new Date(Date.now() - minutes * 60_000).toISOString()}\n`);
    };
    const first = await send();
    expect(first.code).toBe(77);
    expect(first.stderr).toContain("send the same message again within 2 minutes");
    age(3); // past a 2-minute window: held again
    expect((await send()).code).toBe(77);
    age(1); // within it: sent
    expect((await send()).code).toBe(0);
    expect((await guard(["config", "--policy", policy], undefined, world.env, world.dir)).stdout).toMatch(
      /^confirm:\n {2}windowMinutes: 2$/m,
    );
    const byDefault = await guard(["config"], undefined, { ...world.env, GUARD_POLICY: "" }, world.dir);
    expect(byDefault.stdout).toMatch(/^ {2}windowMinutes: 10$/m);
    writeFileSync(policy, "confirm:\n  windowMinutes: 0\n");
    const wrong = await send();
    expect(wrong.code).toBe(70);
    expect(wrong.stderr).toContain("confirm.windowMinutes");
  });

  it("a hold older than the window does not confirm", async () => {
    const world = makeWorld();
    const send = () =>
      guard(["sendmail", "--on-warn=confirm", "--", world.recorder, "-t"], warned(1), world.env, world.dir);
    expect((await send()).code).toBe(77);
    const folder = join(world.env.XDG_STATE_HOME as string, "guard", "confirm");
    const held = readFileSync(join(folder, readdirSync(folder)[0]), "utf8");
    expect(Date.parse(held.trim())).toBeGreaterThan(0);
    for (const name of readdirSync(folder))
      writeFileSync(join(folder, name), `${new Date(Date.now() - 11 * 60_000).toISOString()}\n`);
    expect((await send()).code).toBe(77);
  });

  it("allowed and blocked mail are unchanged by confirm", async () => {
    const world = makeWorld();
    const budget = writeEml({
      from: "office@cnparty.org.uk",
      to: ["helpers@other-party.example"],
      subject: "Budget",
      date: "Tue, 13 May 2008 16:42:07 +0100",
      messageId: "budget@cnparty.org.uk",
      text: "Figures.",
      attachments: [{ filename: "budget.csv", content: Buffer.from("Ward,Spend\nNorth,100\nSouth,200\n") }],
    });
    const run = await guard(
      ["sendmail", "--on-warn=confirm", "--", world.recorder, "-t"],
      budget,
      world.env,
      world.dir,
    );
    expect(run.code).toBe(0);
  });

  it("hook install writes wrappers with --on-warn=confirm, or what --on-warn and --policy say", async () => {
    const world = makeWorld();
    const path = join(world.dir, "wrapper");
    const installed = await guard(
      ["hook", "install", "neomutt", "--path", path],
      undefined,
      world.env,
      world.dir,
    );
    expect(installed.code, installed.stderr).toBe(0);
    expect(readFileSync(path, "utf8")).toMatch(/sendmail --on-warn=confirm -- \/usr\/sbin\/sendmail "\$@"/);
    const chosen = await guard(
      ["hook", "install", "s-nail", "--path", path, "--force", "--on-warn", "block", "--policy", "ours.yaml"],
      undefined,
      world.env,
      world.dir,
    );
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(readFileSync(path, "utf8")).toContain(
      `sendmail --on-warn=block --policy ${join(world.dir, "ours.yaml")} --`,
    );
    const wrong = await guard([
      "hook",
      "install",
      "neomutt",
      "--path",
      path,
      "--force",
      "--on-warn",
      "maybe",
    ]);
    expect(wrong.code).toBe(3);
  });
});
