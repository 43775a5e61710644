import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { budgetCsv, hasProgram, makeWorld, sha256, voterCsv } from "./mail-kit.js";

const present = hasProgram("git") && checkSendEmail();

/** git send-email lives in the git-email package; git alone does not have it. */
function checkSendEmail(): boolean {
  const run = spawnSync("git", ["send-email", "--dump-aliases"], { encoding: "utf8" });
  const ok = run.status === 0;
  if (!ok && process.env.CI)
    throw new Error(`git send-email does not run (git-email missing?): ${run.stderr}`);
  if (!ok) console.warn("skipping the git send-email tests: git send-email does not run here");
  return ok;
}

describe.skipIf(!present)("git send-email", () => {
  const world = makeWorld();
  const repo = join(world.dir, "repo");
  const git = (...args: string[]) => {
    const run = spawnSync("git", args, { cwd: repo, env: world.env, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
    return run.stdout;
  };
  /** Runs git send-email on some patches, with `program` as its sendmail. */
  const sendEmail = (program: string, patches: string[], extra: string[] = [], env = {}) =>
    spawnSync(
      "git",
      [
        "send-email",
        `--smtp-server=${program}`,
        "--confirm=never",
        "--to=desk@news.example",
        "--suppress-cc=all",
        ...extra,
        ...patches,
      ],
      { cwd: repo, env: { ...world.env, ...env }, encoding: "utf8" },
    );
  let clean: string[] = [];
  beforeEach(() => world.reset());
  let voters: string[] = [];
  let helpers: string[] = [];

  beforeAll(() => {
    mkdirSync(repo, { recursive: true });
    mkdirSync(world.home, { recursive: true });
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Pat Organiser");
    git("config", "user.email", "pat@cnparty.org.uk");
    writeFileSync(join(repo, "README"), "Campaign tools\n");
    git("add", ".");
    git("commit", "-qm", "Start");
    writeFileSync(join(repo, "budget.csv"), budgetCsv());
    git("add", ".");
    git("commit", "-qm", "Add the ward budget");
    writeFileSync(join(repo, "README"), "Campaign tools, with a budget\n");
    git("commit", "-qam", "Describe the budget");
    clean = git("format-patch", "-2", "-o", join(world.dir, "clean")).trim().split("\n");
    writeFileSync(join(repo, "voters.csv"), voterCsv(30));
    git("add", ".");
    git("commit", "-qm", "Add the canvass export");
    voters = git("format-patch", "-3", "-o", join(world.dir, "voters")).trim().split("\n");
    // Three helpers' names and addresses: a warning (few people's details), not a block.
    writeFileSync(
      join(repo, "helpers.csv"),
      `Name,Email\n${["Alice Brown", "John Smith", "Mary Jones"].map((n, i) => `${n},h${i}@mail.example`).join("\n")}\n`,
    );
    git("add", ".");
    git("commit", "-qm", "Add the helpers");
    helpers = git("format-patch", "-1", "-o", join(world.dir, "helpers")).trim().split("\n");
  });

  describe("with the sendemail-validate hook", () => {
    it("installs the hook, and does not overwrite it without --force", () => {
      const first = world.guard(["hook", "install", "git"], repo);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain("sendemail-validate");
      const again = world.guard(["hook", "install", "git"], repo);
      expect(again.status).toBe(3);
      expect(again.stderr).toContain("--force");
      expect(world.guard(["hook", "install", "git", "--force"], repo).status).toBe(0);
    });

    it("refuses a series that carries a voter CSV: nothing at all is sent", () => {
      const run = sendEmail(world.recorder, voters);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain("sensitive-to-external");
      expect(run.stderr).toContain("voters.csv");
      expect(world.recorded()).toBeNull();
      const last = world.auditLines().at(-1);
      expect(last).toMatchObject({ mode: "hook", via: "git", verdict: "block", outcome: "refused" });
    });

    it("holds a patch with warnings once (confirm), and sends it when git send-email is run again", () => {
      const first = sendEmail(world.recorder, helpers);
      expect(first.status).not.toBe(0);
      expect(first.stderr).toContain("some-personal-data-to-external");
      expect(first.stderr).toContain("Held for confirmation");
      expect(first.stderr).toContain("run git send-email again with the same patches within 10 minutes");
      expect(world.recorded()).toBeNull();
      const second = sendEmail(world.recorder, helpers);
      expect(second.status, second.stderr).toBe(0);
      expect(world.recorded()?.toString()).toContain("helpers.csv");
      expect(world.auditLines().slice(-2)).toMatchObject([
        { mode: "hook", via: "git", verdict: "warn", outcome: "refused", confirm: "asked" },
        { mode: "hook", via: "git", verdict: "warn", outcome: "passed", confirm: "given" },
      ]);
    });

    it("with --on-warn send, the warnings are printed and the patch goes at once", () => {
      expect(world.guard(["hook", "install", "git", "--force", "--on-warn", "send"], repo).status).toBe(0);
      try {
        const run = sendEmail(world.recorder, helpers);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toContain("some-personal-data-to-external");
        expect(world.recorded()?.toString()).toContain("helpers.csv");
      } finally {
        expect(world.guard(["hook", "install", "git", "--force"], repo).status).toBe(0);
      }
    });

    it("sends a clean series", () => {
      const run = sendEmail(world.recorder, clean);
      expect(run.status, run.stderr).toBe(0);
      expect(world.recorded()?.toString()).toContain("Describe the budget");
      expect(world.recordedArgs()).toContain("desk@news.example");
    });
  });

  describe("through the sendmail wrapper", () => {
    let wrapper = "";
    let tee = "";
    beforeAll(() => {
      wrapper = join(world.dir, "guard-sendmail");
      const run = world.guard(["hook", "install", "neomutt", "--path", wrapper, "--", world.recorder]);
      expect(run.status, run.stderr).toBe(0);
      // Keeps what git hands over, to compare with what reaches the real sendmail.
      tee = join(world.dir, "tee.sh");
      writeFileSync(tee, `#!/bin/sh\ntee ${world.dir}/handed.eml | ${wrapper} "$@"\n`, { mode: 0o755 });
    });

    it("refuses the voter CSV: the real sendmail is never called and git reports failure", () => {
      const patch = voters.filter((p) => readFileSync(p, "utf8").includes("voters.csv"));
      const run = sendEmail(wrapper, patch, ["--no-validate"]);
      expect(run.status).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain("sensitive-to-external");
      expect(world.recorded()).toBeNull();
    });

    it("hands an allowed mail to the real sendmail byte for byte, with git's arguments", () => {
      const run = sendEmail(tee, clean.slice(0, 1), ["--no-validate"]);
      expect(run.status, run.stderr).toBe(0);
      const handed = readFileSync(join(world.dir, "handed.eml"));
      const recorded = world.recorded();
      expect(recorded).not.toBeNull();
      expect(sha256(recorded as Buffer)).toBe(sha256(handed));
      expect(world.recordedArgs()).toEqual(expect.arrayContaining(["-i", "desk@news.example"]));
      expect(world.auditLines().at(-1)).toMatchObject({
        mode: "sendmail",
        outcome: "sent",
        status: 0,
        messageSha256: sha256(handed),
      });
    });
  });
});
