import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { budgetCsv, hasProgram, makeWorld, sha256, voterCsv } from "./mail-kit.js";

const present = hasProgram("s-nail");

describe.skipIf(!present)("s-nail with -S mta=", () => {
  const world = makeWorld();
  const wrapper = join(world.dir, "guard-sendmail");
  const tee = join(world.dir, "tee.sh");
  const dead = join(world.dir, "dead.letter");

  /** `s-nail -S mta=PROGRAM -s SUBJECT -a FILE ADDRESS` with the body on standard input. */
  const mailx = (mta: string, attachment: string) =>
    spawnSync(
      "s-nail",
      [
        "-n",
        "-S",
        `mta=${mta}`,
        "-S",
        "from=office@cnparty.org.uk",
        "-S",
        `DEAD=${dead}`,
        "-s",
        "Delivery list",
        "-a",
        attachment,
        "orders@print-shop.example",
      ],
      { cwd: world.dir, env: world.env, input: "The list for the run.\n", encoding: "utf8", timeout: 20_000 },
    );
  const file = (name: string, text: string): string => {
    writeFileSync(join(world.dir, name), text);
    return join(world.dir, name);
  };

  beforeAll(() => {
    mkdirSync(world.home, { recursive: true });
    const run = world.guard(["hook", "install", "s-nail", "--path", wrapper, "--", world.recorder]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("dead.letter");
    writeFileSync(tee, `#!/bin/sh\ntee ${world.dir}/handed.eml | ${wrapper} "$@"\n`, { mode: 0o755 });
  });
  beforeEach(() => world.reset());

  it("refuses a voter CSV: nothing sent, s-nail fails and keeps the message in dead.letter", () => {
    const run = mailx(wrapper, file("voters.csv", voterCsv(30)));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("sensitive-to-external");
    expect(world.recorded()).toBeNull();
    expect(existsSync(dead)).toBe(true);
  });

  it("hands an allowed mail to the real sendmail byte for byte", () => {
    const run = mailx(tee, file("budget.csv", budgetCsv()));
    expect(run.status, run.stderr).toBe(0);
    const recorded = world.recorded();
    expect(recorded).not.toBeNull();
    expect(sha256(recorded as Buffer)).toBe(sha256(readFileSync(join(world.dir, "handed.eml"))));
    expect(world.recordedArgs()).toContain("orders@print-shop.example");
  });
});
