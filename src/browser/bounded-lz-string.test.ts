import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { DecompressedTooLarge, decompressFromEncodedURIComponentBounded } from './bounded-lz-string.ts';

describe('decompressFromEncodedURIComponentBounded', () => {
  it('reads back what lz-string packed, exactly as lz-string does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (text) => {
        const packed = compressToEncodedURIComponent(text);
        expect(decompressFromEncodedURIComponentBounded(packed, 1_000_000)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with lz-string on cut input, and never throws on damaged input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.nat(),
        fc.constantFrom(...'ABCxyz019+-$ '),
        (text, at, char) => {
          const packed = compressToEncodedURIComponent(text);
          const cut = packed.slice(0, at % (packed.length + 1));
          expect(decompressFromEncodedURIComponentBounded(cut, 1_000_000)).toBe(
            decompressFromEncodedURIComponent(cut),
          );
          const i = at % Math.max(1, packed.length);
          const damaged = packed.slice(0, i) + char + packed.slice(i + 1);
          const read = decompressFromEncodedURIComponentBounded(damaged, 1_000_000);
          expect(read === null || typeof read === 'string').toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stops a decompression bomb at the cap, fast', () => {
    // Each dictionary entry is one character longer than the last: 1,300 characters hold 400,000.
    const bomb = compressToEncodedURIComponent('a'.repeat(400_000));
    expect(bomb.length).toBeLessThan(2_000);
    expect(() => decompressFromEncodedURIComponentBounded(bomb, 100_000)).toThrow(DecompressedTooLarge);
    expect(() => decompressFromEncodedURIComponentBounded(bomb, 100_000)).toThrow(
      'it would expand to more than 100,000 characters',
    );
    expect(decompressFromEncodedURIComponentBounded(bomb, 400_000)).toHaveLength(400_000);
  });
});
