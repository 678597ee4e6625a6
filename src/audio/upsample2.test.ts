import { describe, expect, it } from 'vitest';
import { SileroFramer, SILERO_FRAME_SAMPLES_16K } from './silero-framer.ts';
import { upsample2, Upsampler2 } from './upsample2.ts';

function noise(length: number, seed = 1): Int16Array {
  const out = new Int16Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = (state >>> 16) - 32768;
  }
  return out;
}

describe('upsample2', () => {
  it('keeps every input sample as an even output sample', () => {
    const input = noise(1000);
    const out = upsample2(input);
    expect(out.length).toBe(2000);
    for (let i = 0; i < input.length; i++) expect(out[2 * i]).toBe(input[i]! / 32768);
  });

  it('interpolates a 1 kHz tone within 0.2 % between the input samples', () => {
    const input = new Int16Array(800);
    for (let i = 0; i < input.length; i++)
      input[i] = Math.round(16000 * Math.sin((2 * Math.PI * 1000 * i) / 8000));
    const out = upsample2(input);
    for (let j = 100; j < 1500; j++) {
      const want = (16000 / 32768) * Math.sin((2 * Math.PI * 1000 * j) / 16000);
      expect(Math.abs(out[j]! - want)).toBeLessThan(0.002);
    }
  });

  it('streams: any chunking gives the batch result', () => {
    const input = noise(5000, 7);
    const batch = upsample2(input);
    for (const size of [1, 31, 160, 4097]) {
      const upsampler = new Upsampler2();
      const parts: number[] = [];
      for (let i = 0; i < input.length; i += size) parts.push(...upsampler.push(input.subarray(i, i + size)));
      parts.push(...upsampler.flush());
      expect(parts.length).toBe(batch.length);
      expect(Float32Array.from(parts)).toEqual(batch);
    }
  });
});

describe('SileroFramer', () => {
  it('cuts 512-sample frames that are the upsampled call audio, whatever the chunking', () => {
    const input = noise(256 * 10 + 100, 3);
    const batch = upsample2(input);
    const framer = new SileroFramer();
    const frames: Float32Array[] = [];
    for (let i = 0; i < input.length; i += 160) frames.push(...framer.push(input.subarray(i, i + 160)));
    // Frame k is ready once 32 samples past its end have arrived.
    expect(frames.length).toBe(10);
    frames.push(...framer.flush());
    expect(frames.length).toBe(10);
    frames.forEach((frame, k) => {
      expect(frame).toEqual(batch.subarray(k * SILERO_FRAME_SAMPLES_16K, (k + 1) * SILERO_FRAME_SAMPLES_16K));
    });
  });

  it('a frame waits for the 32 samples after it, and flush releases the last whole one', () => {
    const framer = new SileroFramer();
    expect(framer.push(new Int16Array(256 + 31))).toHaveLength(0);
    expect(framer.push(new Int16Array(1))).toHaveLength(1);
    expect(framer.push(new Int16Array(250))).toHaveLength(0);
    expect(framer.flush()).toHaveLength(1);
  });
});
