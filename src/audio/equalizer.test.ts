import { describe, expect, it } from 'vitest';
import { applyLinearFilter, fitLinearFilter } from './equalizer.ts';
import { createSeededRandom } from './seeded-random.ts';
import { segmentalSnr } from './segmental-snr.ts';

function noise(length: number, amplitude: number, seed: number): Int16Array {
  const random = createSeededRandom(seed);
  return Int16Array.from({ length }, () => Math.round((random() * 2 - 1) * amplitude));
}

/** A low-pass with a delay of one sample and a gain below 1: what a resampler does to the band. */
const CHANNEL = Float64Array.from([0, 0, 0.1, 0.5, 0.25, 0.05, 0, 0, 0]); // lags −4…4

describe('fitLinearFilter', () => {
  it('finds the filter a signal went through', () => {
    const reference = noise(8000, 8000, 1);
    const filtered = applyLinearFilter(reference, CHANNEL);
    const fitted = fitLinearFilter(reference, filtered, 4);
    for (let k = 0; k < CHANNEL.length; k++) expect(fitted[k]).toBeCloseTo(CHANNEL[k]!, 3);
  });

  it('leaves only what no filter explains: the SNR after it is that of the added noise', () => {
    const reference = noise(16000, 8000, 2);
    const channelNoise = noise(16000, 80, 3); // 40 dB below the signal
    const filtered = applyLinearFilter(reference, CHANNEL);
    const test = filtered.map((v, i) => v + channelNoise[i]!);
    const raw = segmentalSnr(reference, test).snrDb;
    const equalized = segmentalSnr(
      applyLinearFilter(reference, fitLinearFilter(reference, test, 8)),
      test,
    ).snrDb;
    const truth = segmentalSnr(filtered, test).snrDb;
    expect(raw).toBeLessThan(10); // the filter's own change counts as noise without the fit
    expect(equalized).toBeGreaterThan(truth - 0.2);
    expect(equalized).toBeLessThan(truth + 0.2); // the fit cannot explain noise it has never seen
  });

  it('says what is wrong with its input', () => {
    expect(() => fitLinearFilter(new Int16Array(10), new Int16Array(11), 1)).toThrow(/10 samples .* 11/);
    expect(() => fitLinearFilter(new Int16Array(100), new Int16Array(100), -1)).toThrow(/halfTaps/);
    expect(() => fitLinearFilter(new Int16Array(10), new Int16Array(10), 8)).toThrow(/too few/);
    expect(() => fitLinearFilter(new Int16Array(100), new Int16Array(100), 2)).toThrow(/silent/);
  });
});
