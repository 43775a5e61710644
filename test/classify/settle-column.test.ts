import { describe, expect, it } from "vitest";
import { settleColumn } from "../../src/classify/settle-column.js";
import type { DetectorPass } from "../../src/model/classified.js";
import type { Tag } from "../../src/model/tags.js";

/** A pass that gave evidence: `header` when its header matched, `values` when a value test passed. */
function pass(detector: string, tag: Tag, score: number, by: "header" | "values" | "both"): DetectorPass {
  const headerMatch = by === "values" ? null : detector;
  const evidence = {
    tag,
    detector,
    score,
    headerMatch,
    valueTest: by === "header" ? null : "test",
    valueShare: 1,
    sampled: 5,
  };
  return { detector, tag, headerMatch, tests: [], evidence, outcome: "tagged" };
}

describe("settleColumn", () => {
  it.each([
    {
      case: "the strongest evidence per tag stands",
      passes: [pass("a", "pii.name", 0.7, "values"), pass("b", "pii.name", 0.9, "values")],
      outcomes: ["weaker-same-tag", "tagged"],
      tags: ["pii.name"],
    },
    {
      case: "a header confirmed by values outweighs values alone for another tag",
      passes: [
        pass("name", "pii.name", 0.9, "values"),
        pass("ethnicity", "sensitive.ethnicity", 0.8, "both"),
      ],
      outcomes: ["header-preferred", "tagged"],
      tags: ["sensitive.ethnicity"],
    },
    {
      case: "a header alone does not outweigh values",
      passes: [pass("name", "pii.name", 0.9, "values"), pass("address", "pii.address", 0.6, "header")],
      outcomes: ["tagged", "tagged"],
      tags: ["pii.name", "pii.address"],
    },
    {
      case: "tags come strongest first, ties in the order their tag first stood",
      passes: [
        pass("a", "pii.name", 0.7, "values"),
        pass("b", "pii.phone", 0.9, "values"),
        pass("c", "pii.name", 0.9, "values"),
      ],
      outcomes: ["weaker-same-tag", "tagged", "tagged"],
      tags: ["pii.name", "pii.phone"],
    },
  ])("$case", ({ passes, outcomes, tags }) => {
    const settled = settleColumn(passes);
    expect(settled.passes.map((p) => p.outcome)).toEqual(outcomes);
    expect(settled.evidence.map((e) => e.tag)).toEqual(tags);
  });

  it("leaves passes the table ruled out as they are", () => {
    const out: DetectorPass = { ...pass("p", "pii.postcode", 0.9, "both"), outcome: "needs-person-context" };
    expect(settleColumn([out])).toEqual({ passes: [out], evidence: [] });
  });
});
