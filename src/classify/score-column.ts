import type { DetectorPass, TagEvidence, TestPass } from "../model/classified.js";
import type { Detector, ValueTest } from "../model/ruleset.js";
import { containsPhrase } from "../ruleset/normalise-header.js";
import { matchHeader } from "./match-header.js";

/**
 * Weighs one detector's evidence for one column: a header match, and the share of sampled values
 * that pass each value test. The pass's `evidence` is set when that is enough for the tag. With
 * `exact`, every test counts every value (for explaining); otherwise a test stops once its misses
 * rule it out, which decides the same but leaves `hits` short on failed tests.
 */
export function scoreColumn(
  detector: Detector,
  headerTokens: string[],
  values: string[],
  exact = false,
): DetectorPass {
  const pass = (outcome: DetectorPass["outcome"], headerMatch: string | null = null): DetectorPass => ({
    detector: detector.id,
    tag: detector.tag,
    headerMatch,
    tests: [],
    evidence: null,
    outcome,
  });
  if (detector.headerless && headerTokens.length > 0) return pass("headerless");
  // A header the detector excludes ("Ward" for town names) rules the column out, values and all.
  if (detector.headerExclude.some((phrase) => containsPhrase(headerTokens, phrase)))
    return pass("header-excluded");
  const headerMatch = matchHeader(detector, headerTokens);
  const distinct = lazyDistinct(values);
  const tests = detector.values.map((test) => runTest(test, values, headerMatch !== null, distinct, exact));
  let best: TagEvidence | null = null;
  for (const [i, t] of tests.entries()) {
    if (t.outcome !== "passed") continue;
    const share = t.hits / values.length;
    // Header and values agreeing is the strongest evidence; values alone are scaled by their share.
    const score = headerMatch !== null ? 0.6 + 0.4 * share : 0.4 + 0.5 * share;
    if (best === null || score > best.score)
      best = evidence(detector, round(score), headerMatch, detector.values[i].label, share, values.length);
  }
  // A header alone decides for data with no recognisable shape, and for an empty column, whose
  // header is all there is to go on (an `Address 2` nobody filled in is still an address field).
  if (best === null && headerMatch !== null && (detector.headerAlone || values.length === 0))
    best = evidence(detector, values.length === 0 ? 0.5 : 0.6, headerMatch, null, 0, values.length);
  return { ...pass(best === null ? "no-evidence" : "tagged", headerMatch), tests, evidence: best };
}

/** Runs one value test over the sampled values and says how it fared. */
function runTest(
  test: ValueTest,
  values: string[],
  headerMatched: boolean,
  distinct: () => number,
  exact: boolean,
): TestPass {
  const result = (outcome: TestPass["outcome"], hits = 0): TestPass => ({
    label: test.label,
    hits,
    sampled: values.length,
    minShare: test.minShare,
    needsHeader: test.needsHeader,
    outcome,
  });
  if (test.needsHeader && !headerMatched) return result("needs-header");
  if (values.length === 0) return result("no-values");
  const fewDistinct = test.minDistinct > 1 && values.length >= 10 && distinct() < test.minDistinct;
  if (fewDistinct && !exact) return result("too-few-distinct");
  // Stop as soon as the misses rule the test out: most tests fail on most columns.
  const allowedMisses = Math.floor((1 - test.minShare) * values.length);
  let hits = 0;
  let misses = 0;
  for (const value of values) {
    if (test.test(value)) hits++;
    else if (++misses > allowedMisses && !exact) break;
  }
  if (fewDistinct) return result("too-few-distinct", hits);
  return result(misses > allowedMisses ? "below-share" : "passed", hits);
}

/** Counts distinct values once, and only if a test asks. */
function lazyDistinct(values: string[]): () => number {
  let distinct: number | undefined;
  return () => {
    distinct ??= new Set(values).size;
    return distinct;
  };
}

function evidence(
  detector: Detector,
  score: number,
  headerMatch: string | null,
  valueTest: string | null,
  share: number,
  sampled: number,
): TagEvidence {
  return {
    tag: detector.tag,
    detector: detector.id,
    score,
    headerMatch,
    valueTest,
    valueShare: round(share),
    sampled,
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;
