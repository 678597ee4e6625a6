import { describe, expect, it } from 'vitest';
import { measureLevel, toDbfs } from './level.ts';

describe('measureLevel', () => {
  it('measures a full-scale square wave in float and int16', () => {
    expect(measureLevel(Float32Array.from([1, -1, 1, -1]))).toEqual({ rms: 1, peak: 1 });
    const level = measureLevel(Int16Array.from([-32768, -32768]));
    expect(level.rms).toBe(1);
    expect(level.peak).toBe(1);
  });

  it('gives the RMS of a sine as peak / √2', () => {
    const sine = Float32Array.from(
      { length: 8000 },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 8000),
    );
    const level = measureLevel(sine);
    expect(level.rms).toBeCloseTo(0.5 / Math.SQRT2, 6);
    expect(level.peak).toBeCloseTo(0.5, 6);
  });

  it('reads silence and empty input as zero', () => {
    expect(measureLevel(new Int16Array(10))).toEqual({ rms: 0, peak: 0 });
    expect(measureLevel(new Float32Array(0))).toEqual({ rms: 0, peak: 0 });
  });
});

describe('toDbfs', () => {
  it('converts linear levels', () => {
    expect(toDbfs(1)).toBe(0);
    expect(toDbfs(0.5)).toBeCloseTo(-6.0206, 4);
    expect(toDbfs(0)).toBe(-Infinity);
  });
});
