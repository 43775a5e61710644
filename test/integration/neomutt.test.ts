import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { budgetCsv, hasProgram, makeWorld, sha256, voterCsv } from "./mail-kit.js";

const present = hasProgram("neomutt");

/** 30 people with names and mail addresses, no special-category column: overridable. */
const contactsCsv = (): string =>
  `Name,Email\n${Array.from({ length: 30 }, (_, i) => `Member ${["Alice Brown", "John Smith", "Mary Jones"][i % 3]},member${i}@mail.example`).join("\n")}\n`;

describe.skipIf(!present)("neomutt in batch mode", () => {
  const world = makeWorld();
  const wrapper = join(world.dir, "guard-sendmail");
  const tee = join(world.dir, "tee.sh");

  /** `neomutt -n -F muttrc -H draft -a FILE --` with a body on standard input, as a script would. */
  const neomutt = (sendmail: string, attachment: string, extraHeaders = "", env = {}) => {
    const muttrc = join(world.dir, "muttrc");
    writeFileSync(
      muttrc,
      [
        `set sendmail="${sendmail}"`,
        'set from="office@cnparty.org.uk"',
        "set use_from=yes",
        'set record=""',
        "set copy=no",
        "set postpone=no",
      ].join("\n"),
    );
    const draft = join(world.dir, "draft.eml");
    writeFileSync(
      draft,
      `To: orders@print-shop.example\nSubject: Delivery list\n${extraHeaders}\nThe list for the run.\n`,
    );
    return spawnSync("neomutt", ["-n", "-F", muttrc, "-H", draft, "-a", attachment, "--"], {
      cwd: world.dir,
      env: { ...world.env, ...env },
      input: "Sent from a script.\n",
      encoding: "utf8",
      timeout: 20_000,
    });
  };

  const file = (name: string, text: string): string => {
    const path = join(world.dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    mkdirSync(world.home, { recursive: true });
    const run = world.guard(["hook", "install", "neomutt", "--path", wrapper, "--", world.recorder]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`set sendmail="${wrapper}"`);
    // Keeps what neomutt hands over, to compare with what reaches the real sendmail.
    writeFileSync(tee, `#!/bin/sh\ntee ${world.dir}/handed.eml | ${wrapper} "$@"\n`, { mode: 0o755 });
  });
  beforeEach(() => world.reset());

  it("wrote the one-line wrapper", () => {
    const lines = readFileSync(wrapper, "utf8").trim().split("\n");
    expect(lines.at(-1)).toMatch(/^exec .*guard\.js sendmail --on-warn=confirm -- .*recorder\.sh "\$@"$/);
  });

  it("refuses a voter CSV: the real sendmail is never called and neomutt reports failure", () => {
    const run = neomutt(wrapper, file("voters.csv", voterCsv(30)));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("sensitive-to-external");
    expect(world.recorded()).toBeNull();
    const last = world.auditLines().at(-1);
    expect(last).toMatchObject({ mode: "sendmail", verdict: "block", outcome: "refused" });
    expect(JSON.stringify(last)).not.toContain("orders@print-shop.example");
  });

  it("hands an allowed mail to the real sendmail byte for byte, with neomutt's arguments", () => {
    const run = neomutt(tee, file("budget.csv", budgetCsv()));
    expect(run.status, run.stderr).toBe(0);
    const handed = readFileSync(join(world.dir, "handed.eml"));
    const recorded = world.recorded();
    expect(recorded).not.toBeNull();
    expect(sha256(recorded as Buffer)).toBe(sha256(handed));
    expect(recorded?.toString()).toContain('filename="budget.csv"');
    expect(world.recordedArgs()).toContain("orders@print-shop.example");
  });

  it("sends a blocked contact list with a justification in X-Guard-Override, and logs it", () => {
    const contacts = file("contacts.csv", contactsCsv());
    expect(neomutt(wrapper, contacts).status).not.toBe(0);
    expect(world.recorded()).toBeNull();
    const run = neomutt(tee, contacts, "X-Guard-Override: the print shop posts the leaflets, DPA signed\n");
    expect(run.status, run.stderr).toBe(0);
    expect(sha256(world.recorded() as Buffer)).toBe(sha256(readFileSync(join(world.dir, "handed.eml"))));
    expect(world.recorded()?.toString()).toContain("X-Guard-Override:");
    expect(world.auditLines().at(-1)).toMatchObject({
      verdict: "allow",
      verdictBefore: "block",
      outcome: "sent",
      override: { reason: "the print shop posts the leaflets, DPA signed", sources: ["header"] },
    });
  });
});
