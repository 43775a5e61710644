import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeEml } from "../../fixtures/gen/index.js";
import { guard, ROOT } from "../helpers/cli.js";
import { makeWorld } from "../integration/mail-kit.js";

// Issue 18, item 5 (the parts done): help that lists exit codes, --quiet and --verbose, advice
// per reason a file could not be read (test/report/advice.test.ts), and system errors in words.
const voters = readFileSync(join(ROOT, "fixtures/drafts/voters-csv.eml"));
describe("messages a newcomer reads", () => {
  it("check --help and sendmail --help list their exit codes", async () => {
    const check = await guard(["check", "--help"]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/Exit codes: 0 allow.*1 warn.*\n?.*2 block.*3 error/s);
    expect((await guard(["sendmail", "--help"])).stdout).toMatch(/77 \(EX_NOPERM\).*70 \(EX_SOFTWARE\)/s);
  });

  it("--quiet prints the verdict line alone; the default leaves out the columns; --verbose shows them", async () => {
    const quiet = await guard(["check", "-", "--quiet"], voters);
    expect(quiet.code).toBe(2);
    expect(quiet.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(quiet.stdout).toMatch(/^guard \(standard input\): BLOCK/);
    const normal = await guard(["check", "-"], voters);
    expect(normal.stdout).toContain("What to do:");
    expect(normal.stdout).toContain("voters.csv (csv, inspected)");
    expect(normal.stdout).not.toContain("e.g.");
    const verbose = await guard(["check", "-", "--verbose"], voters);
    expect(verbose.stdout).toMatch(/pii\.name \(\d+%\)\s+e\.g\. /);
    expect((await guard(["check", "-", "--quiet", "--verbose"], voters)).code).toBe(3);
  });

  it("system errors are words, the code kept for searching", async () => {
    const run = await guard(["check", "-", "--policy", "no-such-policy.yaml"], voters);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      "guard: cannot read policy no-such-policy.yaml: no such file or folder (ENOENT)\n",
    );
    expect((await guard(["check", "fixtures"])).stderr).toContain("is a folder");
  });

  it("after an override, the verdict line and the advice say what happened", async () => {
    const world = makeWorld();
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${["Alice Brown", "John Smith", "Mary Jones"][i % 3]},m${i}@mail.example`,
    );
    const draft = [
      "From: office@cnparty.org.uk",
      "To: orders@print-shop.example",
      "Subject: Delivery",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "Attached.",
      "--b",
      'Content-Type: text/csv; name="members.csv"',
      'Content-Disposition: attachment; filename="members.csv"',
      "",
      "Name,Email",
      ...rows,
      "--b--",
      "",
    ].join("\r\n");
    const env = { ...world.env, GUARD_OVERRIDE: "agreed with the data protection lead" };
    const run = await guard(["sendmail", "--", world.recorder, "-t"], draft, env, world.dir);
    expect(run.code, run.stderr).toBe(0);
    const first = run.stderr.split("\n")[0];
    expect(first).toContain("overridden on the justification given");
    expect(first).not.toContain("nothing found");
    expect(run.stderr).toContain("What to do: nothing more: overridden");
  });
});

describe("advice a sender can act on (issue 18, item 5)", () => {
  const people = Array.from(
    { length: 30 },
    (_, i) => `${["Alice Brown", "John Smith", "Mary Jones"][i % 3]},v${i}@mail.example`,
  );
  const volunteers = {
    filename: "volunteers.csv",
    content: Buffer.from(`Name,Email\n${people.join("\n")}\n`),
  };
  const list = Array.from({ length: 300 }, (_, i) => `supporter${i}@mail.example`);
  const mail = (to: string[], bcc: string[]) =>
    writeEml({
      from: "office@cnparty.org.uk",
      to,
      subject: "Thank you",
      date: "Tue, 13 May 2008 16:42:07 +0100",
      messageId: "thanks@cnparty.org.uk",
      text: "Thank you all for your help.",
      attachments: [volunteers],
      ...(bcc.length > 0 ? { headers: [["Bcc", bcc.join(", ")] as [string, string]] } : {}),
    });
  const adviceOf = (report: string, rule: string): string =>
    report.slice(report.indexOf(` ${rule}`)).match(/What to do: (.*)/)?.[1] ?? "";

  it("a thank-you to 300 supporters in Bcc is not told to use Bcc; the same in To is", async () => {
    const inBcc = await guard(["check", "-"], mail(["office@cnparty.org.uk"], list));
    expect(inBcc.code).toBe(2);
    const bccAdvice = adviceOf(inBcc.stdout, "personal-data-to-many");
    expect(bccAdvice).toContain("in Bcc already");
    expect(bccAdvice).not.toMatch(/put (the )?recipients in Bcc/i);
    expect(adviceOf(inBcc.stdout, "personal-data-to-external")).toContain(
      "300 people outside, a mailing list",
    );
    const inTo = await guard(["check", "-"], mail(list, []));
    expect(adviceOf(inTo.stdout, "personal-data-to-many")).toContain("Putting them in Bcc would hide");
  });

  it("the same file to one outside person gets advice for one person", async () => {
    const one = await guard(["check", "-"], mail(["orders@print-shop.example"], []));
    expect(one.code).toBe(2);
    expect(adviceOf(one.stdout, "personal-data-to-external")).toContain("one person outside");
    expect(one.stdout).not.toContain("mailing list");
  });

  it("what check says of overriding follows the policy in force", async () => {
    const lifted = adviceOf((await guard(["check", "-"], voters)).stdout, "sensitive-to-external");
    expect(lifted).toContain("Under this policy no justification lifts it");
    const dir = mkdtempSync(join(tmpdir(), "guard-advice-"));
    const policy = join(dir, "policy.yaml");
    writeFileSync(policy, "override:\n  allowed: [sensitive-to-external]\n");
    const run = await guard(["check", "-", "--policy", policy], voters);
    const advice = adviceOf(run.stdout, "sensitive-to-external");
    expect(advice).toContain("This policy lets a sender lift it with a written justification");
    expect(run.stdout).not.toMatch(/cannot be overridden|no justification/);
  });
});
