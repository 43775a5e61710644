// Scores guard's classifier and default policy against the labelled set (fixtures/gen/labelled.ts):
// per-tag precision and recall at column level, verdict accuracy as `guard scan` would decide, and
// blocks of hard negatives. Reports print header texts, tags and evidence, never cell values.
import {
  type LabelledTable,
  type LabelledWriter,
  labelledFilename,
  writeLabelled,
} from "../../fixtures/gen/labelled.js";
import { type Engine, inspectFile } from "../../src/core.js";
import type { ClassifiedColumn } from "../../src/model/classified.js";
import { TAGS, type Tag } from "../../src/model/tags.js";

/** What guard made of one labelled table. */
export interface TableOutcome {
  table: LabelledTable;
  verdict: string;
  rules: string[];
  status: string;
  /** Column index -> the classifier's column (absent when it dropped an empty column). */
  got: Map<number, ClassifiedColumn>;
  headerRow: number | null;
}

/** One column error, for the misses list. */
export interface ColumnMiss {
  kind: "missed" | "extra";
  tag: Tag;
  header: string | null;
  /** The header the classifier read for the column, when it differs from the labelled one. */
  gotHeader?: string | null;
  tableKind: string;
  tableId: string;
  writer: LabelledWriter;
  traits: string[];
  /** For extra tags: what made the classifier say so (header phrase, value test, share). */
  evidence?: string;
  /** Tags the column did get. */
  gotTags: Tag[];
}

/** Counts for one tag. */
export interface TagCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** The benchmark's result. */
export interface AccuracyReport {
  outcomes: TableOutcome[];
  perTag: Map<Tag, TagCounts>;
  misses: ColumnMiss[];
  skipped: { writer: LabelledWriter; tables: number; reason: string }[];
}

/** External writers: writer -> id -> bytes, or a reason the writer is unavailable. */
export type ExternalBytes = Partial<
  Record<LabelledWriter, Map<string, Uint8Array> | { unavailable: string }>
>;

/** Writes, inspects and scores every table. */
export async function evaluate(
  tables: readonly LabelledTable[],
  engine: Engine,
  external: ExternalBytes = {},
): Promise<AccuracyReport> {
  const outcomes: TableOutcome[] = [];
  const skipped = new Map<LabelledWriter, { tables: number; reason: string }>();
  for (const table of tables) {
    let bytes = writeLabelled(table);
    if (bytes === null) {
      const ext = external[table.writer];
      if (ext === undefined || !(ext instanceof Map)) {
        const reason = ext?.unavailable ?? "no writer";
        const s = skipped.get(table.writer) ?? { tables: 0, reason };
        s.tables++;
        skipped.set(table.writer, s);
        continue;
      }
      bytes = ext.get(table.id) ?? null;
      if (bytes === null) throw new Error(`no bytes for ${table.id}`);
    }
    const verdict = await inspectFile(bytes, labelledFilename(table), engine);
    const attachment = verdict.attachments[0];
    const classified = attachment?.tables[0];
    outcomes.push({
      table,
      verdict: verdict.action,
      rules: [...new Set(verdict.findings.map((f) => f.rule))],
      status: attachment?.status ?? "missing",
      got: new Map((classified?.columns ?? []).map((c) => [c.index, c])),
      headerRow: classified?.headerRow ?? null,
    });
  }

  const perTag = new Map<Tag, TagCounts>(TAGS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const misses: ColumnMiss[] = [];
  for (const o of outcomes) {
    const labelled = new Set(o.table.columns.map((c) => c.index));
    const columns = [
      ...o.table.columns,
      // A column the classifier reports that the labels do not know (it should not happen).
      ...[...o.got.keys()]
        .filter((i) => !labelled.has(i))
        .map((index) => ({ index, header: o.got.get(index)?.header ?? null, tags: [], optional: [] })),
    ];
    for (const c of columns) {
      const got = o.got.get(c.index);
      const gotTags = got?.tags ?? [];
      const base = {
        header: c.header,
        gotHeader: got !== undefined && got.header !== c.header ? got.header : undefined,
        tableKind: o.table.kind,
        tableId: o.table.id,
        writer: o.table.writer,
        traits: o.table.traits,
        gotTags,
      };
      for (const tag of c.tags) {
        const counts = perTag.get(tag) as TagCounts;
        if (gotTags.includes(tag)) counts.tp++;
        else {
          counts.fn++;
          misses.push({ kind: "missed", tag, ...base });
        }
      }
      for (const tag of gotTags) {
        if (c.tags.includes(tag) || c.optional.includes(tag)) continue;
        (perTag.get(tag) as TagCounts).fp++;
        const e = got?.evidence.find((x) => x.tag === tag);
        const evidence = e
          ? `${e.detector}: header=${e.headerMatch ?? "-"} value=${short(e.valueTest ?? "-")}@${e.valueShare}`
          : undefined;
        misses.push({ kind: "extra", tag, ...base, evidence });
      }
    }
  }
  return {
    outcomes,
    perTag,
    misses,
    skipped: [...skipped].map(([writer, s]) => ({ writer, ...s })),
  };
}

/** Headline numbers (micro-averaged over tags). */
export interface AccuracySummary {
  tagsPrecision: number;
  tagsRecall: number;
  verdictAccuracy: number;
  hardNegativeBlocks: number;
  tables: number;
}

/** A value test's label cut to a readable length (patterns can be long). */
const short = (label: string): string => (label.length > 44 ? `${label.slice(0, 41)}...` : label);

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

/** The totals printed on the last line. */
export function summarise(report: AccuracyReport): AccuracySummary {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of report.perTag.values()) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  const right = report.outcomes.filter((o) => isRight(o)).length;
  return {
    tagsPrecision: ratio(tp, tp + fp),
    tagsRecall: ratio(tp, tp + fn),
    verdictAccuracy: ratio(right, report.outcomes.length),
    hardNegativeBlocks: report.outcomes.filter((o) => o.table.hardNegative && o.verdict === "block").length,
    tables: report.outcomes.length,
  };
}

