/** A sender's justification for sending despite findings, and where it was given. */
export interface Override {
  reason: string;
  /** `dialog`: typed into a mail client add-in's dialog at Send. */
  sources: ("header" | "env" | "dialog")[];
}
