import type { DetectorPass, TagEvidence } from "../model/classified.js";
import type { Tag } from "../model/tags.js";

/** A pass still tagged after the table context, with its evidence. */
type Standing = DetectorPass & { evidence: TagEvidence };

/**
 * Settles a column's tags from the passes the table context left standing: a header that says what
 * the column is, confirmed by its values, outweighs value evidence alone for another tag ("White
 * British" under `Ethnicity` is not a surname, a locality under `Address 2` not a name); then the
 * strongest evidence per tag stands. Returns the passes with their final outcomes and the evidence
 * that stands, strongest first.
 */
export function settleColumn(passes: DetectorPass[]): { passes: DetectorPass[]; evidence: TagEvidence[] } {
  const standing = passes.filter((p): p is Standing => p.outcome === "tagged" && p.evidence !== null);
  const preferHeader = standing.some((p) => p.evidence.headerMatch !== null && p.evidence.valueTest !== null);
  const valuesOnly = (p: DetectorPass) => preferHeader && p.evidence?.headerMatch === null;
  const best = new Map<Tag, Standing>();
  for (const p of standing) {
    if (valuesOnly(p)) continue;
    const current = best.get(p.tag);
    if (current === undefined || p.evidence.score > current.evidence.score) best.set(p.tag, p);
  }
  const winners = new Set<DetectorPass>(best.values());
  const settled = passes.map((p): DetectorPass => {
    if (p.outcome !== "tagged" || winners.has(p)) return p;
    return { ...p, outcome: valuesOnly(p) ? "header-preferred" : "weaker-same-tag" };
  });
  const evidence = [...best.values()].map((p) => p.evidence).sort((a, b) => b.score - a.score);
  return { passes: settled, evidence };
}
