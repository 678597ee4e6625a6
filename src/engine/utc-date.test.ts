import { describe, expect, it } from 'vitest';
import { DEFAULT_START_TIME_MS, formatIsoUtc, formatRfc2822Utc } from './utc-date.ts';

/** What JavaScript's own Date prints, for comparison (the pure layers may not use it). */
function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

describe('UTC dates without Date', () => {
  it('the default start is 2024-01-01T00:00:00.000Z, a Monday', () => {
    expect(formatIsoUtc(DEFAULT_START_TIME_MS)).toBe('2024-01-01T00:00:00.000Z');
    expect(formatRfc2822Utc(DEFAULT_START_TIME_MS)).toBe('Mon, 01 Jan 2024 00:00:00 +0000');
  });

  it('agrees with Date on leap days, century years, before 1970 and far ahead', () => {
    const samples = [
      0,
      -1,
      951_782_400_000, // 2000-02-29
      4_107_542_399_999, // 2100-02-28T23:59:59.999
      -2_208_988_800_000, // 1900-01-01
      253_402_300_799_999, // 9999-12-31T23:59:59.999
      1_709_208_000_123, // 2024-02-29T12:00:00.123
    ];
    for (let ms = -3e12; ms < 5e12; ms += 7_777_777_777) samples.push(Math.round(ms));
    for (const ms of samples) {
      if (ms >= -62_135_596_800_000) expect(formatIsoUtc(ms)).toBe(new Date(ms).toISOString());
      expect(formatRfc2822Utc(ms)).toBe(rfc2822(ms));
    }
  });
});
