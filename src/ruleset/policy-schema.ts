import { z } from "zod";
import { RULE_IDS } from "../model/rule-catalogue.js";

const domain = z
  .string()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: "is not a domain name (example.org)" })
  .transform((d) => d.toLowerCase());
// A public mailbox domain, or `name.*` for that name under any public suffix (hotmail.*).
const mailDomain = z
  .string()
  .regex(/^(?:[a-z0-9-]+\.\*|[a-z0-9.-]+\.[a-z0-9-]{2,})$/i, {
    message: "is not a domain name (example.org) nor a name under any suffix (hotmail.*)",
  })
  .transform((d) => d.toLowerCase());
const ruleId = z.enum(RULE_IDS);
const count = z.number().int().positive();

/** A policy file: every field optional, read over the embedded default. */
export const policyFileSchema = z.strictObject({
  internalDomains: z.array(domain).optional(),
  deniedDomains: z.array(domain).optional(),
  /** Added to the shipped list of public mailbox providers (rules/public-mail-domains.yaml). */
  publicMailDomains: z.array(mailDomain).optional(),
  thresholds: z
    .strictObject({ personalDataRows: count, manyRecipients: count, visibleRecipients: count })
    .partial()
    .optional(),
  actions: z.partialRecord(ruleId, z.enum(["block", "warn", "off"])).optional(),
  limits: z
    .strictObject({
      maxAttachmentMB: z.number().positive(),
      maxPartMB: z.number().positive(),
      maxTotalInflatedMB: z.number().positive(),
      maxCompressionRatio: z.number().positive(),
      maxDepth: z.number().int().min(0).max(16),
      sampleRows: z.number().int().min(10).max(100_000),
      maxPdfPages: z.number().int().positive(),
      maxSecondsPerDraft: z.number().positive(),
    })
    .partial()
    .optional(),
  registers: z
    .array(
      z.strictObject({
        path: z.string().min(1),
        key: z.string().min(1),
        minMatches: z.number().int().positive().default(3),
        minShare: z.number().min(0).max(1).default(0.2),
      }),
    )
    .optional(),
  override: z
    // `allowed` adds to the default's list; `replace: true` makes it the whole list instead.
    .strictObject({ allowed: z.array(ruleId), replace: z.boolean(), removeHeader: z.boolean() })
    .partial()
    .optional(),
  // A day at most: a hold is a question to the sender now, not a standing permission.
  confirm: z
    .strictObject({ windowMinutes: z.number().int().min(1).max(1440) })
    .partial()
    .optional(),
});

/** A policy file as validated. */
export type PolicyFile = z.output<typeof policyFileSchema>;

/** rules/public-mail-domains.yaml: the shipped list of public mailbox providers. */
export const publicMailFileSchema = z.strictObject({ domains: z.array(mailDomain).min(1) });
