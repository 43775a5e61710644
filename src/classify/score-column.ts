import type { DetectorPass, NumericSeries, TagEvidence, TestPass } from "../model/classified.js";
import type { Detector, ValueTest } from "../model/ruleset.js";
import { containsPhrase } from "../ruleset/normalise-header.js";
import { matchHeader } from "./match-header.js";

/** How a column is scored: `exact` counts every value (for explaining); `series` is its numeric series. */
export interface ScoreOptions {
  exact?: boolean;
  series?: NumericSeries | null;
}

/**
 * Weighs one detector's evidence for one column: a header match, and the share of sampled values
 * that pass each value test. The pass's `evidence` is set when that is enough for the tag. With
 * `exact`, every test counts every value (for explaining); otherwise a test stops once its misses
 * rule it out, which decides the same but leaves `hits` short on failed tests. A numeric series
 * (invoice numbers, timestamps) gives no value evidence unless the header matches.
 */
export function scoreColumn(
  detector: Detector,
  headerTokens: string[],
  values: string[],
  options: ScoreOptions = {},
): DetectorPass {
  const exact = options.exact === true;
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
  const tally = tallyOf(values);
  const series = headerMatch === null && (options.series ?? null) !== null;
  const tests = detector.values.map((test) =>
    series
      ? testResult(test, values.length, "numeric-series")
      : runTest(test, tally, headerMatch !== null, exact),
  );
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

/**
 * Runs one value test over the sampled values and says how it fared. Each distinct value is
 * tested once and counts as often as it occurs: a column of party codes or MOSAIC groups repeats
 * a few dozen values over 500 rows, and every detector tested each row before.
 */
function runTest(test: ValueTest, tally: Tally, headerMatched: boolean, exact: boolean): TestPass {
  const sampled = tally.total;
  const result = (outcome: TestPass["outcome"], hits = 0) => testResult(test, sampled, outcome, hits);
  if (test.needsHeader && !headerMatched) return result("needs-header");
  if (sampled === 0) return result("no-values");
  const needed = requiredDistinct(test.minDistinct, sampled);
  const fewDistinct = needed > 1 && tally.values.length < needed;
  if (fewDistinct && !exact) return result("too-few-distinct");
  // Stop as soon as the misses rule the test out: most tests fail on most columns.
  const allowedMisses = allowedMissesOf(test.minShare, sampled);
  let hits = 0;
  let misses = 0;
  for (let i = 0; i < tally.values.length; i++) {
    if (test.test(tally.values[i])) {
      hits += tally.counts[i];
      continue;
    }
    misses += tally.counts[i];
    if (misses > allowedMisses && !exact) break;
  }
  if (fewDistinct) return result("too-few-distinct", hits);
  return result(misses > allowedMisses ? "below-share" : "passed", hits);
}

function testResult(test: ValueTest, sampled: number, outcome: TestPass["outcome"], hits = 0): TestPass {
  return {
    label: test.label,
    hits,
    sampled,
    minShare: test.minShare,
    needsHeader: test.needsHeader,
    outcome,
  };
}

/**
 * What "convincing" means for a small list (a branch's 6 contacts): the share must hold as for a
 * long one, but from 5 values up one odd value ("n/a", "ex-directory") is always forgiven, which
 * a share of 95% alone would not forgive below 20 values.
 */
export function allowedMissesOf(minShare: number, sampled: number): number {
  const byShare = Math.floor((1 - minShare) * sampled + 1e-9);
  return minShare < 1 && sampled >= 5 ? Math.max(1, byShare) : byShare;
}

/**
 * Distinct values a test needs: its `minDistinct` from 10 values up; below that, as many as three
 * quarters of the values allow (`M, F, M, F` is no set of MOSAIC groups however short the list),
 * and nothing for one or two values.
 */
export function requiredDistinct(minDistinct: number, sampled: number): number {
  if (minDistinct <= 1 || sampled < 3) return 1;
  return sampled >= 10 ? minDistinct : Math.min(minDistinct, Math.ceil(0.75 * sampled));
}

/** A column's distinct values in order of first appearance, with how often each occurs. */
interface Tally {
  values: string[];
  counts: number[];
  total: number;
}

// Every detector scores the same column: its tally is counted once, for the first.
const tallies = new WeakMap<readonly string[], Tally>();

function tallyOf(values: readonly string[]): Tally {
  let tally = tallies.get(values);
  if (tally !== undefined) return tally;
  const at = new Map<string, number>();
  tally = { values: [], counts: [], total: values.length };
  for (const value of values) {
    const i = at.get(value);
    if (i !== undefined) tally.counts[i]++;
    else {
      at.set(value, tally.values.length);
      tally.values.push(value);
      tally.counts.push(1);
    }
  }
  tallies.set(values, tally);
  return tally;
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
