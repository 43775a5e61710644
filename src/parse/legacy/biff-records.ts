const CONTINUE = 0x003c;

/** A stream's records in order; stops (with `truncated`) at a record that runs past the end. */
export class BiffRecords {
  readonly view: DataView;
  type = 0;
  /** Where the current record's data begins, and its length. */
  start = 0;
  length = 0;
  truncated = false;

  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Moves to the next record; false at the end of the stream. */
  next(): boolean {
    if (this.pos + 4 > this.bytes.length) return false;
    this.type = this.view.getUint16(this.pos, true);
    this.length = this.view.getUint16(this.pos + 2, true);
    this.start = this.pos + 4;
    if (this.start + this.length > this.bytes.length) {
      this.truncated = true;
      return false;
    }
    this.pos = this.start + this.length;
    return true;
  }

  /** The current record's data. */
  data(): Uint8Array {
    return this.bytes.subarray(this.start, this.start + this.length);
  }

  /** The current record's data and that of the CONTINUE records right after it (consumed). */
  withContinues(): Uint8Array[] {
    const parts = [this.data()];
    while (this.pos + 4 <= this.bytes.length && this.view.getUint16(this.pos, true) === CONTINUE) {
      const length = this.view.getUint16(this.pos + 2, true);
      if (this.pos + 4 + length > this.bytes.length) break;
      parts.push(this.bytes.subarray(this.pos + 4, this.pos + 4 + length));
      this.pos += 4 + length;
    }
    return parts;
  }

  /** A 16-bit field of the current record, 0 past its end. */
  u16(offset: number): number {
    return offset + 2 <= this.length ? this.view.getUint16(this.start + offset, true) : 0;
  }

  /** A 32-bit field of the current record, 0 past its end. */
  u32(offset: number): number {
    return offset + 4 <= this.length ? this.view.getUint32(this.start + offset, true) : 0;
  }
}
