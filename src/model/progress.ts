/** Reports a scan's progress while it runs (a terminal's status line; nothing elsewhere). */
export interface Progress {
  /** Some bytes of the current file were read. */
  bytes(count: number): void;
  /** One more file is done. */
  fileDone(): void;
  /** The scan is over: clears the line. */
  end(): void;
}
