import { z } from "zod";
import { RULE_IDS } from "../model/rule-catalogue.js";

const domain = z
  .string()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: "is not a domain name (example.org)" })
  .transform((d) => d.toLowerCase());
const ruleId = z.enum(RULE_IDS);
const count = z.number().int().positive();

/** A policy file: every field optional, read over the embedded default. */
export const policyFileSchema = z.strictObject({
  internalDomains: z.array(domain).optional(),
  deniedDomains: z.array(domain).optional(),
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
      maxSecondsPerDraft: z.number().positive(),
    })
    .partial()
    .optional(),
  override: z
    .strictObject({ allowed: z.array(ruleId), removeHeader: z.boolean() })
    .partial()
    .optional(),
});

/** A policy file as validated. */
export type PolicyFile = z.output<typeof policyFileSchema>;
