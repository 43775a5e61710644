/** A sender's justification for sending despite findings, and where it was given. */
export interface Override {
  reason: string;
  sources: ("header" | "env")[];
}
