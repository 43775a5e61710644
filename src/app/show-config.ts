import { formatPolicy, policyAsFile } from "../report/format-policy.js";
import { type CommandOutput, output, usageError } from "./command-output.js";
import type { Host } from "./host.js";

/**
 * `guard config [PATH]`: which policy file is in force for PATH (the current folder when not
 * given), found as check, scan, sendmail and the hooks find it, and the merged result.
 */
export async function showConfig(
  path: string | undefined,
  options: { policy?: string; format: string },
  host: Pick<Host, "findPolicy" | "loadEngine">,
): Promise<CommandOutput> {
  if (options.format !== "text" && options.format !== "json")
    return usageError(`--format must be text or json, not ${options.format}`);
  const source = host.findPolicy(options.policy, path);
  const loaded = await host.loadEngine(options.policy, path);
  if (!loaded.ok) return usageError(loaded.error);
  const { policy, notices = [] } = loaded.value;
  if (options.format === "json")
    return output(0, `${JSON.stringify({ source, policy: policyAsFile(policy), notices }, null, 2)}\n`);
  // What could not be set up as the policy asks (a register without its key) is said beside it.
  return output(0, formatPolicy(source, policy) + notices.map((n) => `# ${n}\n`).join(""));
}
