import { describe, expect, it } from 'vitest';
import { formatJavaDouble } from './java-double.ts';

describe('formatJavaDouble (Java Double.toString)', () => {
  const cases: [number, string][] = [
    [5.00275, '5.00275'],
    [0.00275, '0.00275'],
    [0.001, '0.001'],
    [0.000275, '2.75E-4'],
    [1e-4, '1.0E-4'],
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [3, '3.0'],
    [100, '100.0'],
    [1.5, '1.5'],
    [-2.25, '-2.25'],
    [123456.789, '123456.789'],
    [9999999.999, '9999999.999'],
    [1e7, '1.0E7'],
    [12345678, '1.2345678E7'],
    [1.7976931348623157e308, '1.7976931348623157E308'],
    [0.1 + 0.2, '0.30000000000000004'],
    [(44 + 2 * 16000) / 16000, '2.00275'],
    [(44 + 2 * 28_800_000) / 16000, '3600.00275'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ];
  for (const [value, expected] of cases) {
    it(`${value} → ${expected}`, () => expect(formatJavaDouble(value)).toBe(expected));
  }
});
