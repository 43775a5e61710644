/** The contract's tag vocabulary (docs/contract.md, "Tags"). */
export const TAGS = [
  "pii.name",
  "pii.email",
  "pii.phone",
  "pii.address",
  "pii.postcode",
  "pii.date_of_birth",
  "pii.national_id",
  "pii.elector_number",
  "pii.financial",
  "sensitive.political_opinion",
  "sensitive.profile",
  "sensitive.health",
  "sensitive.ethnicity",
  "sensitive.religion",
  "sensitive.sexual_orientation",
  "sensitive.trade_union",
  "sensitive.criminal",
] as const;

export type Tag = (typeof TAGS)[number];

/** Whether a tag marks personal data (`pii.*`). */
export const isPiiTag = (tag: string): boolean => tag.startsWith("pii.");

/** Whether a tag marks special-category data (`sensitive.*`). */
export const isSensitiveTag = (tag: string): boolean => tag.startsWith("sensitive.");
