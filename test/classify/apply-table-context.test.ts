import { describe, expect, it } from "vitest";
import { applyTableContext, type ContextColumn } from "../../src/classify/apply-table-context.js";
import type { DetectorPass } from "../../src/model/classified.js";
import { testEngine } from "../helpers/rules.js";

// The classifier's table-level policy alone: which tags stand beside which. Each column is given as
// its header, the detectors whose evidence it has, and (for untagged columns) its values.
const { ruleset } = testEngine();

function pass(detector: string): DetectorPass {
  const d = ruleset.detectors.find((x) => x.id === detector);
  if (d === undefined) throw new Error(`no detector ${detector}`);
  const evidence = {
    tag: d.tag,
    detector,
    score: 0.9,
    headerMatch: null,
    valueTest: null,
    valueShare: 1,
    sampled: 5,
  };
  return { detector, tag: d.tag, headerMatch: null, tests: [], evidence, outcome: "tagged" };
}

const column = (header: string | null, detectors: string[], values: string[] = []): ContextColumn => ({
  header,
  values,
  passes: detectors.map(pass),
});

/** Each column's outcomes, detector by detector. */
const outcomes = (columns: ContextColumn[]) =>
  applyTableContext(columns, ruleset).map((passes) => passes.map((p) => `${p.detector}: ${p.outcome}`));

