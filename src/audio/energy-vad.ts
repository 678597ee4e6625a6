/**
 * Energy-based voice-activity detector on 8 kHz 16-bit audio: the fallback when the neural VAD cannot
 * load. Frames are counted on the call's sample clock, so decisions land on exact sample positions
 * however the audio is chunked.
 */

export interface EnergyVadOptions {
  /** Samples per decision frame (default 256 = 32 ms at 8 kHz). */
  frameSamples?: number;
  /** Frame RMS level (dBFS) at which speech is declared (default −45). */
  thresholdDbfs?: number;
  /** Frames that keep reading as speech after the level drops, bridging consonant gaps (default 8). */
  hangoverFrames?: number;
}

export interface VadFrame {
  /** Position on the 8 kHz call clock where this frame ends (exclusive). */
  endSample: number;
  /** 0 (silence) … 1 (speech). */
  speechProbability: number;
}

/** Probability rises from 0 at (threshold − this) through 0.5 at the threshold to 1 at (threshold + this), dB. */
const SOFT_RANGE_DB = 6;
/** What a frame in the hangover reads as: speech, but less sure than a loud frame. */
const HANGOVER_PROBABILITY = 0.6;

export class EnergyVad {
  readonly frameSamples: number;
  readonly thresholdDbfs: number;
  readonly hangoverFrames: number;
  private readonly thresholdPower: number;
  private sumSquares = 0;
  private filled = 0;
  /** Clock position where the partial frame ends so far (null until the first push). */
  private position: number | null = null;
  private hangoverLeft = 0;

  constructor(options: EnergyVadOptions = {}) {
    this.frameSamples = options.frameSamples ?? 256;
    this.thresholdDbfs = options.thresholdDbfs ?? -45;
    this.hangoverFrames = options.hangoverFrames ?? 8;
    if (!Number.isInteger(this.frameSamples) || this.frameSamples < 1) {
      throw new RangeError(`EnergyVad: frameSamples must be a positive integer, got ${this.frameSamples}`);
    }
    if (!Number.isInteger(this.hangoverFrames) || this.hangoverFrames < 0) {
      throw new RangeError(
        `EnergyVad: hangoverFrames must be a non-negative integer, got ${this.hangoverFrames}`,
      );
    }
    this.thresholdPower = 10 ** (this.thresholdDbfs / 10);
  }

  /**
   * Adds samples that start at `startSample` on the call clock; returns one entry per frame completed.
   * A push that does not continue where the previous one ended starts framing afresh at `startSample`.
   */
  push(samples: Int16Array, startSample: number): VadFrame[] {
    if (this.position !== startSample) {
      this.sumSquares = 0;
      this.filled = 0;
    }
    const frames: VadFrame[] = [];
    const scale = 1 / 32768;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i]! * scale;
      this.sumSquares += x * x;
      this.filled++;
      if (this.filled === this.frameSamples) {
        frames.push({
          endSample: startSample + i + 1,
          speechProbability: this.decide(this.sumSquares / this.filled),
        });
        this.sumSquares = 0;
        this.filled = 0;
      }
    }
    this.position = startSample + samples.length;
    return frames;
  }

  /** Forgets the partial frame and the hangover (e.g. at the start of a new call). */
  reset(): void {
    this.sumSquares = 0;
    this.filled = 0;
    this.position = null;
    this.hangoverLeft = 0;
  }

  private decide(meanPower: number): number {
    const aboveDb = meanPower > 0 ? 10 * Math.log10(meanPower / this.thresholdPower) : -Infinity;
    const probability = Math.min(1, Math.max(0, 0.5 + (0.5 * aboveDb) / SOFT_RANGE_DB));
    if (probability >= 0.5) {
      this.hangoverLeft = this.hangoverFrames;
      return probability;
    }
    if (this.hangoverLeft > 0) {
      this.hangoverLeft--;
      return HANGOVER_PROBABILITY;
    }
    return probability;
  }
}
