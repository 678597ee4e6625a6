import type { Position } from './types.ts';

/**
 * Maps character offsets of a text to 1-based line and column. Lines end at `\n` (a `\r` before it is the
 * last character of its line), as the XML validator counts them. Columns count UTF-16 code units.
 */
export class PositionIndex {
  private lineStarts: number[] | null = null;

  constructor(private readonly text: string) {}

  /** The position of `offset`, clamped into the text. */
  at(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - (starts[low] ?? 0) + 1 };
  }

  /** A line and column as another tool counted them, clamped so that it lies inside the text. */
  clamp(line: number, column: number): Position {
    const starts = this.starts();
    const safeLine = Math.max(1, Math.min(Number.isFinite(line) ? Math.floor(line) : 1, starts.length));
    const lineStart = starts[safeLine - 1] ?? 0;
    const lineEnd = safeLine < starts.length ? (starts[safeLine] ?? 0) - 1 : this.text.length;
    const safeColumn = Math.max(
      1,
      Math.min(Number.isFinite(column) ? Math.floor(column) : 1, lineEnd - lineStart + 1),
    );
    return { line: safeLine, column: safeColumn };
  }

  private starts(): number[] {
    if (this.lineStarts === null) {
      const starts = [0];
      let index = this.text.indexOf('\n');
      while (index !== -1) {
        starts.push(index + 1);
        index = this.text.indexOf('\n', index + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}