describe("applyTableContext", () => {
  it.each([
    {
      case: "a postcode beside no one is a place's",
      columns: [column("Building", []), column("Postcode", ["uk-postcode"])],
      expected: [[], ["uk-postcode: needs-person-context"]],
    },
    {
      case: "an address and postcode beside a name are a person's",
      columns: [
        column("Surname", ["person-name"]),
        column("Address", ["postal-address"]),
        column("Postcode", ["uk-postcode"]),
      ],
      expected: [["person-name: tagged"], ["postal-address: tagged"], ["uk-postcode: tagged"]],
    },
    {
      case: "a phone identifies people in a list of people",
      columns: [column("Tel", ["uk-phone"]), column("Postcode", ["uk-postcode"])],
      expected: [["uk-phone: tagged"], ["uk-postcode: tagged"]],
    },
    {
      case: "a phone is a switchboard in a list of organisations by header",
      columns: [column("Organisation", []), column("Tel", ["uk-phone"]), column("Postcode", ["uk-postcode"])],
      expected: [[], ["uk-phone: organisation-list"], ["uk-postcode: needs-person-context"]],
    },
    {
      case: "a role mailbox in a list of organisations by their values",
      columns: [
        column("Who", [], ["Crewe Library", "Acme Ltd", "St Mary's Church"]),
        column("Email", ["email"]),
      ],
      expected: [[], ["email: organisation-list"]],
    },
    {
      case: "a name column makes the phones people's, whatever the other headers say",
      columns: [column("Organisation", []), column("Contact", ["person-name"]), column("Tel", ["uk-phone"])],
      expected: [[], ["person-name: tagged"], ["uk-phone: tagged"]],
    },
    {
      case: "a tagged column's values are not read for organisation words",
      columns: [
        column("Address", ["postal-address"], ["1 Oak Court", "2 Oak Court"]),
        column("Tel", ["uk-phone"]),
      ],
      expected: [["postal-address: tagged"], ["uk-phone: tagged"]],
    },
    {
      case: "a name by shape alone needs special-category data beside it",
      columns: [column(null, ["name-shape"]), column(null, ["uk-postcode"])],
      expected: [["name-shape: needs-sensitive-context"], ["uk-postcode: needs-person-context"]],
    },
    {
      case: "beside voting intention, a name by shape stands and identifies",
      columns: [
        column(null, ["name-shape"]),
        column(null, ["uk-postcode"]),
        column(null, ["voting-intention"]),
      ],
      expected: [["name-shape: tagged"], ["uk-postcode: tagged"], ["voting-intention: tagged"]],
    },
    {
      case: "a profile is not the special category a name by shape needs",
      columns: [column(null, ["name-shape"]), column(null, ["mosaic"])],
      expected: [["name-shape: needs-sensitive-context"], ["mosaic: tagged"]],
    },
    {
      case: "a house's address beside voting intention is a household's, with no name",
      columns: [
        column("Address", ["postal-address"], ["12 Mill Lane", "14 Mill Lane", "3 Church Street"]),
        column("VI", ["voting-intention"]),
      ],
      expected: [["postal-address: tagged"], ["voting-intention: tagged"]],
    },
    {
      case: "a place's address (no house number) beside a party is no household",
      columns: [
        column("Address", ["postal-address"], ["Market Square", "Mill Street", "Church Lane"]),
        column("Party", ["voting-intention"]),
      ],
      expected: [["postal-address: needs-person-context"], ["voting-intention: tagged"]],
    },
    {
      case: "people's own mailboxes identify them in a table with an organisation-like column",
      columns: [
        column("Branch", [], ["Crewe", "Nantwich", "Sandbach"]),
        column("Email", ["email"], ["jane.smith@gmail.com", "ravi.p@hotmail.co.uk", "tom@yahoo.co.uk"]),
        column("Postcode", ["uk-postcode"]),
      ],
      expected: [[], ["email: tagged"], ["uk-postcode: tagged"]],
    },
    {
      case: "organisations' own domains stay organisation mailboxes",
      columns: [
        column("Branch", [], ["Crewe", "Nantwich", "Sandbach"]),
        column("Email", ["email"], ["crewe@ourparty.org.uk", "nantwich@ourparty.org.uk", "jo@gmail.com"]),
      ],
      expected: [[], ["email: organisation-list"]],
    },
    {
      case: "a public list of MPs with their party is public record",
      columns: [
        column("Name", ["name-by-dictionary"]),
        column("Constituency", [], ["Crewe and Nantwich", "Congleton", "Tatton"]),
        column("Party", ["voting-intention"]),
      ],
      expected: [["name-by-dictionary: public-office"], [], ["voting-intention: public-office"]],
    },
    {
      case: "one constituency for all rows is a canvass, not a list of office holders",
      columns: [
        column("Name", ["name-by-dictionary"]),
        column("Constituency", [], ["Crewe and Nantwich", "Crewe and Nantwich", "Crewe and Nantwich"]),
        column("Party", ["voting-intention"]),
      ],
      expected: [["name-by-dictionary: tagged"], [], ["voting-intention: tagged"]],
    },
    {
      case: "small numbers beside street names without theirs are house numbers",
      columns: [
        column("No.", ["elector-number"], ["12", "14", "3a", "5"]),
        column("Street", ["postal-address"], ["Mill Lane", "Mill Lane", "Church Street", "Church Street"]),
        column("Surname", ["person-name"]),
      ],
      expected: [["elector-number: house-number"], ["postal-address: tagged"], ["person-name: tagged"]],
    },
  ])("$case", ({ columns, expected }) => {
    expect(outcomes(columns)).toEqual(expected);
  });

  it("does not let a header alone say more about a column whose values identify people", () => {
    const byValues = { ...pass("name-by-dictionary") };
    byValues.evidence = {
      ...(byValues.evidence as NonNullable<DetectorPass["evidence"]>),
      valueTest: "dictionary",
    };
    const byHeader = { ...pass("party-membership") };
    byHeader.evidence = {
      ...(byHeader.evidence as NonNullable<DetectorPass["evidence"]>),
      headerMatch: "member",
    };
    const [passes] = applyTableContext(
      [{ header: "Committee member", values: [], passes: [byValues, byHeader] }],
      ruleset,
    );
    expect(passes.map((p) => p.outcome)).toEqual(["tagged", "values-identify-people"]);
  });

  it("leaves passes that gave no evidence as they are", () => {
    const none: DetectorPass = { ...pass("uk-postcode"), evidence: null, outcome: "no-evidence" };
    expect(applyTableContext([{ header: "Postcode", values: [], passes: [none] }], ruleset)).toEqual([
      [none],
    ]);
  });
});
