// `npm run bench:accuracy`: guard's accuracy on a generated, labelled set of realistic exports
// (fixtures/gen/labelled.ts), written by several writers and inspected as `guard scan` would.
// Prints per-tag precision and recall, verdict accuracy, the most frequent misses (header texts
// and tags only, never values) and, last, one line of totals. Options: --scale N (tables per
// recipe weight, default 1), --seed S, --top N (misses shown), --no-office (skip openpyxl).
import { IN_PROCESS_WRITERS, labelledTables } from "../fixtures/gen/labelled.js";
import { testEngine } from "../test/helpers/rules.js";
import { type ExternalBytes, evaluate, formatReport } from "./accuracy/evaluate.js";
import { findOpenpyxl, writeWithOpenpyxl } from "./accuracy/write-openpyxl.js";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const started = Date.now();
const tables = labelledTables({
  seed: option("seed"),
  scale: option("scale") === undefined ? undefined : Number(option("scale")),
});
const external: ExternalBytes = {};
const office = tables.filter((t) => !IN_PROCESS_WRITERS.includes(t.writer));
if (office.length > 0) {
  const python = process.argv.includes("--no-office") ? null : findOpenpyxl();
  external["xlsx-openpyxl"] =
    python === null
      ? { unavailable: "python3 with openpyxl not found; apt-get install python3-openpyxl" }
      : writeWithOpenpyxl(python, office);
}
const report = await evaluate(tables, testEngine(), external);
console.log(formatReport(report, { topMisses: Number(option("top") ?? 40) }));
console.error(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
