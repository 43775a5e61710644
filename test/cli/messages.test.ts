import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/finding.js";
import type { IssueCode } from "../../src/model/table.js";
import { adviceFor } from "../../src/report/describe-finding.js";
import { guard, ROOT } from "../helpers/cli.js";
import { makeWorld } from "../integration/mail-kit.js";

// Issue 18, item 5 (the parts done): help that lists exit codes, --quiet and --verbose, advice
// per reason a file could not be read, and system errors in words.
const voters = readFileSync(join(ROOT, "fixtures/drafts/voters-csv.eml"));
const CODES: IssueCode[] = [
  "ENCRYPTED",
  "CORRUPT",
  "TOO_LARGE",
  "ZIP_BOMB",
  "TOO_DEEP",
  "DTD_REFUSED",
  "UNSUPPORTED",
  "TIMEOUT",
];
const recipients = { total: 1, external: 1, visible: 1 };

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

  it("advises per reason a file could not be read, to outside and inside recipients alike", () => {
    for (const rule of ["uninspectable-to-external", "uninspectable-internal"] as const) {
      const advice = CODES.map((code) =>
        adviceFor({
          rule,
          action: "block",
          where: null,
          args: { issue: { code, path: "" }, recipients },
        } as Finding),
      );
      expect(new Set(advice).size, rule).toBe(CODES.length);
      for (const [i, code] of CODES.entries())
        if (code !== "ENCRYPTED") expect(advice[i], `${rule} ${code}`).not.toMatch(/encrypt/i);
    }
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
