import type { LimitMet } from "./table.js";

/** Bounds on the work one draft may cause; the policy can change them. */
export interface Limits {
  /** Largest attachment read, in bytes. */
  maxAttachmentBytes: number;
  /** Largest inflated size of one ZIP member or workbook part, in bytes. */
  maxPartBytes: number;
  /** All inflated bytes of one draft together. */
  maxTotalInflatedBytes: number;
  /** Largest inflated/compressed ratio accepted for a ZIP member before inflating it. */
  maxCompressionRatio: number;
  /** Containers inside containers (ZIP in ZIP, message in message). */
  maxDepth: number;
  /** Rows kept per table for classification; all rows are still counted. */
  sampleRows: number;
  /** Pages of one PDF read; a longer PDF is read this far and reported TOO_LARGE. */
  maxPdfPages: number;
  /** Wall time for reading one draft, its text and attachments on one clock (one file in a scan); what is left is TIMEOUT. */
  maxSecondsPerDraft: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxAttachmentBytes: 100 * 1024 * 1024,
  maxPartBytes: 512 * 1024 * 1024,
  maxTotalInflatedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxDepth: 4,
  sampleRows: 500,
  maxPdfPages: 500,
  maxSecondsPerDraft: 20,
};

/**
 * What is left of maxTotalInflatedBytes while one draft is read. It is mutable and shared by every
 * reader of the draft, so nested containers cannot each spend the whole allowance.
 */
export interface InflateBudget {
  remaining: number;
}

/** The draft's clock as a reader sees it: whether its time is up, and the limit to name when it is. */
export interface DraftClock {
  late: () => boolean;
  limit: LimitMet;
}

const UNITS: Record<keyof Limits, LimitMet["unit"]> = {
  maxAttachmentBytes: "bytes",
  maxPartBytes: "bytes",
  maxTotalInflatedBytes: "bytes",
  maxCompressionRatio: "ratio",
  maxDepth: "levels",
  sampleRows: "rows",
  maxPdfPages: "pages",
  maxSecondsPerDraft: "seconds",
};

/** Names a policy limit with its value, for the issue it ends in. */
export function limitMet(limits: Limits, name: keyof Limits): LimitMet {
  return { name, value: limits[name], unit: UNITS[name] };
}
