import { z } from "zod";
import { TAGS } from "../model/tags.js";
import { VALIDATOR_NAMES } from "../validators/index.js";

const regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source, "iu");
      return true;
    } catch {
      return false;
    }
  },
  { message: "is not a valid regular expression" },
);

const valueTestSchema = z
  .strictObject({
    pattern: regex.optional(),
    validator: z.enum(VALIDATOR_NAMES as [string, ...string[]]).optional(),
    dictionary: z.array(z.string().min(1)).min(1).optional(),
    /**
     * `token`: a value passes when any of its words is in the dictionary (for full names);
     * `segment`: when it is an entry with a segment code around it (`B05 Name`, `A - Name`);
     * `phrase`: when it is an entry with `modifiers` before or after it (`Def Labour`).
     */
    dictionaryMatch: z.enum(["whole", "token", "segment", "phrase"]).default("whole"),
    /** Words a `phrase` dictionary takes off a value's ends before looking it up. */
    modifiers: z.array(z.string().min(1)).default([]),
    /** Words that make a value fail even if it matched (`Ltd` in `Smith & Sons Ltd`). */
    excludeWords: z.array(z.string().min(1)).default([]),
    minShare: z.number().gt(0).lte(1),
    needsHeader: z.boolean().default(false),
    /** Distinct values needed when 10 or more are sampled: one ward name repeated is not a list of people. */
    minDistinct: z.number().int().min(1).default(1),
  })
  .refine((t) => [t.pattern, t.validator, t.dictionary].filter((x) => x !== undefined).length === 1, {
    message: "needs exactly one of pattern, validator, dictionary",
  });

/** Example cells: YAML reads `12345` as a number, but a cell is text. */
const cells = z.array(z.union([z.string(), z.number()]).transform(String));

const exampleSchema = z.strictObject({
  header: z.string().nullable().default(null),
  values: cells,
  /** Other columns that give the table its context (e.g. a name column beside a postcode). */
  beside: z.array(z.strictObject({ header: z.string().nullable(), values: cells })).default([]),
});

/** The schema of one file in rules/detectors/: one detector, its id being the file name. */
export const detectorFileSchema = z.strictObject({
  tag: z.enum(TAGS),
  description: z.string().min(1),
  header: z
    .strictObject({
      phrases: z.array(z.string().min(1)).default([]),
      patterns: z.array(regex).default([]),
      exclude: z.array(z.string().min(1)).default([]),
    })
    .default({ phrases: [], patterns: [], exclude: [] }),
  headerAlone: z.boolean().default(false),
  needsPersonContext: z.boolean().default(false),
  /** The tag stands only in a table with special-category data (other than a profile) beside it. */
  needsSensitiveContext: z.boolean().default(false),
  /** Only for columns without a header: where there is one, other detectors judge by it. */
  headerless: z.boolean().default(false),
  identifiesPeople: z.boolean().default(false),
  /** Identifies people only in tables that are not lists of organisations (phones, emails). */
  weakIdentifier: z.boolean().default(false),
  values: z.array(valueTestSchema).default([]),
  examples: z.strictObject({
    match: z.array(exampleSchema).min(1),
    noMatch: z.array(exampleSchema).min(1),
  }),
});

/** A detector file as validated: plain data, ready to embed as JSON or compile. */
export type DetectorFile = z.output<typeof detectorFileSchema>;

/** A detector file with its id (the file name without extension). */
export type DetectorSpec = DetectorFile & { id: string };

/** rules/context.yaml: table-level evidence about what the rows are. */
export const contextFileSchema = z.strictObject({
  organisationHeaders: z.array(z.string().min(1)).min(1),
  organisationWords: z.array(z.string().min(1)).min(1),
  /** Headers that, over one distinct value per row, say the rows are elected members or candidates. */
  publicOfficeHeaders: z.array(z.string().min(1)).default([]),
});

/** The context file as validated. */
export type ContextFile = z.output<typeof contextFileSchema>;
