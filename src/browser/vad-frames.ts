import type { VadFrame } from '../audio/energy-vad.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from '../engine/speech.ts';
import type { Alignment, StreamAligner } from './vad-align.ts';

/** Silero v5 decides frames of 512 samples at 16 kHz: 256 samples (32 ms) of the 8 kHz call clock. */
export const SILERO_FRAME_SAMPLES_8K = 256;
const SILERO_FRAME_SAMPLES_16K = 512;

/**
 * How much of the 8 kHz call clock one model frame covers when vad-web's worklet makes the frames from
 * audio at `contextRateHz`. Its resampler starts each frame afresh and consumes whole input samples,
 * ⌈512 × rate / 16000⌉ of them (1412 at 44.1 kHz, not 1411.2), so a frame lasts slightly more than 32 ms
 * at rates that are not multiples of 16 kHz: 256.145 clock samples at 44.1 kHz, exactly 256 at 48 kHz.
 * Counting 256 per frame would drift 34 ms a minute at 44.1 kHz.
 */
export function sileroFrameSamples8k(contextRateHz: number): number {
  const exact = (SILERO_FRAME_SAMPLES_16K * contextRateHz) / 16000;
  const consumed = Math.abs(exact - Math.round(exact)) < 1e-9 ? Math.round(exact) : Math.ceil(exact);
  return (consumed * 8000) / contextRateHz;
}

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
 * scored them) ends at origin + round((k + 1) × frameSamples) (256 at 16 and 48 kHz, see
 * sileroFrameSamples8k). The origin is the start of the first chunk pushed or, with a StreamAligner, where
 * the detector's own stream is found to start in the captured audio (frames wait until it is known).
 * The model runs behind the audio, so frames usually arrive after the chunks they cover; the engine places
 * them by their position, not by their arrival.
 */
export class FrameClock {
  private origin: number | null = null;
  private emitted = 0;
  private readonly waiting: number[] = [];
  private readonly hysteresis: SpeechHysteresis;

  constructor(
    thresholds: SpeechThresholds = DEFAULT_SPEECH_THRESHOLDS,
    private readonly frameSamples = SILERO_FRAME_SAMPLES_8K,
    private readonly aligner: StreamAligner | null = null,
  ) {
    if (!(frameSamples > 0))
      throw new RangeError(`FrameClock: frameSamples must be positive, got ${frameSamples}`);
    this.hysteresis = new SpeechHysteresis(thresholds);
  }

  /** How the origin was found (null while unknown or without an aligner). */
  get alignment(): Alignment | null {
    return this.aligner?.alignment ?? null;
  }

  /** A frame the model scored (its speech probability and, for alignment, its 16 kHz audio), in order. */
  add(probability: number, frame16k?: Float32Array): void {
    if (this.aligner && this.origin === null && frame16k) this.aligner.addFrame(frame16k);
    this.waiting.push(this.hysteresis.decide(probability));
  }

  /** Called with each pushed chunk (and its start on the call clock): the frames placed since the last call. */
  take(startSample: number, samples: Int16Array = EMPTY): VadFrame[] {
    if (this.origin === null) {
      if (this.aligner) {
        this.aligner.addCaptured(samples, startSample);
        const alignment = this.aligner.decide();
        if (alignment === null) return [];
        this.origin = alignment.origin;
      } else {
        this.origin = startSample;
      }
    }
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

const EMPTY = new Int16Array(0);
