import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClassifiedColumn, ClassifiedTable } from "../../src/model/classified.js";
import type { Tag } from "../../src/model/tags.js";
import type { InspectedAttachment } from "../../src/model/verdict.js";
import { classifyRecipients } from "../../src/policy/classify-recipients.js";
import { decide, strongest } from "../../src/policy/decide.js";
import { testEngine } from "../helpers/rules.js";

const { policy } = testEngine();

function column(index: number, tags: Tag[], hidden = false): ClassifiedColumn {
  return {
    index,
    header: `c${index}`,
    hidden,
    tags,
    evidence: [],
    profile: { kind: "text", nonEmpty: 1, emptyShare: 0, distinct: 1 },
    maskedSamples: [],
  };
}

function table(rows: number, tags: Tag[][], extra: Partial<ClassifiedTable["raw"]> = {}): ClassifiedTable {
  return {
    raw: {
      name: "Sheet1",
      origin: "sheet",
      state: "visible",
      rowCount: rows + 1,
      hiddenRowCount: 0,
      hiddenColumns: [],
      ...extra,
    },
    headerRow: 0,
    rows,
    hiddenRows: 0,
    people: rows,
    columns: tags.map((t, i) => column(i, t)),
  };
}

const attachment = (tables: ClassifiedTable[], filename = "a.xlsx"): InspectedAttachment => ({
  filename,
  type: "xlsx",
  status: "inspected",
  issues: [],
  size: 1,
  tables,
});

const recipients = (addresses: string[], field: "to" | "bcc" = "to") =>
  classifyRecipients(
    addresses.map((address) => ({ address, field })),
    ["office@party.org.uk"],
    policy,
  );

const rules = (v: { findings: { rule: string }[] }) => v.findings.map((f) => f.rule).sort();

describe("decide under the default policy", () => {
  const voters = attachment([table(8500, [["pii.name"], ["sensitive.political_opinion"]])]);
  const results = attachment([table(600, [[], ["sensitive.political_opinion"], []])]);

  it.each([
    [
      "special-category data about people, outside",
      [voters],
      ["news@radio.example"],
      "block",
      ["personal-data-to-external", "sensitive-to-external"],
    ],
    ["the same to a colleague", [voters], ["agent@party.org.uk"], "allow", []],
    ["to a subdomain colleague", [voters], ["x@office.party.org.uk"], "allow", []],
    ["a table about no one, outside", [results], ["news@radio.example"], "allow", []],
    [
      "5 people outside",
      [attachment([table(5, [["pii.email"]])])],
      ["a@b.example"],
      "warn",
      ["some-personal-data-to-external"],
    ],
    [
      "9 + 1 people in two tables outside",
      [attachment([table(9, [["pii.name"]]), table(1, [["pii.phone"]])])],
      ["a@b.example"],
      "block",
      ["personal-data-to-external", "personal-data-to-external"],
    ],
  ] as const)("%s -> %s", (_what, attachments, to, verdict, expected) => {
    const v = decide([...attachments], recipients([...to]), policy, "send");
    expect(v.action).toBe(verdict);
    expect(rules(v)).toEqual([...expected].sort());
  });

  it("blocks personal data to 20 recipients with one external, warns if all internal", () => {
    const list = attachment([table(3, [["pii.email"]])]);
    const internal = Array.from({ length: 20 }, (_, i) => `p${i}@party.org.uk`);
    expect(rules(decide([list], recipients(internal, "bcc"), policy, "send"))).toEqual([
      "personal-data-internal-many",
    ]);
    const mixed = [...internal.slice(1), "x@outside.example"];
    expect(decide([list], recipients(mixed, "bcc"), policy, "send").findings.map((f) => f.rule)).toContain(
      "personal-data-to-many",
    );
  });

  it("warns about 20 visible recipients with any attachment", () => {
    const plain = attachment([table(3, [[]])]);
    const to = Array.from({ length: 20 }, (_, i) => `p${i}@party.org.uk`);
    expect(rules(decide([plain], recipients(to), policy, "send"))).toEqual(["visible-recipients"]);
    expect(rules(decide([plain], recipients(to, "bcc"), policy, "send"))).toEqual([]);
  });

  it("judges an uninspectable attachment by where it goes", () => {
    const locked: InspectedAttachment = {
      ...attachment([]),
      status: "uninspectable",
      reason: { code: "ENCRYPTED", path: "" },
    };
    expect(decide([locked], recipients(["a@b.example"]), policy, "send").action).toBe("block");
    expect(decide([locked], recipients(["a@party.org.uk"]), policy, "send").action).toBe("warn");
  });

  it("names where personal data is hidden", () => {
    const hidden = attachment([table(3, [["pii.name"]], { state: "veryHidden", name: "Staff" })]);
    const v = decide([hidden], recipients(["a@party.org.uk"]), policy, "send");
    expect(v.findings).toEqual([
      expect.objectContaining({
        rule: "hidden-personal-data",
        where: { attachment: "a.xlsx", table: "Staff" },
        args: { rows: 3, hidden: [{ kind: "sheet", state: "veryHidden" }] },
      }),
    ]);
  });

  it("treats every scanned file as sent outside", () => {
    expect(decide([voters], [], policy, "scan").action).toBe("block");
    expect(decide([results], [], policy, "scan").action).toBe("allow");
  });

  it("judges a draft with no recipients yet as sent to one outsider, and records that it did", () => {
    const unaddressed = decide([voters], [], policy, "send");
    expect(unaddressed.action).toBe("block");
    expect(rules(unaddressed)).toEqual(["personal-data-to-external", "sensitive-to-external"]);
    expect(unaddressed.noRecipients).toBe(true);
    const few = decide([attachment([table(5, [["pii.email"]])])], [], policy, "send");
    expect(rules(few)).toEqual(["some-personal-data-to-external"]);
    expect(decide([voters], recipients(["agent@party.org.uk"]), policy, "send").noRecipients).toBeUndefined();
    expect(decide([voters], [], policy, "scan").noRecipients).toBeUndefined();
  });
});

describe("decide, properties", () => {
  const tagArb = fc.constantFrom<Tag[]>(
    [],
    ["pii.name"],
    ["pii.email"],
    ["sensitive.health"],
    ["sensitive.profile", "pii.postcode"],
  );
  const tableArb = fc
    .tuple(fc.integer({ min: 0, max: 50 }), fc.array(tagArb, { maxLength: 4 }))
    .map(([rows, tags]) => table(rows, tags));
  const addressArb = fc.constantFrom(
    "a@party.org.uk",
    "b@sub.party.org.uk",
    "c@other.example",
    "d@news.example",
    "e@party.org.uk",
  );

  it("adding an external recipient never weakens a verdict", () => {
    fc.assert(
      fc.property(
        fc.array(tableArb, { maxLength: 3 }),
        fc.array(addressArb, { maxLength: 25 }),
        (tables, to) => {
          const atts = [attachment(tables)];
          const before = decide(atts, recipients(to), policy, "send").action;
          const after = decide(atts, recipients([...to, "new@outside.example"]), policy, "send").action;
          expect(strongest([before, after])).toBe(after);
        },
      ),
    );
  });
});
