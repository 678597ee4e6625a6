import { describe, expect, it } from 'vitest';
import { SPEECH_PROBABILITY_THRESHOLD } from '../engine/speech.ts';
import { FrameClock, SpeechHysteresis, checkThresholds, sileroFrameSamples8k } from './vad-frames.ts';

const isSpeech = (p: number): boolean => p >= SPEECH_PROBABILITY_THRESHOLD;

describe('SpeechHysteresis', () => {
  it('starts speech at the positive threshold and ends it below the negative one', () => {
    const h = new SpeechHysteresis({ positiveSpeechThreshold: 0.7, negativeSpeechThreshold: 0.3 });
    const decided = [0.1, 0.6, 0.7, 0.5, 0.3, 0.29, 0.6, 0.9].map((p) => isSpeech(h.decide(p)));
    expect(decided).toEqual([false, false, true, true, true, false, false, true]);
  });

  it('keeps the model probability when it already agrees with the decision', () => {
    const h = new SpeechHysteresis({ positiveSpeechThreshold: 0.7, negativeSpeechThreshold: 0.3 });
    expect(h.decide(0.2)).toBe(0.2);
    expect(h.decide(0.9)).toBe(0.9);
    expect(h.decide(0.4)).toBe(SPEECH_PROBABILITY_THRESHOLD);
    expect(h.decide(0.1)).toBe(0.1);
    expect(isSpeech(h.decide(0.6))).toBe(false);
  });

  it('refuses thresholds out of order', () => {
    expect(() => checkThresholds({ positiveSpeechThreshold: 0.4, negativeSpeechThreshold: 0.5 })).toThrow(
      RangeError,
    );
    expect(() => checkThresholds({ positiveSpeechThreshold: 0, negativeSpeechThreshold: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('FrameClock', () => {
  const thresholds = { positiveSpeechThreshold: 0.5, negativeSpeechThreshold: 0.5 };

  it('places frames by counting them from the first chunk, however late they arrive', () => {
    const clock = new FrameClock(thresholds);
    clock.add(0.9); // scored before the first push
    expect(clock.take(4000).map((f) => f.endSample)).toEqual([4256]);
    expect(clock.take(4160)).toEqual([]);
    clock.add(0.1);
    clock.add(0.2);
    clock.add(0.95);
    expect(clock.take(4320)).toEqual([
      { endSample: 4512, speechProbability: 0.1 },
      { endSample: 4768, speechProbability: 0.2 },
      { endSample: 5024, speechProbability: 0.95 },
    ]);
  });

  it('never reads a clock: the same frames give the same positions whenever they arrive', () => {
    const a = new FrameClock(thresholds);
    const b = new FrameClock(thresholds);
    const probabilities = [0.1, 0.9, 0.8, 0.2, 0.1];
    for (const p of probabilities) a.add(p);
    const all = a.take(0);
    const trickled = probabilities.flatMap((p, i) => {
      b.add(p);
      return b.take(i * 160);
    });
    expect(trickled).toEqual(all);
  });
});

describe('sileroFrameSamples8k', () => {
  it('is 256 where 512 frames at 16 kHz take whole input samples, more where the worklet rounds up', () => {
    expect(sileroFrameSamples8k(16000)).toBe(256);
    expect(sileroFrameSamples8k(48000)).toBe(256);
    expect(sileroFrameSamples8k(44100)).toBeCloseTo((1412 * 8000) / 44100, 12);
  });

  it('keeps a long call on the clock: an hour of frames at 44.1 kHz ends within one sample of the audio', () => {
    const clock = new FrameClock(
      { positiveSpeechThreshold: 0.5, negativeSpeechThreshold: 0.5 },
      sileroFrameSamples8k(44100),
    );
    const inputSamplesPerHour = 3600 * 44100;
    const frames = Math.floor(inputSamplesPerHour / 1412);
    for (let k = 0; k < frames; k++) clock.add(0);
    const last = clock.take(0).at(-1)?.endSample ?? 0;
    expect(Math.abs(last - (frames * 1412 * 8000) / 44100)).toBeLessThanOrEqual(0.5);
  });
});
