import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { err, ok, type Result } from "../model/result.js";
import {
  type ContextFile,
  contextFileSchema,
  type DetectorSpec,
  detectorFileSchema,
} from "./detector-schema.js";
import { type PolicyFile, policyFileSchema, publicMailFileSchema } from "./policy-schema.js";

/** A rules file as text, with the path used in messages. */
export interface RulesText {
  path: string;
  text: string;
}

/** Parsed rules, or every problem found across all files at once. */
export type Parsed<T> = Result<T, string[]>;

function parseOne<S extends z.ZodType>(schema: S, file: RulesText): Parsed<z.output<S>> {
  let data: unknown;
  try {
    data = parseYaml(file.text, { maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0].replace(/:$/, "") : String(error);
    return err([`${file.path}: not valid YAML: ${reason}`]);
  }
  const result = schema.safeParse(data ?? {}, { error: plainMessage });
  if (result.success) return ok(result.data);
  return err(
    result.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
      return `${file.path}: ${where}: ${issue.message}`;
    }),
  );
}

/**
 * Words for the problems a rules author meets most, where zod's own would say what its types are:
 * a missing field, a misspelt one, a fraction where a whole number belongs. Others keep zod's.
 */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  if (issue.code === "invalid_type" && issue.expected === "int") return "must be a whole number";
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return undefined;
}

/** Parses and validates detector files; a detector's id is its file name without `.yaml`. */
export function parseDetectorFiles(files: RulesText[]): Parsed<DetectorSpec[]> {
  const specs: DetectorSpec[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const id = (file.path.split("/").pop() ?? file.path).replace(/\.ya?ml$/, "");
    if (!/^[a-z0-9-]+$/.test(id))
      problems.push(`${file.path}: file name must be kebab-case (it is the detector id)`);
    const parsed = parseOne(detectorFileSchema, file);
    if (parsed.ok) specs.push({ id, ...parsed.value });
    else problems.push(...parsed.error);
  }
  return problems.length > 0 ? err(problems) : ok(specs);
}

/** Parses and validates one policy file. */
export function parsePolicyText(file: RulesText): Parsed<PolicyFile> {
  return parseOne(policyFileSchema, file);
}

/** Parses and validates rules/context.yaml. */
export function parseContextText(file: RulesText): Parsed<ContextFile> {
  return parseOne(contextFileSchema, file);
}

/** Parses and validates rules/public-mail-domains.yaml into its list of domains. */
export function parsePublicMailText(file: RulesText): Parsed<string[]> {
  const parsed = parseOne(publicMailFileSchema, file);
  return parsed.ok ? ok(parsed.value.domains) : parsed;
}

/**
 * The embedded default policy: rules/policies/default.yaml with the shipped public mailbox
 * providers (rules/public-mail-domains.yaml) put in front of any it lists itself.
 */
export function parseDefaultPolicy(policy: RulesText, publicMail: RulesText): Parsed<PolicyFile> {
  const file = parsePolicyText(policy);
  const domains = parsePublicMailText(publicMail);
  if (!file.ok || !domains.ok)
    return err([...(file.ok ? [] : file.error), ...(domains.ok ? [] : domains.error)]);
  const publicMailDomains = [...domains.value, ...(file.value.publicMailDomains ?? [])];
  return ok({ ...file.value, publicMailDomains });
}
