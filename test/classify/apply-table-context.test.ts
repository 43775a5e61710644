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
  ])("$case", ({ columns, expected }) => {
    expect(outcomes(columns)).toEqual(expected);
  });

  it("leaves passes that gave no evidence as they are", () => {
    const none: DetectorPass = { ...pass("uk-postcode"), evidence: null, outcome: "no-evidence" };
    expect(applyTableContext([{ header: "Postcode", values: [], passes: [none] }], ruleset)).toEqual([
      [none],
    ]);
  });
});
