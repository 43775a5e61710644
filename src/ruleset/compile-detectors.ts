import type { Detector, Ruleset, ValueTest } from "../model/ruleset.js";
import { VALIDATORS } from "../validators/index.js";
import type { ContextFile, DetectorSpec } from "./detector-schema.js";
import { matchDictionary, wordsOf as words } from "./match-dictionary.js";
import { matchMailDomain } from "./match-mail-domain.js";
import { normaliseHeader } from "./normalise-header.js";

type ValueTestSpec = DetectorSpec["values"][number];

function compileValueTest(spec: ValueTestSpec): ValueTest {
  const exclude = new Set(spec.excludeWords.map((w) => w.toLowerCase()));
  const excluded = exclude.size === 0 ? () => false : (v: string) => words(v).some((w) => exclude.has(w));
  let label: string;
  let matches: (value: string) => boolean;
  if (spec.pattern !== undefined) {
    const re = new RegExp(spec.pattern, "iu");
    label = `pattern /${spec.pattern}/`;
    matches = (v) => re.test(v);
  } else if (spec.validator !== undefined) {
    label = `validator ${spec.validator}`;
    matches = VALIDATORS[spec.validator];
  } else {
    const entries = spec.dictionary ?? [];
    label = `dictionary of ${new Set(entries.map((w) => w.toLowerCase())).size} (${spec.dictionaryMatch})`;
    matches = matchDictionary(entries, spec.dictionaryMatch, spec.modifiers);
  }
  return {
    label,
    test: (value) => matches(value) && !excluded(value),
    minShare: spec.minShare,
    needsHeader: spec.needsHeader,
    minDistinct: spec.minDistinct,
  };
}

/**
 * Compiles validated detector specs into matchers; regular expressions are built once here. The
 * public mailbox providers (the policy's list) tell a person's own address from an organisation's.
 */
export function compileDetectors(
  specs: Omit<DetectorSpec, "examples">[],
  context: ContextFile,
  publicMailDomains: readonly string[] = [],
): Ruleset {
  const detectors: Detector[] = specs.map((spec) => ({
    id: spec.id,
    tag: spec.tag,
    description: spec.description,
    headerPhrases: spec.header.phrases.map(normaliseHeader),
    headerPatterns: spec.header.patterns.map((p) => new RegExp(p, "iu")),
    headerExclude: spec.header.exclude.map(normaliseHeader),
    headerAlone: spec.headerAlone,
    needsPersonContext: spec.needsPersonContext,
    needsSensitiveContext: spec.needsSensitiveContext,
    headerless: spec.headerless,
    identifiesPeople: spec.identifiesPeople,
    weakIdentifier: spec.weakIdentifier,
    values: spec.values.map(compileValueTest),
  }));
  return {
    detectors,
    organisationHeaders: context.organisationHeaders.map(normaliseHeader),
    organisationWords: new Set(context.organisationWords.map((w) => w.toLowerCase())),
    publicOfficeHeaders: context.publicOfficeHeaders.map(normaliseHeader),
    isPublicMailDomain: matchMailDomain(publicMailDomains),
  };
}
