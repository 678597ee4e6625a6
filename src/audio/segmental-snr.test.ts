import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.ts';
import { SEGMENT_SAMPLES, SEGMENT_SNR_MAX_DB, SEGMENT_SNR_MIN_DB, segmentalSnr } from './segmental-snr.ts';

/** A tone whose 20 ms segments each hold whole periods (1 kHz: 20 periods), so its power is exact. */
function tone(n: number, hz: number, amplitude: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / 8000));
}

function int16(x: ArrayLike<number>): Int16Array {
  return Int16Array.from(x, (v) => Math.round(v));
}

function sum(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => v + b[i]!);
}

describe('segmentalSnr', () => {
  it('gives the clamp maximum for identical signals', () => {
    const x = int16(tone(8000, 1000, 10000));
    expect(segmentalSnr(x, x)).toEqual({ snrDb: SEGMENT_SNR_MAX_DB, segments: 50, activeSegments: 50 });
  });

  it('gives the SNR of a known additive tone, and of seeded white noise', () => {
    const signal = tone(8000, 1000, 10000);
    const hum = tone(8000, 2000, 1000); // 20 dB below the signal
    const { snrDb } = segmentalSnr(int16(signal), int16(sum(signal, hum)));
    expect(snrDb).toBeCloseTo(20, 1);

    const next = createSeededRandom(11);
    const rmsNoise = 10000 / Math.SQRT2 / 10 ** (15 / 20); // 15 dB below the tone's RMS
    const white = Float64Array.from({ length: 8000 }, () => (next() - 0.5) * Math.sqrt(12) * rmsNoise);
    expect(segmentalSnr(int16(signal), int16(sum(signal, white))).snrDb).toBeCloseTo(15, 0);
  });

  it('averages the dB of each segment rather than the powers', () => {
    const signal = tone(1600, 1000, 10000);
    const quiet = tone(1600, 2000, 1000); // 20 dB
    const loud = tone(1600, 2000, 10000 / Math.sqrt(10)); // 10 dB
    const noise = quiet.map((q, i) => (i < 800 ? q : loud[i]!));
    expect(segmentalSnr(int16(signal), int16(sum(signal, noise))).snrDb).toBeCloseTo(15, 1);
  });

  it('clamps each segment to [−10, 35] dB', () => {
    const signal = tone(800, 1000, 1000);
    const louder = tone(800, 2000, 30000); // −29.5 dB
    expect(segmentalSnr(int16(signal), int16(sum(signal, louder))).snrDb).toBe(SEGMENT_SNR_MIN_DB);
    const faint = tone(800, 2000, 1); // 60 dB
    expect(segmentalSnr(int16(signal), int16(sum(signal, faint))).snrDb).toBe(SEGMENT_SNR_MAX_DB);
  });

  it('skips segments of the reference below the silence threshold, and ignores a short tail', () => {
    const loud = tone(SEGMENT_SAMPLES, 1000, 10000);
    const quiet = tone(SEGMENT_SAMPLES, 1000, 100); // −50.3 dBFS RMS: below −50 dBFS
    const reference = int16([...loud, ...quiet, ...loud.subarray(0, 100)]);
    const test = int16([...loud, ...new Float64Array(SEGMENT_SAMPLES), ...new Float64Array(100)]);
    expect(segmentalSnr(reference, test)).toEqual({ snrDb: 35, segments: 2, activeSegments: 1 });
    expect(segmentalSnr(reference, test, { silenceThresholdDbfs: -60 })).toEqual({
      snrDb: (35 + 0) / 2, // the quiet segment, zeroed, has 0 dB
      segments: 2,
      activeSegments: 2,
    });
  });

  it('says what is wrong with signals it cannot measure', () => {
    expect(() => segmentalSnr(new Int16Array(160), new Int16Array(161))).toThrow(
      /reference has 160 samples but the test signal has 161/,
    );
    expect(() => segmentalSnr(new Int16Array(480), new Int16Array(480))).toThrow(
      /none of the 3 segments of 20 ms is above -50 dBFS/,
    );
    expect(() =>
      segmentalSnr(new Int16Array(160), new Int16Array(160), { silenceThresholdDbfs: Number.NaN }),
    ).toThrow(/silenceThresholdDbfs/);
  });
});
