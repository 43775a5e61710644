import type { ClassifiedTable } from "../model/classified.js";
import type { Ruleset } from "../model/ruleset.js";
import type { RawTable } from "../model/table.js";
import { normaliseHeader } from "../ruleset/normalise-header.js";
import { classifyTable, columnValues } from "./classify-table.js";
import { matchHeader } from "./match-header.js";

/** How one value test of a detector fared on a column. */
export interface TestOutcome {
  label: string;
  share: number;
  minShare: number;
  needsHeader: boolean;
  passed: boolean;
}

/** One detector's evidence on a column, whether or not it was enough. */
export interface DetectorOutcome {
  detector: string;
  tag: string;
  headerMatch: string | null;
  tests: TestOutcome[];
}

/** A table's classification plus, per column, every detector that saw something. */
export interface TableExplanation {
  table: ClassifiedTable;
  columns: { index: number; outcomes: DetectorOutcome[] }[];
}

/**
 * Explains a table's classification: for each column, the detectors whose header matched or
 * whose values came near their threshold, with shares against thresholds. For people
 * writing detectors and for finding out why a column was or was not tagged.
 */
export function explainTable(raw: RawTable, ruleset: Ruleset): TableExplanation {
  const table = classifyTable(raw, ruleset);
  const columns = table.columns.map((column) => {
    const values = columnValues(raw, table.headerRow, column.index);
    const tokens = column.header === null ? [] : normaliseHeader(column.header);
    const outcomes: DetectorOutcome[] = [];
    for (const detector of ruleset.detectors) {
      const headerMatch = matchHeader(detector, tokens);
      const tests = detector.values.map((test) => {
        const hits = values.filter((v) => test.test(v)).length;
        const share = values.length === 0 ? 0 : Math.round((hits / values.length) * 100) / 100;
        const varied =
          test.minDistinct <= 1 || values.length < 10 || new Set(values).size >= test.minDistinct;
        const passed = share >= test.minShare && varied && (!test.needsHeader || headerMatch !== null);
        return { label: test.label, share, minShare: test.minShare, needsHeader: test.needsHeader, passed };
      });
      // Near misses worth reading: the header matched, or values alone came within half the threshold.
      if (headerMatch !== null || tests.some((t) => !t.needsHeader && t.share >= t.minShare / 2)) {
        outcomes.push({ detector: detector.id, tag: detector.tag, headerMatch, tests });
      }
    }
    return { index: column.index, outcomes };
  });
  return { table, columns };
}
