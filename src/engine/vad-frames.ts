import type { VadFrame } from '../audio/energy-vad.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from './speech.ts';

/** Silero v5 decides frames of 256 samples at 8 kHz: 32 ms of the call clock. */
export const SILERO_FRAME_SAMPLES_8K = 256;

/**
 * Where a frame's decision is placed on the call clock: at the frame's middle, not its end (the origin of
 * the frame grid is half a frame early). Speech and silence are then counted from the middle of the frame
 * that decided them, which ends a recording 16 ms closer to where the words stopped; measured on the
 * fixtures (bench/silence.ts): with it, every silence timeout lands within 60 ms (clean) and 100 ms (10 dB
 * SNR) of the truth at the thresholds below.
 */
export const VAD_DECISION_OFFSET_SAMPLES = -SILERO_FRAME_SAMPLES_8K / 2;

export interface SpeechThresholds {
  /** A frame at or above this probability starts speech (default 0.95). */
  positiveSpeechThreshold: number;
  /** Speech goes on until a frame falls below this probability (default 0.95). */
  negativeSpeechThreshold: number;
}

/**
 * Defaults tuned on the fixtures in e2e/fixtures/vad (bench/silence.ts reports the figures). Silero keeps
 * a decaying probability for a few frames after speech ends (longer over noise); every frame of that tail
 * read as speech delays the silence timeout by 32 ms, so the negative threshold is what matters: at 0.95
 * the tail is cut (speech in noise ends within 54 ms of the truth instead of 126 ms at 0.8). Silence and
 * noise score below 0.06; the quiet speaker's words still reach 0.95 in 56 frames, so no speaker turns
 * "empty".
 */
export const DEFAULT_SPEECH_THRESHOLDS: SpeechThresholds = {
  positiveSpeechThreshold: 0.95,
  negativeSpeechThreshold: 0.95,
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
 * sample; the origin is VAD_DECISION_OFFSET_SAMPLES (each decision at its frame's middle). The model runs behind the audio, so frames usually arrive after the
 * chunks they cover; the engine places them by their position, not by their arrival.
 */
export class FrameClock {
  private emitted = 0;
  private readonly waiting: number[] = [];
  private readonly hysteresis: SpeechHysteresis;

  constructor(
    thresholds: SpeechThresholds = DEFAULT_SPEECH_THRESHOLDS,
    private readonly frameSamples = SILERO_FRAME_SAMPLES_8K,
    private readonly origin = VAD_DECISION_OFFSET_SAMPLES,
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
