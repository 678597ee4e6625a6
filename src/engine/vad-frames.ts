import type { VadFrame } from '../audio/energy-vad.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from './speech.ts';

/** Silero v5 decides frames of 512 samples at 16 kHz: 256 samples (32 ms) of the 8 kHz call clock. */
export const SILERO_FRAME_SAMPLES_8K = 256;
export const SILERO_FRAME_SAMPLES_16K = 512;

export interface SpeechThresholds {
  /** A frame at or above this probability starts speech (default 0.85). */
  positiveSpeechThreshold: number;
  /** Speech goes on until a frame falls below this probability (default 0.8). */
  negativeSpeechThreshold: number;
}

/**
 * Defaults tuned on the fixtures in e2e/fixtures/vad (bench/silence.ts reports the figures). Silero keeps
 * a decaying probability for 2–4 frames after speech ends (longer over noise); every frame of that tail
 * read as speech delays the silence timeout by 32 ms, so the negative threshold is high. Silence and
 * noise at −40 dBFS score below 0.06, speech (−30 dBFS included) above 0.95, so a high positive
 * threshold costs no detection on them.
 */
export const DEFAULT_SPEECH_THRESHOLDS: SpeechThresholds = {
  positiveSpeechThreshold: 0.85,
  negativeSpeechThreshold: 0.8,
};

export function checkThresholds(thresholds: SpeechThresholds): void {
  const { positiveSpeechThreshold: positive, negativeSpeechThreshold: negative } = thresholds;
  if (!(positive > 0 && positive <= 1)) {
    throw new RangeError(`positiveSpeechThreshold must be in (0, 1], got ${positive}`);
  }
  if (!(negative >= 0 && negative <= positive)) {
    throw new RangeError(`negativeSpeechThreshold must be in [0, positiveSpeechThreshold], got ${negative}`);
  }
}

/**
 * Speech decisions with hysteresis: speech starts at a frame at or above the positive threshold and lasts
 * while frames stay at or above the negative one. The engine reads a frame as speech when its probability
 * reaches `engineThreshold`, so each probability is moved just enough to land on the decided side of it.
 */
export class SpeechHysteresis {
  private speaking = false;

  constructor(
    private readonly thresholds: SpeechThresholds = DEFAULT_SPEECH_THRESHOLDS,
    private readonly engineThreshold = SPEECH_PROBABILITY_THRESHOLD,
  ) {
    checkThresholds(thresholds);
  }

  /** The probability to hand to the engine for a frame the model scored `probability`. */
  decide(probability: number): number {
    if (this.speaking) {
      if (probability < this.thresholds.negativeSpeechThreshold) this.speaking = false;
    } else if (probability >= this.thresholds.positiveSpeechThreshold) {
      this.speaking = true;
    }
    return this.speaking
      ? Math.max(probability, this.engineThreshold)
      : Math.min(probability, this.engineThreshold * (1 - Number.EPSILON));
  }

  reset(): void {
    this.speaking = false;
  }
}

/**
 * Places a detector's frames on the call clock by counting them: frame k (0-based, in the order the model
 * scored them) ends at origin + (k + 1) × frameSamples, each probability moved across the engine's
 * threshold by the hysteresis. The browser and Node score the call's own 8 kHz audio from its first
 * sample, so the origin is 0 there. The model runs behind the audio, so frames usually arrive after the
 * chunks they cover; the engine places them by their position, not by their arrival.
 */
export class FrameClock {
  private emitted = 0;
  private readonly waiting: number[] = [];
  private readonly hysteresis: SpeechHysteresis;

  constructor(
    thresholds: SpeechThresholds = DEFAULT_SPEECH_THRESHOLDS,
    private readonly frameSamples = SILERO_FRAME_SAMPLES_8K,
    private readonly origin = 0,
  ) {
    if (!(frameSamples > 0))
      throw new RangeError(`FrameClock: frameSamples must be positive, got ${frameSamples}`);
    this.hysteresis = new SpeechHysteresis(thresholds);
  }

  /** A frame the model scored (its speech probability), in order. */
  add(probability: number): void {
    this.waiting.push(this.hysteresis.decide(probability));
  }

  /** The frames added since the last call, placed on the call clock. */
  take(): VadFrame[] {
    const frames: VadFrame[] = [];
    for (const speechProbability of this.waiting) {
      this.emitted++;
      frames.push({
        endSample: this.origin + Math.round(this.emitted * this.frameSamples),
        speechProbability,
      });
    }
    this.waiting.length = 0;
    return frames;
  }
}
