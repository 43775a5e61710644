import { describe, expect, it } from "vitest";
import type { Finding, RecipientCounts, RuleId } from "../../src/model/finding.js";
import type { IssueCode } from "../../src/model/table.js";
import { adviceFor } from "../../src/report/describe-finding.js";

// Issue 18, item 5: advice per rule when the recipients are already in Bcc, per number of
// recipients (one outside person is not a list of hundreds), and per reason a file was not read;
// and (item 5, override messages) what it says of overriding is true to the policy in force.
const where = { attachment: "volunteers.csv", table: "volunteers.csv" };
const to = (total: number, external: number, visible: number): RecipientCounts => ({
  total,
  external,
  visible,
});
const table = (recipients: RecipientCounts) => ({ rows: 30, tags: [], columns: [], recipients });

const many = (recipients: RecipientCounts): Finding => ({
  rule: "personal-data-to-many",
  action: "block",
  where: null,
  args: { rows: 30, recipients },
});
const outside = (recipients: RecipientCounts, rule: RuleId = "personal-data-to-external"): Finding =>
  ({ rule, action: "block", where, args: table(recipients) }) as Finding;

describe("advice for who would get the data", () => {
  it.each([
    [
      "all 300 in Bcc",
      to(300, 300, 0),
      /All 300 recipients are in Bcc already: that hides their addresses from each other, not the data/,
    ],
    [
      "all 300 in To",
      to(300, 300, 300),
      /Putting them in Bcc would hide their addresses from each other, but each would still get the data/,
    ],
    [
      "the sender in To, 300 in Bcc",
      to(301, 300, 1),
      /300 of the 301 recipients are in Bcc already: that hides their addresses/,
    ],
    ["280 in To, 20 in Bcc", to(300, 300, 280), /each of the 300 recipients, in To, Cc or Bcc, gets it/],
  ])("personal data to a list, %s", (_, recipients, expected) => {
    const advice = adviceFor(many(recipients));
    expect(advice).toMatch(expected);
    // The old advice told a sender whose list was already in Bcc to put it in Bcc.
    expect(advice).not.toMatch(/put (the )?recipients in Bcc/i);
  });

  it.each([
    ["one person outside", to(1, 1, 1), /one person outside: if they need it .* agreement/],
    ["five people outside", to(5, 5, 5), /5 people outside: send it only to the one who needs it/],
    ["hundreds outside", to(400, 400, 400), /400 people outside, a mailing list rather than a person/],
    ["hundreds outside in Bcc", to(400, 400, 1), /Bcc hides who else got it, not the data/],
  ])("personal data to %s", (_, recipients, expected) => {
    expect(adviceFor(outside(recipients))).toMatch(expected);
  });

  it("one outside recipient of special-category data is told about a lawful basis, not about lists", () => {
    const advice = adviceFor(outside(to(1, 1, 1), "sensitive-to-external"));
    expect(advice).toMatch(/one person outside: even one needs a lawful basis/);
    expect(advice).not.toMatch(/mailing list/);
  });

  it("a file that could not be read, to a list outside: send the mail without it", () => {
    const f = {
      rule: "uninspectable-to-external",
      action: "block",
      where,
      args: { issue: { code: "ENCRYPTED", path: "" }, recipients: to(120, 120, 1) },
    } as Finding;
    expect(adviceFor(f)).toMatch(
      /Unread, it would reach 120 people outside, those in Bcc included: send the mail without it/,
    );
    expect(adviceFor({ ...f, args: { ...f.args, recipients: to(1, 1, 1) } } as Finding)).not.toMatch(
      /people outside/,
    );
  });

  it("a scan (no recipients) gets the rule's advice alone", () => {
    expect(adviceFor(outside(to(0, 0, 0)))).toBe(
      "Check the recipient really needs these people's details; send only the columns needed, or share through an approved system.",
    );
  });

  it("visible recipients: those already in Bcc are counted, the rest told to follow", () => {
    const f: Finding = {
      rule: "visible-recipients",
      action: "warn",
      where: null,
      args: { recipients: to(45, 45, 30) },
    };
    expect(adviceFor(f)).toMatch(/15 recipients are in Bcc already; move the 30 in To and Cc there too/);
  });
});

describe("advice per reason a file could not be read", () => {
  // Typed by IssueCode: a reason added without its advice here fails tsc, and its advice must say
  // what fits that reason (the old advice told every cause to "send the file unencrypted").
  const FITS: Record<IssueCode, RegExp> = {
    ENCRYPTED: /password/,
    CORRUPT: /save it again/,
    TOO_LARGE: /smaller extract/,
    ZIP_BOMB: /archive/,
    TOO_DEEP: /inner files/,
    DTD_REFUSED: /DTD/,
    UNSUPPORTED: /spreadsheet, CSV or Word/,
    TIMEOUT: /split it into smaller files/,
    UNAVAILABLE: /copy of the file itself/,
  };
  it.each(Object.entries(FITS) as [IssueCode, RegExp][])("%s", (code, fits) => {
    for (const rule of ["uninspectable-to-external", "uninspectable-internal"] as const) {
      const advice = adviceFor({
        rule,
        action: "block",
        where,
        args: { issue: { code, path: "" }, recipients: to(1, 1, 1) },
      } as Finding);
      expect(advice, rule).toMatch(fits);
      if (code !== "ENCRYPTED") expect(advice, rule).not.toMatch(/encrypt/i);
    }
  });
});

describe("what the advice says of overriding is true to the policy", () => {
  const sensitive = outside(to(1, 1, 1), "sensitive-to-external");
  it("says nothing of it where the policy is not known (a scan, SARIF)", () => {
    expect(adviceFor(sensitive)).not.toMatch(/overrid|justification/i);
  });
  it("no justification, where the policy does not list the rule", () => {
    expect(adviceFor(sensitive, { overridable: ["personal-data-to-external"] })).toMatch(
      /Under this policy no justification lifts it/,
    );
  });
  it("a justification, where the policy lists it", () => {
    const advice = adviceFor(sensitive, { overridable: ["sensitive-to-external"] });
    expect(advice).toMatch(/This policy lets a sender lift it with a written justification/);
    expect(advice).not.toMatch(/cannot be overridden|no justification/);
  });
  it("nothing for a warning, which needs no overriding", () => {
    const warn = { ...outside(to(1, 1, 1), "some-personal-data-to-external"), action: "warn" } as Finding;
    expect(adviceFor(warn, { overridable: [] })).not.toMatch(/justification/);
  });
});
