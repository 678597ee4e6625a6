import { describe, expect, it } from 'vitest';
import { seededRandomHex } from '../engine/seeded-hex.ts';
import { createSeededRandom } from './seeded-random.ts';

function draws(seed: number, count: number): number[] {
  const next = createSeededRandom(seed);
  return Array.from({ length: count }, () => next());
}

describe('createSeededRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    expect(draws(42, 100)).toEqual(draws(42, 100));
    expect(draws(42, 100)).not.toEqual(draws(43, 100));
  });

  it('is mulberry32, the generator behind the seeded hex digits', () => {
    const hex = draws(7, 64)
      .map((x) => Math.floor(x * 16).toString(16))
      .join('');
    expect(hex).toBe(seededRandomHex(7)(64));
  });

  it('draws uniformly from [0, 1)', () => {
    const values = draws(1, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    const tenths = new Array<number>(10).fill(0);
    for (const x of values) tenths[Math.floor(x * 10)]! += 1;
    for (const count of tenths) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('takes the seed modulo 2³²', () => {
    expect(draws(-1, 10)).toEqual(draws(4294967295, 10));
    expect(draws(2 ** 32 + 5, 10)).toEqual(draws(5, 10));
  });

  it('refuses a seed that is not a whole number, naming it', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(() => createSeededRandom(bad)).toThrow(RangeError);
      expect(() => createSeededRandom(bad)).toThrow(/seed/);
    }
  });
});
