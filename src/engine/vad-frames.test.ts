import { describe, expect, it } from 'vitest';
import { SPEECH_PROBABILITY_THRESHOLD } from './speech.ts';
import { FrameClock, SpeechHysteresis, checkThresholds } from './vad-frames.ts';

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

  it('places frames by counting them from the origin, however late they arrive', () => {
    const clock = new FrameClock(thresholds, 256, 4000);
    clock.add(0.9);
    expect(clock.take().map((f) => f.endSample)).toEqual([4256]);
    expect(clock.take()).toEqual([]);
    clock.add(0.1);
    clock.add(0.2);
    clock.add(0.95);
    expect(clock.take()).toEqual([
      { endSample: 4512, speechProbability: 0.1 },
      { endSample: 4768, speechProbability: 0.2 },
      { endSample: 5024, speechProbability: 0.95 },
    ]);
  });

  it('never reads a clock: the same frames give the same positions whenever they arrive', () => {
    const a = new FrameClock(thresholds, 256, 0);
    const b = new FrameClock(thresholds, 256, 0);
    const probabilities = [0.1, 0.9, 0.8, 0.2, 0.1];
    for (const p of probabilities) a.add(p);
    const all = a.take();
    const trickled = probabilities.flatMap((p) => {
      b.add(p);
      return b.take();
    });
    expect(trickled).toEqual(all);
  });

  it('refuses a frame size that is not positive', () => {
    expect(() => new FrameClock(thresholds, 0)).toThrow(RangeError);
  });
});

describe('the decision point', () => {
  it('is the middle of each frame by default', () => {
    const clock = new FrameClock({ positiveSpeechThreshold: 0.5, negativeSpeechThreshold: 0.5 });
    clock.add(0.9);
    clock.add(0.1);
    expect(clock.take().map((f) => f.endSample)).toEqual([128, 384]);
  });
});
