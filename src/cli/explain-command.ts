import { basename } from "node:path";
import { classifyTable } from "../classify/classify-table.js";
import { readFileTables } from "../core.js";
import { loadEngine } from "../node/load-engine.js";
import { readInput } from "../node/read-input.js";
import { formatExplanation } from "../report/format-explanation.js";
import { UsageError } from "./exit-codes.js";

/** `guard explain FILE`: prints each table's column profiles and tag evidence; exits 0, or 3 on error. */
export async function explainCommand(
  path: string,
  options: { policy?: string; format: string },
): Promise<number> {
  const loaded = await loadEngine(options.policy);
  if (!loaded.ok) throw new UsageError(loaded.message);
  const input = await readInput(path);
  if (!input.ok) throw new UsageError(input.message);
  const name = path === "-" ? "stdin" : basename(path);
  const read = await readFileTables(input.bytes, name, loaded.engine);
  const tables = read.tables.map((t) => classifyTable(t, loaded.engine.ruleset, { explain: true }));
  if (options.format === "json") {
    const { tables: _raw, ...file } = read;
    process.stdout.write(`${JSON.stringify({ file: { ...file }, tables }, null, 2)}\n`);
  } else {
    process.stdout.write(formatExplanation(name, read, tables));
  }
  return 0;
}
