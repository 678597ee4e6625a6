import { describe, expect, it } from 'vitest';
import { SileroFramer } from './silero-framer.ts';

describe('SileroFramer', () => {
  it('cuts 256-sample frames of the call audio, whatever the chunking', () => {
    const input = Int16Array.from({ length: 256 * 4 + 100 }, (_, i) => ((i * 37) % 2000) - 1000);
    for (const size of [1, 160, 999]) {
      const framer = new SileroFramer();
      const frames: Float32Array[] = [];
      for (let i = 0; i < input.length; i += size) frames.push(...framer.push(input.subarray(i, i + size)));
      expect(frames).toHaveLength(4);
      frames.forEach((frame, k) => {
        expect(frame).toEqual(Float32Array.from(input.subarray(256 * k, 256 * (k + 1)), (x) => x / 32768));
      });
    }
  });
});
