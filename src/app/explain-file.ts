import { classifyTable } from "../classify/classify-table.js";
import { readFileTables } from "../core.js";
import { formatExplanation } from "../report/format-explanation.js";
import { baseName } from "./check-draft.js";
import { type CommandOutput, output, usageError } from "./command-output.js";
import type { Host } from "./host.js";

/** `guard explain FILE`: each table's column profiles and tag evidence; exits 0, or 3 on error. */
export async function explainFile(
  path: string,
  options: { policy?: string; format: string },
  host: Pick<Host, "loadEngine" | "readInput">,
): Promise<CommandOutput> {
  const loaded = await host.loadEngine(options.policy, path);
  if (!loaded.ok) return usageError(loaded.error);
  const input = await host.readInput(path);
  if (!input.ok) return usageError(input.error);
  const name = path === "-" ? "stdin" : baseName(path);
  const read = await readFileTables(input.value, name, loaded.value);
  const tables = read.tables.map((t) => classifyTable(t, loaded.value.ruleset, { explain: true }));
  if (options.format !== "json") return output(0, formatExplanation(name, read, tables));
  const { tables: _raw, ...file } = read;
  return output(0, `${JSON.stringify({ file: { ...file }, tables }, null, 2)}\n`);
}
