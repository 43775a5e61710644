import type { TagEvidence } from "../model/classified.js";
import type { Detector } from "../model/ruleset.js";
import { containsPhrase } from "../ruleset/normalise-header.js";
import { matchHeader } from "./match-header.js";

/**
 * Weighs one detector's evidence for one column: a header match, and the share of sampled values
 * that pass each value test. Returns the evidence when it is enough for the tag, else null.
 */
export function scoreColumn(
  detector: Detector,
  headerTokens: string[],
  values: string[],
): TagEvidence | null {
  if (detector.headerless && headerTokens.length > 0) return null;
  // A header the detector excludes ("Ward" for town names) rules the column out, values and all.
  if (detector.headerExclude.some((phrase) => containsPhrase(headerTokens, phrase))) return null;
  const headerMatch = matchHeader(detector, headerTokens);
  let best: TagEvidence | null = null;
  let distinct: number | undefined;
  for (const test of detector.values) {
    if (test.needsHeader && headerMatch === null) continue;
    if (values.length === 0) continue;
    if (test.minDistinct > 1 && values.length >= 10) {
      distinct ??= new Set(values).size;
      if (distinct < test.minDistinct) continue;
    }
    // Stop as soon as the misses rule the test out: most tests fail on most columns.
    const allowedMisses = Math.floor((1 - test.minShare) * values.length);
    let hits = 0;
    let misses = 0;
    for (const value of values) {
      if (test.test(value)) hits++;
      else if (++misses > allowedMisses) break;
    }
    if (misses > allowedMisses) continue;
    const share = hits / values.length;
    // Header and values agreeing is the strongest evidence; values alone are scaled by their share.
    const score = headerMatch !== null ? 0.6 + 0.4 * share : 0.4 + 0.5 * share;
    if (best === null || score > best.score) {
      best = {
        tag: detector.tag,
        detector: detector.id,
        score: round(score),
        headerMatch,
        valueTest: test.label,
        valueShare: round(share),
        sampled: values.length,
      };
    }
  }
  // A header alone decides for data with no recognisable shape, and for an empty column, whose
  // header is all there is to go on (an `Address 2` nobody filled in is still an address field).
  if (best === null && headerMatch !== null && (detector.headerAlone || values.length === 0)) {
    best = {
      tag: detector.tag,
      detector: detector.id,
      score: values.length === 0 ? 0.5 : 0.6,
      headerMatch,
      valueTest: null,
      valueShare: 0,
      sampled: values.length,
    };
  }
  return best;
}

const round = (n: number): number => Math.round(n * 100) / 100;
