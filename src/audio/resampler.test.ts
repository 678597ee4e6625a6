import { describe, expect, it } from 'vitest';
import { Resampler } from './resampler.ts';
import {
  measureAliasDbfs,
  measureGainDb,
  measureGroupDelaySeconds,
  measureSnr16Db,
  type ConvertFn,
} from './measure.ts';

/** Streams a whole signal through a fresh Resampler in blocks of `block` frames. */
function converter(inputRateHz: number, block = 128): ConvertFn {
  return (input) => {
    const resampler = new Resampler(inputRateHz);
    const out = new Float32Array(resampler.maxOutputFor(input.length));
    const scratch = new Float32Array(resampler.maxOutputFor(block));
    let written = 0;
    for (let i = 0; i < input.length; i += block) {
      const n = resampler.process(input.subarray(i, Math.min(i + block, input.length)), scratch);
      out.set(scratch.subarray(0, n), written);
      written += n;
    }
    return out.subarray(0, written);
  };
}

const PASSBAND_HZ = [300, 1000, 2000, 3000, 3400];
const ALIAS_HZ = [4500, 6000, 9000, 12000, 15000, 20000];

describe.each([44100, 48000])('Resampler %i Hz → 8 kHz meets the quality goals', (rate) => {
  const convert = converter(rate);
  const options = { inputRateHz: rate };

  it.each(PASSBAND_HZ)('passband gain at %i Hz is flat within ±0.01 dB', (f) => {
    expect(Math.abs(measureGainDb(convert, f, options))).toBeLessThanOrEqual(0.01);
  });

  it.each(ALIAS_HZ)('a 0 dBFS tone at %i Hz leaves ≤ −100 dBFS at its fold (both phases)', (f) => {
    expect(measureAliasDbfs(convert, f, options)).toBeLessThanOrEqual(-99.9);
  });

  it('SNR of a −3 dBFS 997 Hz tone after 16-bit rounding, pooled over 16 phases, is ≥ 95.0 dB', () => {
    expect(measureSnr16Db(convert, options)).toBeGreaterThanOrEqual(95.0);
  });

  it('declares its latency (≤ 5 ms) and the measured group delay matches it', () => {
    const resampler = new Resampler(rate);
    expect(resampler.latencySeconds).toBeGreaterThan(0);
    expect(resampler.latencySeconds).toBeLessThanOrEqual(0.005);
    expect(measureGroupDelaySeconds(convert, options)).toBeCloseTo(resampler.latencySeconds, 6);
  });
});

describe.each([11025, 12000, 16000, 22050, 32000, 96000, 192000])(
  'Resampler %i Hz → 8 kHz (sanity)',
  (rate) => {
    const convert = converter(rate);
    const options = { inputRateHz: rate };

    it('keeps the passband flat', () => {
      for (const f of [300, 1000, 3400])
        expect(Math.abs(measureGainDb(convert, f, options))).toBeLessThan(0.01);
    });

    it('rejects stopband tones', () => {
      for (const f of [4500, 5500].filter((f) => f < rate / 2)) {
        expect(measureAliasDbfs(convert, f, options)).toBeLessThan(-99.9);
      }
    });

    it('has at most 5 ms latency, as measured', () => {
      const latency = new Resampler(rate).latencySeconds;
      expect(latency).toBeLessThanOrEqual(0.005);
      expect(measureGroupDelaySeconds(convert, options)).toBeCloseTo(latency, 6);
    });
  },
);

describe('Resampler streaming contract', () => {
  it('passes 8 kHz through unchanged with no latency', () => {
    const resampler = new Resampler(8000);
    const input = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i / 7));
    const output = new Float32Array(resampler.maxOutputFor(128));
    expect(resampler.process(input, output)).toBe(128);
    expect(output).toEqual(input);
    expect(resampler.latencySeconds).toBe(0);
  });

  it.each([44100, 48000, 22050, 96000, 11025, 16000])(
    'writes exactly ceil(N × 8000 / %i) samples after N inputs, for odd block sizes',
    (rate) => {
      const resampler = new Resampler(rate);
      const sizes = [1, 127, 128, 129, 3, 0, 441, 1000, 7, 4096, 5000, 13];
      const output = new Float32Array(resampler.maxOutputFor(5000));
      let consumed = 0;
      let produced = 0;
      for (let round = 0; round < 20; round++) {
        for (const size of sizes) {
          const n = resampler.process(new Float32Array(size), output);
          expect(n).toBeLessThanOrEqual(resampler.maxOutputFor(size));
          consumed += size;
          produced += n;
          expect(produced).toBe(Math.ceil((consumed * 8000) / rate));
        }
      }
    },
  );

  it('gives the same output whatever the block size', () => {
    const rate = 44100;
    const input = Float32Array.from(
      { length: 20000 },
      (_, i) => Math.sin(i * 0.05) * 0.5 + Math.sin(i * 0.7) * 0.2,
    );
    const whole = converter(rate, 20000)(input);
    const small = converter(rate, 37)(input);
    expect(small.length).toBe(whole.length);
    for (let i = 0; i < whole.length; i++) expect(small[i]).toBe(whole[i]);
  });

  it('throws a RangeError, consuming nothing, when the output array is too short', () => {
    const resampler = new Resampler(48000);
    expect(() => resampler.process(new Float32Array(128), new Float32Array(10))).toThrow(RangeError);
    expect(resampler.process(new Float32Array(128), new Float32Array(22))).toBe(22);
  });

  it('also converts upwards (6 kHz → 8 kHz), band-limited to the input', () => {
    const convert = converter(6000);
    expect(Math.abs(measureGainDb(convert, 1000, { inputRateHz: 6000 }))).toBeLessThan(0.01);
    expect(convert(new Float32Array(6000)).length).toBe(8000);
  });

  it('rejects nonsense rates', () => {
    expect(() => new Resampler(0)).toThrow(RangeError);
    expect(() => new Resampler(Number.NaN)).toThrow(RangeError);
  });

  it('handles rates with many phases (44 056 Hz) with a drift-free count', () => {
    const rate = 44056;
    const convert = converter(rate);
    expect(Math.abs(measureGainDb(convert, 1000, { inputRateHz: rate }))).toBeLessThan(0.01);
    expect(measureAliasDbfs(convert, 6000, { inputRateHz: rate })).toBeLessThan(-99.9);
    const out = convert(new Float32Array(rate));
    expect(out.length).toBe(8000);
  });

  it('an hour of 44.1 kHz in 128-frame blocks gives exactly 3600 × 8000 samples', () => {
    const resampler = new Resampler(44100);
    const block = new Float32Array(128);
    const output = new Float32Array(resampler.maxOutputFor(128));
    const blocks = (3600 * 44100) / 128; // not whole: the last block is partial
    let produced = 0;
    const whole = Math.floor(blocks);
    for (let i = 0; i < whole; i++) produced += resampler.process(block, output);
    produced += resampler.process(block.subarray(0, 3600 * 44100 - whole * 128), output);
    expect(produced).toBe(3600 * 8000);
  }, 60_000);
});