const isRight = (o: TableOutcome): boolean => (o.table.acceptable as string[]).includes(o.verdict);

const f2 = (n: number): string => n.toFixed(2);
const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);

/** The printed report: per-tag table, verdicts by kind and writer, top misses, totals last. */
export function formatReport(report: AccuracyReport, opts: { topMisses?: number } = {}): string {
  const lines: string[] = [];
  for (const s of report.skipped)
    lines.push(`note: writer ${s.writer} skipped (${s.reason}): ${s.tables} tables not scored`);
  const tables = report.outcomes.length;
  const columns = report.outcomes.reduce((n, o) => n + o.table.columns.length, 0);
  lines.push(`labelled set: ${tables} tables, ${columns} columns`, "");

  lines.push(
    `${pad("tag", 30)}${lpad("support", 8)}${lpad("tp", 6)}${lpad("fp", 6)}${lpad("fn", 6)}${lpad("precision", 11)}${lpad("recall", 8)}${lpad("f1", 6)}`,
  );
  for (const [tag, c] of report.perTag) {
    if (c.tp + c.fp + c.fn === 0) {
      lines.push(
        `${pad(tag, 30)}${lpad(0, 8)}${lpad("-", 6)}${lpad("-", 6)}${lpad("-", 6)}${lpad("-", 11)}${lpad("-", 8)}${lpad("-", 6)}`,
      );
      continue;
    }
    const p = ratio(c.tp, c.tp + c.fp);
    const r = ratio(c.tp, c.tp + c.fn);
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    const flag = p < 0.95 || r < 0.95 ? "  <" : "";
    lines.push(
      `${pad(tag, 30)}${lpad(c.tp + c.fn, 8)}${lpad(c.tp, 6)}${lpad(c.fp, 6)}${lpad(c.fn, 6)}${lpad(f2(p), 11)}${lpad(f2(r), 8)}${lpad(f2(f1), 6)}${flag}`,
    );
  }

  // Per family (kind of export): verdicts, and the column errors behind them.
  lines.push(
    "",
    `${pad("by family", 36)}${lpad("tables", 7)}${lpad("right", 7)}${lpad("tag fn", 8)}${lpad("tag fp", 8)}  expected -> got (wrong ones)`,
  );
  for (const [kind, group] of groupBy(report.outcomes, (o) => o.table.kind)) {
    const right = group.filter(isRight).length;
    const wrong = countBy(
      group.filter((o) => !isRight(o)),
      (o) => `${o.table.expected}->${o.verdict}`,
    );
    const ms = report.misses.filter((m) => m.tableKind === kind);
    const fn = ms.filter((m) => m.kind === "missed").length;
    const fp = ms.filter((m) => m.kind === "extra").length;
    const neg = group[0].table.hardNegative ? " (hard negative)" : "";
    lines.push(
      `${pad(kind + neg, 36)}${lpad(group.length, 7)}${lpad(right, 7)}${lpad(fn, 8)}${lpad(fp, 8)}  ${wrong}`,
    );
  }

  lines.push(
    "",
    `${pad("by writer", 22)}${lpad("tables", 7)}${lpad("right", 7)}${lpad("tag fn", 8)}${lpad("tag fp", 8)}`,
  );
  for (const [writer, group] of groupBy(report.outcomes, (o) => o.table.writer)) {
    const ids = new Set(group.map((o) => o.table.id));
    const ms = report.misses.filter((m) => ids.has(m.tableId));
    lines.push(
      `${pad(writer, 22)}${lpad(group.length, 7)}${lpad(group.filter(isRight).length, 7)}${lpad(ms.filter((m) => m.kind === "missed").length, 8)}${lpad(ms.filter((m) => m.kind === "extra").length, 8)}`,
    );
  }
  lines.push(
    "",
    `${pad("by trait", 22)}${lpad("tables", 7)}${lpad("right", 7)}${lpad("tag fn", 8)}${lpad("tag fp", 8)}`,
  );
  const traits = [...new Set(report.outcomes.flatMap((o) => o.table.traits))].sort();
  for (const trait of traits) {
    const group = report.outcomes.filter((o) => o.table.traits.includes(trait));
    const ids = new Set(group.map((o) => o.table.id));
    const ms = report.misses.filter((m) => ids.has(m.tableId));
    lines.push(
      `${pad(trait, 22)}${lpad(group.length, 7)}${lpad(group.filter(isRight).length, 7)}${lpad(ms.filter((m) => m.kind === "missed").length, 8)}${lpad(ms.filter((m) => m.kind === "extra").length, 8)}`,
    );
  }

  // Misses grouped by tag, direction, header as written and kind of table.
  const top = opts.topMisses ?? 40;
  const grouped = groupBy(
    report.misses,
    (m) => `${m.kind}|${m.tag}|${m.header ?? "(no header)"}|${m.tableKind}`,
  );
  const ranked = [...grouped.values()].sort(
    (a, b) => b.length - a.length || keyOf(a[0]).localeCompare(keyOf(b[0])),
  );
  lines.push(
    "",
    `top misclassified columns (${ranked.length} distinct, showing ${Math.min(top, ranked.length)}):`,
  );
  for (const group of ranked.slice(0, top)) {
    const m = group[0];
    const header = m.header === null ? "(no header)" : JSON.stringify(m.header);
    const what =
      m.kind === "missed" ? `expected ${m.tag}, got [${m.gotTags.join(", ")}]` : `unexpected ${m.tag}`;
    const evidence = m.evidence ? `  {${m.evidence}}` : "";
    const read = group.find((x) => x.gotHeader !== undefined);
    const readAs = read
      ? ` (read as ${read.gotHeader === null ? "no header" : JSON.stringify(read.gotHeader)})`
      : "";
    const traitsSeen = [...new Set(group.flatMap((x) => x.traits))].join(",");
    const writers = [...new Set(group.map((x) => x.writer))].join(",");
    lines.push(
      `  ${lpad(group.length, 3)}x ${pad(m.tableKind, 17)} ${pad(header, 26)} ${what}${readAs}${evidence}  [${writers}${traitsSeen ? `; ${traitsSeen}` : ""}]`,
    );
  }

  const wrong = report.outcomes.filter((o) => !isRight(o));
  lines.push("", `wrong verdicts (${wrong.length}):`);
  for (const o of wrong.slice(0, 40)) {
    const neg = o.table.hardNegative ? " HARD-NEGATIVE" : "";
    lines.push(
      `  ${pad(o.table.id, 22)} expected ${pad(o.table.expected, 6)} got ${pad(o.verdict, 6)} rows=${o.table.dataRows} rules=[${o.rules.join(",")}] ${o.table.writer}${o.table.traits.length ? ` ${o.table.traits.join(",")}` : ""}${neg}`,
    );
  }

  const s = summarise(report);
  lines.push(
    "",
    `accuracy: tags_precision=${f2(s.tagsPrecision)} tags_recall=${f2(s.tagsRecall)} verdict_accuracy=${f2(s.verdictAccuracy)} hard_negative_blocks=${s.hardNegativeBlocks} tables=${s.tables}`,
  );
  return lines.join("\n");
}

const keyOf = (m: ColumnMiss): string => `${m.kind}|${m.tag}|${m.header}|${m.tableKind}`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  return [...groupBy(items, key)].map(([k, v]) => `${k} x${v.length}`).join(", ");
}
