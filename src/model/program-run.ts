/** A child program that ran to its end: its exit status and what it printed, as text. */
export interface ProgramRun {
  status: number;
  stdout: string;
  stderr: string;
}
