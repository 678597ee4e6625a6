import { describe, expect, it } from 'vitest';
import { RecordingBuffer } from './recording-buffer.ts';

describe('RecordingBuffer', () => {
  it('grows, copies what it keeps, and stops at maxSamples', () => {
    const buffer = new RecordingBuffer(10, 2);
    const chunk = Int16Array.from([1, 2, 3, 4]);
    expect(buffer.append(chunk, 0, 4)).toBe(4);
    chunk.fill(9); // the caller may reuse its chunk
    expect(buffer.append(chunk, 1, 4)).toBe(3);
    expect(buffer.append(Int16Array.from([5, 6, 7, 8, 9]), 0, 5)).toBe(3);
    expect(buffer.length).toBe(10);
    expect(buffer.append(chunk, 0, 4)).toBe(0);
    expect(Array.from(buffer.take())).toEqual([1, 2, 3, 4, 9, 9, 9, 5, 6, 7]);
  });

  it('returns its own array when exactly full, a copy otherwise', () => {
    const full = new RecordingBuffer(4, 4);
    full.append(Int16Array.from([1, 2, 3, 4]), 0, 4);
    expect(full.take().buffer.byteLength).toBe(8);
    const part = new RecordingBuffer(100, 64);
    part.append(Int16Array.from([1, 2, 3, 4]), 0, 4);
    part.truncate(3);
    const taken = part.take(1);
    expect(Array.from(taken)).toEqual([2, 3]);
    expect(taken.buffer.byteLength).toBe(4);
  });
});
