import { describe, expect, it } from 'vitest';
import { DTMF_FREQUENCIES, beepSamples, dtmfSamples, type DtmfKey } from './tones.ts';
import { fitSine } from './measure.ts';

describe('DTMF_FREQUENCIES', () => {
  it('has the standard row and column pairs for all 16 keys', () => {
    const rows = [697, 770, 852, 941];
    const columns = [1209, 1336, 1477, 1633];
    const layout = ['123A', '456B', '789C', '*0#D'];
    layout.forEach((row, r) =>
      [...row].forEach((key, c) => expect(DTMF_FREQUENCIES[key as DtmfKey]).toEqual([rows[r], columns[c]])),
    );
    expect(Object.keys(DTMF_FREQUENCIES)).toHaveLength(16);
  });
});

describe('dtmfSamples', () => {
  it('contains both tones of the key at equal level and nothing else', () => {
    const samples = dtmfSamples('5', 8000, 0.2);
    expect(samples.length).toBe(1600);
    const middle = samples.subarray(200, 1400);
    const low = fitSine(middle, 770, 8000).amplitude;
    const high = fitSine(middle, 1336, 8000).amplitude;
    expect(low).toBeGreaterThan(0.3);
    expect(high).toBeCloseTo(low, 3);
    expect(fitSine(middle, 697, 8000).amplitude).toBeLessThan(0.05);
    expect(Math.max(...samples.map(Math.abs))).toBeLessThan(1);
  });

  it('refuses unknown keys', () => {
    expect(() => dtmfSamples('X' as DtmfKey, 8000, 0.1)).toThrow(/unknown key/);
  });
});

describe('beepSamples', () => {
  it('is a ~1 kHz tone with 10 ms raised-cosine fades', () => {
    const samples = beepSamples(8000, 0.5);
    expect(samples.length).toBe(4000);
    expect(Math.abs(samples[0]!)).toBeLessThan(0.01);
    expect(Math.abs(samples[3999]!)).toBeLessThan(0.01);
    const fit = fitSine(samples.subarray(80, 3920), 1000, 8000);
    expect(fit.amplitude).toBeGreaterThan(0.3);
    expect(fit.residualPower).toBeLessThan(1e-9);
    // Within the fade the envelope rises monotonically.
    const peakEarly = Math.max(...samples.subarray(0, 20).map(Math.abs));
    const peakLate = Math.max(...samples.subarray(60, 80).map(Math.abs));
    expect(peakEarly).toBeLessThan(peakLate);
  });

  it('works at the device rate too', () => {
    expect(beepSamples(44100, 0.25).length).toBe(11025);
  });
});
