import type { Policy } from "../model/policy.js";
import type { PolicySource } from "../model/policy-source.js";

const MB = 1024 * 1024;

/** Where the policy came from, in words (the order findPolicy searches is the order here). */
export function describePolicySource(source: PolicySource): string {
  switch (source.kind) {
    case "option":
      return `${source.path} (--policy)`;
    case "env":
      return `${source.path} (GUARD_POLICY)`;
    case "project":
      return `${source.path} (.guard.yaml beside the checked path or in a folder above it)`;
    case "user":
      return `${source.path} ($XDG_CONFIG_HOME/guard/policy.yaml)`;
    case "system":
      return `${source.path} (/etc/guard/policy.yaml)`;
    case "default":
      return "the embedded default (no --policy, GUARD_POLICY, .guard.yaml, user or system policy file found)";
  }
}

/** A policy in the shape of a policy file: limits in MB, as a user writes them. */
export function policyAsFile(policy: Policy) {
  const l = policy.limits;
  return {
    internalDomains: policy.internalDomains,
    deniedDomains: policy.deniedDomains,
    publicMailDomains: policy.publicMailDomains,
    thresholds: policy.thresholds,
    actions: policy.actions,
    limits: {
      maxAttachmentMB: l.maxAttachmentBytes / MB,
      maxPartMB: l.maxPartBytes / MB,
      maxTotalInflatedMB: l.maxTotalInflatedBytes / MB,
      maxCompressionRatio: l.maxCompressionRatio,
      maxDepth: l.maxDepth,
      sampleRows: l.sampleRows,
      maxPdfPages: l.maxPdfPages,
      maxSecondsPerDraft: l.maxSecondsPerDraft,
    },
    override: policy.override,
    confirm: policy.confirm,
    // Paths only: a register's key is a file the policy names, never bytes shown here.
    registers: policy.registers.map(({ path, key, minMatches, minShare }) => ({
      path,
      key,
      minMatches,
      minShare,
    })),
  };
}

/** One YAML value: a flow list, or a scalar (every name and id here is plain YAML). */
const yamlValue = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(String).join(", ")}]` : String(value);

/** A path as plain YAML where it is safe, else quoted (JSON strings are YAML). */
const yamlPath = (path: string): string => (/^[\w./~-][\w./~@+-]*$/.test(path) ? path : JSON.stringify(path));

/** The policy's registers as a YAML list: each register's file, its key file's path, its thresholds. */
function registerLines(registers: Policy["registers"]): string[] {
  if (registers.length === 0) return ["registers: []"];
  return [
    "registers:",
    ...registers.flatMap((r) => [
      `  - path: ${yamlPath(r.path)}`,
      `    key: ${yamlPath(r.key)}`,
      `    minMatches: ${r.minMatches}`,
      `    minShare: ${r.minShare}`,
    ]),
  ];
}

/**
 * `guard config`'s text: which file is in force, then the merged policy as YAML a user could copy
 * into a policy file. Hand-written, since the policy is two levels of plain names and numbers.
 */
export function formatPolicy(source: PolicySource, policy: Policy): string {
  const lines = [
    `# policy: ${describePolicySource(source)}`,
    "# in force (the file read over the embedded default):",
  ];
  for (const [key, value] of Object.entries(policyAsFile(policy))) {
    // Hundreds of shipped providers would bury the rest: counted here, listed by --format json.
    if (key === "publicMailDomains") {
      lines.push(
        `# publicMailDomains: ${policy.publicMailDomains.length} (shipped and added; --format json lists them)`,
      );
      continue;
    }
    if (key === "registers") {
      lines.push(...registerLines(policy.registers));
      continue;
    }
    if (Array.isArray(value) || typeof value !== "object") {
      lines.push(`${key}: ${yamlValue(value)}`);
      continue;
    }
    lines.push(`${key}:`);
    for (const [inner, v] of Object.entries(value)) lines.push(`  ${inner}: ${yamlValue(v)}`);
  }
  return `${lines.join("\n")}\n`;
}
