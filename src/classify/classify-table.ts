import type { ClassifiedColumn, ClassifiedTable, DetectorPass, TagEvidence } from "../model/classified.js";
import type { Ruleset } from "../model/ruleset.js";
import type { RawTable } from "../model/table.js";
import { applyTableContext } from "./apply-table-context.js";
import { ClassifyTimeout } from "./classify-timeout.js";
import { countPeople } from "./count-people.js";
import { findHeaderRow } from "./find-header-row.js";
import { maskValue } from "./mask-value.js";
import { profileColumn } from "./profile-column.js";
import { type ColumnInput, readColumns } from "./read-columns.js";
import { scoreColumn } from "./score-column.js";
import { settleColumn } from "./settle-column.js";
import { showHeader } from "./show-header.js";
import { turnSideways } from "./turn-sideways.js";
import { unwrapCell } from "./unwrap-cell.js";

/** `explain`: record on each column every detector's pass, from the numbers that decided its tags. */
export interface ClassifyOptions {
  explain?: boolean;
  /**
   * Whether the draft's time is up, asked before each column is scored; then classifyTable throws
   * ClassifyTimeout, which the caller turns into a TIMEOUT issue (as readers do with ScanTimeout).
   */
  late?: () => boolean;
}

/**
 * Tags every column of a table from its header and a bounded sample of its values: one pass per
 * detector and column, the table's context, then the strongest evidence per tag.
 */
export function classifyTable(
  given: RawTable,
  ruleset: Ruleset,
  options: ClassifyOptions = {},
): ClassifiedTable {
  const explain = options.explain === true;
  // A card laid out sideways (fields down column A) is read turned, so its rows are people.
  const table = turnSideways(given, ruleset);
  if (options.late?.()) throw new ClassifyTimeout();
  // Comments are `[cell, text]` rows: no header to find, and a first comment is not one.
  // Excel-safe writings (`="07700 900123"`) are read as the values they wrap.
  const sample = table.sample.map((row) => row.map(unwrapCell));
  const position = table.origin === "comments" ? null : findHeaderRow(sample, ruleset, options.late);
  const inputs = readColumns({ ...table, sample }, position, ruleset);
  const late = options.late;
  // One column's passes take at most a few milliseconds, so a wide table stops near the deadline.
  const scored = inputs.map((c) => {
    if (late?.()) throw new ClassifyTimeout();
    return {
      ...c,
      passes: ruleset.detectors.map((d) =>
        scoreColumn(d, c.tokens, c.values, { exact: explain, series: c.series }),
      ),
    };
  });
  const inContext = applyTableContext(scored, ruleset);
  const hiddenColumns = new Set(table.hiddenColumns);
  const columns = inputs
    .map((c, i) => ({ input: c, ...settleColumn(inContext[i]) }))
    .filter(({ input }) => (input.header ?? "") !== "" || input.values.length > 0)
    .map(({ input, passes, evidence }) =>
      toColumn(input, evidence, hiddenColumns.has(input.index), ruleset, explain ? passes : undefined),
    );
  const dataStart = position === null ? 0 : position.row + 1;
  const hiddenAbove = table.sampleHidden.slice(0, dataStart).filter(Boolean).length;
  const { sample: _s, sampleHidden: _h, ...raw } = table;
  const rows = Math.max(0, table.rowCount - dataStart);
  return {
    raw,
    headerRow: position?.row ?? null,
    rows,
    hiddenRows: Math.max(0, table.hiddenRowCount - hiddenAbove),
    people: countPeople(table, position?.row ?? null, rows),
    columns,
  };
}

function toColumn(
  input: ColumnInput,
  evidence: TagEvidence[],
  hidden: boolean,
  ruleset: Ruleset,
  passes: DetectorPass[] | undefined,
): ClassifiedColumn {
  const tags = evidence.map((e) => e.tag);
  // What reports may print: a header row that is really data shows masked (see show-header.ts).
  const shown = (header: string | null) => showHeader(header, input.values, tags, ruleset);
  return {
    index: input.index,
    header: shown(input.header),
    hidden,
    tags,
    evidence,
    profile: profileColumn(input.cells, input.series),
    maskedSamples:
      tags.length === 0 ? [] : [...new Set(input.values)].slice(0, 3).map((v) => maskValue(v, tags[0])),
    ...(passes === undefined
      ? {}
      : {
          explanation: {
            headerRead: shown(input.headerRead),
            // The words of a masked header are its cells' words: not for a report either.
            headerTokens: shown(input.headerRead) === input.headerRead ? input.tokens : [],
            passes,
          },
        }),
  };
}
