import { describe, expect, it } from 'vitest';
import { EnergyVad, type VadFrame } from './energy-vad.ts';

/** 8 kHz int16: silence, then a 300 Hz tone burst at −20 dBFS from `fromSample` to `toSample`. */
function burst(length: number, fromSample: number, toSample: number, amplitude = 0.1 * 32768): Int16Array {
  return Int16Array.from({ length }, (_, i) =>
    i >= fromSample && i < toSample ? Math.round(amplitude * Math.sin((2 * Math.PI * 300 * i) / 8000)) : 0,
  );
}

function pushInPieces(vad: EnergyVad, samples: Int16Array, sizes: number[], clockStart = 0): VadFrame[] {
  const frames: VadFrame[] = [];
  let offset = 0;
  let s = 0;
  while (offset < samples.length) {
    const size = Math.min(sizes[s++ % sizes.length]!, samples.length - offset);
    frames.push(...vad.push(samples.subarray(offset, offset + size), clockStart + offset));
    offset += size;
  }
  return frames;
}

describe('EnergyVad', () => {
  it('reads silence as 0 and a loud tone as speech', () => {
    const vad = new EnergyVad({ hangoverFrames: 0 });
    const frames = vad.push(burst(2560, 1024, 2048), 0);
    expect(frames.map((f) => f.endSample)).toEqual([256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2304, 2560]);
    expect(frames.slice(0, 4).every((f) => f.speechProbability === 0)).toBe(true);
    expect(frames.slice(4, 8).every((f) => f.speechProbability === 1)).toBe(true);
    expect(frames.slice(8).every((f) => f.speechProbability === 0)).toBe(true);
  });

  it('places frames on the clock exactly across odd push sizes', () => {
    const samples = burst(8000, 2000, 5000);
    const whole = new EnergyVad().push(samples, 16000);
    const pieces = pushInPieces(new EnergyVad(), samples, [1, 13, 255, 257, 100, 999, 3], 16000);
    expect(pieces).toEqual(whole);
    expect(whole[0]!.endSample).toBe(16256);
    expect(whole.at(-1)!.endSample).toBe(16000 + 31 * 256);
  });

  it('keeps speech through a short gap (hangover) but not through a long one', () => {
    const vad = new EnergyVad({ hangoverFrames: 3 });
    const loud = burst(256 * 4, 0, 256 * 4);
    const frames = [
      ...vad.push(loud, 0),
      ...vad.push(new Int16Array(256 * 2), 1024), // 64 ms gap
      ...vad.push(loud, 1536),
      ...vad.push(new Int16Array(256 * 6), 2560),
    ];
    const speech = frames.map((f) => f.speechProbability >= 0.5);
    expect(speech).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('maps level near the threshold smoothly into [0, 1]', () => {
    const vad = new EnergyVad({ hangoverFrames: 0, thresholdDbfs: -45 });
    const rmsAt = (dbfs: number) => 10 ** (dbfs / 20) * Math.SQRT2 * 32768;
    const p = (dbfs: number) => vad.push(burst(256, 0, 256, rmsAt(dbfs)), 0)[0]!.speechProbability;
    expect(p(-60)).toBe(0);
    expect(p(-48)).toBeGreaterThan(0);
    expect(p(-48)).toBeLessThan(0.5);
    expect(p(-44)).toBeGreaterThanOrEqual(0.5);
    expect(p(-30)).toBe(1);
  });

  it('starts framing afresh when a push does not continue the clock', () => {
    const vad = new EnergyVad();
    expect(vad.push(new Int16Array(200), 0)).toEqual([]);
    const frames = vad.push(new Int16Array(300), 1000);
    expect(frames.map((f) => f.endSample)).toEqual([1256]);
  });
});
