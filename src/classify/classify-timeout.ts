/**
 * Thrown inside classifyTable when the draft's clock (ClassifyOptions.late) says time is up; the
 * core turns it into a TIMEOUT issue, as readers turn ScanTimeout: a half-classified table is no verdict.
 */
export class ClassifyTimeout {}
