import type { Detector } from "../model/ruleset.js";
import { containsPhrase } from "../ruleset/normalise-header.js";

/** Returns the phrase or pattern of `detector` that the normalised header matches, or null. */
export function matchHeader(detector: Detector, tokens: string[]): string | null {
  if (tokens.length === 0) return null;
  if (detector.headerExclude.some((phrase) => containsPhrase(tokens, phrase))) return null;
  for (const phrase of detector.headerPhrases) {
    if (containsPhrase(tokens, phrase)) return phrase.join(" ");
  }
  const joined = tokens.join(" ");
  for (const pattern of detector.headerPatterns) {
    if (pattern.test(joined)) return `/${pattern.source}/`;
  }
  return null;
}
