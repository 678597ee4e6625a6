/**
 * The recorded 16-bit samples of one `<Record>`, in one growing Int16Array. Capacity doubles as audio
 * arrives (amortised O(1) per sample) but never exceeds `maxSamples`, so a recording that reaches
 * maxLength holds exactly its samples. `append` copies: callers may reuse the chunks they pass.
 */
export class RecordingBuffer {
  private data: Int16Array;
  private used = 0;
  readonly maxSamples: number;

  constructor(maxSamples: number, initialCapacity = 64000) {
    this.maxSamples = maxSamples;
    this.data = new Int16Array(Math.max(0, Math.min(maxSamples, initialCapacity)));
  }

  get length(): number {
    return this.used;
  }

  /** Appends `source[from, to)`; returns how many samples were kept (never more than maxSamples in all). */
  append(source: Int16Array, from: number, to: number): number {
    const count = Math.max(0, Math.min(to - from, this.maxSamples - this.used));
    if (count === 0) return 0;
    const needed = this.used + count;
    if (needed > this.data.length) {
      let capacity = Math.max(1, this.data.length);
      while (capacity < needed) capacity *= 2;
      const grown = new Int16Array(Math.min(capacity, this.maxSamples));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    this.data.set(source.subarray(from, from + count), this.used);
    this.used = needed;
    return count;
  }

  /** Drops everything after the first `length` samples. */
  truncate(length: number): void {
    this.used = Math.max(0, Math.min(this.used, length));
  }

  /**
   * The samples `[from, to)` as an array of exactly that length. Returns the buffer itself when it is exactly
   * full (no copy); otherwise copies once, so the result does not pin unused capacity. The buffer must not be
   * appended to afterwards.
   */
  take(from = 0, to = this.used): Int16Array {
    const start = Math.max(0, Math.min(from, this.used));
    const end = Math.max(start, Math.min(to, this.used));
    if (start === 0 && end === this.data.length) return this.data;
    return this.data.slice(start, end);
  }
}
