/**
 * Finds where a detector's own audio stream starts on the call clock, by matching its audio against the
 * captured 8 kHz audio (normalised cross-correlation). The detector (vad-web's worklet) and the capture
 * worklet listen to the same stream but start at slightly different moments, which frame counting alone
 * cannot see; the match finds the offset to the sample, with no clock read. Pure: unit-tested in Node.
 */

export interface AlignerOptions {
  /** How far before the first captured chunk the detector's stream may start (default 2000 = 0.25 s). */
  searchBeforeSamples: number;
  /** How far after it (default 400 = 50 ms). */
  searchAfterSamples: number;
  /** Frames (of the detector) matched at once (default 4 = 128 ms). */
  windowFrames: number;
  /** Windows quieter than this RMS (linear, full scale 1) are not used (default −70 dBFS). */
  minRms: number;
  /** A match weaker than this normalised correlation is refused (default 0.8). */
  minCorrelation: number;
  /**
   * The best match must beat every match more than `uniqueSamples` away from it by this much (default
   * 0.1), so a periodic sound (a steady tone), which matches equally well a period apart, is not used.
   */
  minMargin: number;
  uniqueSamples: number;
  /** Give up after this many detector frames without a usable window (default 47 ≈ 1.5 s). */
  giveUpFrames: number;
}

export const DEFAULT_ALIGNER_OPTIONS: AlignerOptions = {
  searchBeforeSamples: 2000,
  searchAfterSamples: 400,
  windowFrames: 4,
  minRms: 10 ** (-70 / 20),
  minCorrelation: 0.8,
  minMargin: 0.1,
  uniqueSamples: 32,
  giveUpFrames: 47,
};

export type Alignment =
  | { kind: 'matched'; origin: number; correlation: number }
  | { kind: 'counted'; origin: number; reason: string };

export class StreamAligner {
  private readonly options: AlignerOptions;
  private pushedStart: number | null = null;
  private pushed = new Float32Array(8000);
  private pushedLength = 0;
  /** The detector's frames, decimated to 8 kHz (frame length / 2 samples each). */
  private readonly frames: Float32Array[] = [];
  private result: Alignment | null = null;
  private nextWindow = 0;

  /** `frameSamples8k`: clock samples one detector frame covers (see sileroFrameSamples8k). */
  constructor(
    private readonly frameSamples8k: number,
    options: Partial<AlignerOptions> = {},
  ) {
    this.options = { ...DEFAULT_ALIGNER_OPTIONS, ...options };
  }

  get alignment(): Alignment | null {
    return this.result;
  }

  /** Captured audio at `startSample` on the call clock (chunks in order, without gaps). */
  addCaptured(samples: Int16Array, startSample: number): void {
    if (this.result) return;
    this.pushedStart ??= startSample;
    const offset = startSample - this.pushedStart;
    const end = offset + samples.length;
    if (offset < 0) return;
    if (end > this.pushed.length) {
      const grown = new Float32Array(Math.max(end, this.pushed.length * 2));
      grown.set(this.pushed.subarray(0, this.pushedLength));
      this.pushed = grown;
    }
    for (let i = 0; i < samples.length; i++) this.pushed[offset + i] = samples[i]! / 32768;
    this.pushedLength = Math.max(this.pushedLength, end);
  }

  /** One detector frame of 16 kHz audio (as vad-web hands it with its probabilities), in order. */
  addFrame(frame16k: Float32Array): void {
    if (this.result) return;
    const half = new Float32Array(frame16k.length >> 1);
    for (let i = 0; i < half.length; i++) half[i] = 0.5 * (frame16k[2 * i]! + frame16k[2 * i + 1]!);
    this.frames.push(half);
  }

  /** Tries to decide; returns the alignment once known (then it never changes). */
  decide(): Alignment | null {
    if (this.result || this.pushedStart === null) return this.result;
    const o = this.options;
    const firstUsable = Math.ceil(o.searchBeforeSamples / this.frameSamples8k);
    for (let k = Math.max(this.nextWindow, firstUsable); k + o.windowFrames <= this.frames.length; k++) {
      const windowStart = Math.round(k * this.frameSamples8k);
      const needed = windowStart + o.searchAfterSamples + o.windowFrames * (this.frames[0]?.length ?? 0);
      if (needed > this.pushedLength) break; // wait for more captured audio
      this.nextWindow = k + 1;
      const window = concat(this.frames.slice(k, k + o.windowFrames));
      if (rms(window) < o.minRms) continue;
      const match = this.match(window, windowStart);
      if (match && match.correlation >= o.minCorrelation) {
        this.result = {
          kind: 'matched',
          origin: this.pushedStart + match.lag,
          correlation: match.correlation,
        };
        return this.result;
      }
    }
    if (this.frames.length >= o.giveUpFrames) {
      this.result = { kind: 'counted', origin: this.pushedStart, reason: 'no audio to match' };
    }
    return this.result;
  }

  /** Best lag (detector origin − first captured sample) for a window starting at `windowStart`. */
  private match(window: Float32Array, windowStart: number): { lag: number; correlation: number } | null {
    const o = this.options;
    let energyWindow = 0;
    for (const x of window) energyWindow += x * x;
    const correlations = new Float64Array(o.searchBeforeSamples + o.searchAfterSamples + 1);
    let best: { lag: number; correlation: number } | null = null;
    for (let lag = -o.searchBeforeSamples; lag <= o.searchAfterSamples; lag++) {
      const at = windowStart + lag;
      let dot = 0;
      let energy = 0;
      for (let i = 0; i < window.length; i++) {
        const p = this.pushed[at + i]!;
        dot += window[i]! * p;
        energy += p * p;
      }
      const correlation = energy > 0 ? dot / Math.sqrt(energy * energyWindow) : 0;
      correlations[lag + o.searchBeforeSamples] = correlation;
      if (!best || correlation > best.correlation) best = { lag, correlation };
    }
    if (!best) return null;
    // A best match at the edge of the search may lie outside it: refuse it.
    if (best.lag === -o.searchBeforeSamples || best.lag === o.searchAfterSamples) return null;
    for (let i = 0; i < correlations.length; i++) {
      const lag = i - o.searchBeforeSamples;
      if (Math.abs(lag - best.lag) > o.uniqueSamples && correlations[i]! > best.correlation - o.minMargin)
        return null;
    }
    return best;
  }
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function rms(x: Float32Array): number {
  let sum = 0;
  for (const v of x) sum += v * v;
  return Math.sqrt(sum / Math.max(1, x.length));
}
