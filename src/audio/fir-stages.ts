/**
 * The two kinds of FIR stage the Resampler chains: a rational polyphase stage (any ratio) and a
 * half-band decimator (÷2). Both keep their own input history in a preallocated Float64Array, place
 * outputs with integer arithmetic only, and compute in double precision.
 *
 * Protocol, per chunk: `compact()` when `room()` is less than the chunk, `append32`/`append64` the chunk,
 * then `drain()` into an output array (or `drainInto()` the next stage's buffer). `outputsAfter(n)` says
 * exactly how many samples `drain` will give after n more input samples.
 */
import { besselI0, kaiserBeta, kaiserLength, kaiserWindow, sinc } from './kaiser.ts';
import { gcd } from './gcd.ts';

/** Above this many phases a polyphase stage keeps this many table rows and interpolates between them. */
const MAX_EXACT_PHASES = 1024;

abstract class FirStage {
  /** Delay of the stage (centre of its filter) in seconds. */
  abstract readonly delaySeconds: number;
  protected readonly taps: number;
  protected readonly buffer: Float64Array;
  /** Valid samples in the buffer. */
  protected fill: number;
  /** Buffer index of the oldest sample under the filter for the next output. */
  protected start = 0;

  constructor(taps: number, chunkSamples: number, stepSamples: number) {
    this.taps = taps;
    // Room for several chunks, so that the history is moved back only every few chunks.
    this.buffer = new Float64Array(taps + stepSamples + 1 + Math.max(4 * chunkSamples, 4096));
    // taps − 1 zeros of history: the first output is due as soon as the first sample arrives.
    this.fill = taps - 1;
  }

  /** Drops samples no future output needs; afterwards `room()` is at least the chunk size. */
  compact(): void {
    const drop = this.start < this.fill ? this.start : this.fill;
    if (drop === 0) return;
    this.buffer.copyWithin(0, drop, this.fill);
    this.fill -= drop;
    this.start -= drop;
  }

  room(): number {
    return this.buffer.length - this.fill;
  }

  append32(source: Float32Array, from: number, count: number): void {
    const buffer = this.buffer;
    const fill = this.fill;
    for (let i = 0; i < count; i++) buffer[fill + i] = source[from + i]!;
    this.fill = fill + count;
  }

  append64(source: Float64Array, from: number, count: number): void {
    const buffer = this.buffer;
    const fill = this.fill;
    for (let i = 0; i < count; i++) buffer[fill + i] = source[from + i]!;
    this.fill = fill + count;
  }

  /**
   * Drains this stage straight into the buffer of the stage after it (no intermediate copy); `inputLength`
   * is what was just appended here. Returns the samples passed on.
   */
  drainInto(next: FirStage, inputLength: number): number {
    if (next.room() < this.maxOutputFor(inputLength) + 1) next.compact();
    const produced = this.drain(next.buffer, next.fill);
    next.fill += produced;
    return produced;
  }

  abstract drain(output: Float64Array | Float32Array, at: number): number;
  abstract outputsAfter(inputLength: number): number;
  abstract maxOutputFor(inputLength: number): number;
}

export interface PolyphaseDesign {
  inputRateHz: number;
  outputRateHz: number;
  passbandHz: number;
  stopbandHz: number;
  attenuationDb: number;
  /** Largest number of samples appended between drains. */
  chunkSamples: number;
}

/** Windowed-sinc polyphase FIR for a rational ratio L/M (in lowest terms), exact phases up to 1024. */
export class PolyphaseStage extends FirStage {
  readonly delaySeconds: number;
  private readonly up: number;
  private readonly down: number;
  private readonly stepSamples: number;
  private readonly stepPhase: number;
  private readonly rows: number;
  private readonly interpolated: boolean;
  private readonly symmetric: boolean;
  /** Row r: taps for a fractional delay of r / rows, reversed so it runs forwards over the buffer. */
  private readonly table: Float64Array;
  /** Phase of the next output in 1/L input samples. */
  private phase = 0;

  constructor(design: PolyphaseDesign) {
    const inRate = design.inputRateHz;
    const divisor = gcd(inRate, design.outputRateHz);
    const up = design.outputRateHz / divisor;
    const down = inRate / divisor;
    const cutoff = (design.passbandHz + design.stopbandHz) / 2 / inRate;
    const designTaps = kaiserLength(design.attenuationDb, (design.stopbandHz - design.passbandHz) / inRate);
    // An even count (symmetric pairs) for one phase; a multiple of 4 (unrolled loop) for several.
    const taps = up === 1 ? Math.ceil(designTaps / 2) * 2 : Math.ceil(designTaps / 4) * 4;
    const stepSamples = Math.floor(down / up);
    super(taps, design.chunkSamples, stepSamples);
    this.up = up;
    this.down = down;
    this.stepSamples = stepSamples;
    this.stepPhase = down % up;
    this.interpolated = up > MAX_EXACT_PHASES;
    const rows = this.interpolated ? MAX_EXACT_PHASES : up;
    this.rows = rows;
    this.symmetric = rows === 1;
    const rowCount = this.interpolated ? rows + 1 : rows;

    // The prototype, sampled every 1/rows input samples, is symmetric about `centre`.
    const centre = (taps * rows - 1) / (2 * rows);
    const beta = kaiserBeta(design.attenuationDb);
    const i0Beta = besselI0(beta);
    this.table = new Float64Array(rowCount * taps);
    for (let r = 0; r < rowCount; r++) {
      let sum = 0;
      for (let k = 0; k < taps; k++) {
        const x = k + r / rows - centre;
        const value = 2 * cutoff * sinc(2 * cutoff * x) * kaiserWindow(x, centre, beta, i0Beta);
        this.table[r * taps + (taps - 1 - k)] = value;
        sum += value;
      }
      for (let k = 0; k < taps; k++) this.table[r * taps + k]! /= sum; // unity gain at DC, every phase
    }
    this.delaySeconds = centre / inRate;
  }

  maxOutputFor(inputLength: number): number {
    return inputLength <= 0 ? 0 : Math.ceil((inputLength * this.up) / this.down);
  }

  outputsAfter(inputLength: number): number {
    const slack = this.fill + inputLength - this.taps - this.start;
    if (slack < 0) return 0;
    return Math.floor(((slack + 1) * this.up - 1 - this.phase) / this.down) + 1;
  }

  drain(output: Float64Array, at: number): number {
    if (this.symmetric) return this.drainSymmetric(output, at);
    if (this.interpolated) return this.drainInterpolated(output, at);
    return this.drainPhases(output, at);
  }

  /** One phase (an integer decimation ratio): the taps are symmetric, so add sample pairs first. */
  private drainSymmetric(output: Float64Array, at: number): number {
    const taps = this.taps;
    const half = taps >> 1;
    const table = this.table;
    const buffer = this.buffer;
    const fill = this.fill;
    const step = this.stepSamples;
    let start = this.start;
    let written = at;
    // Four outputs per pass share each coefficient load.
    while (start + 3 * step + taps <= fill) {
      const end = start + taps - 1;
      let y0 = 0;
      let y1 = 0;
      let y2 = 0;
      let y3 = 0;
      for (let k = 0; k < half; k++) {
        const t = table[k]!;
        const lo = start + k;
        const hi = end - k;
        y0 += (buffer[lo]! + buffer[hi]!) * t;
        y1 += (buffer[lo + step]! + buffer[hi + step]!) * t;
        y2 += (buffer[lo + 2 * step]! + buffer[hi + 2 * step]!) * t;
        y3 += (buffer[lo + 3 * step]! + buffer[hi + 3 * step]!) * t;
      }
      output[written++] = y0;
      output[written++] = y1;
      output[written++] = y2;
      output[written++] = y3;
      start += 4 * step;
    }
    while (start + taps <= fill) {
      const end = start + taps - 1;
      let y = 0;
      for (let k = 0; k < half; k++) y += (buffer[start + k]! + buffer[end - k]!) * table[k]!;
      output[written++] = y;
      start += step;
    }
    this.start = start;
    return written - at;
  }

  /** Exact phases: one table row per phase. */
  private drainPhases(output: Float64Array, at: number): number {
    const taps = this.taps;
    const table = this.table;
    const buffer = this.buffer;
    const fill = this.fill;
    const up = this.up;
    const stepSamples = this.stepSamples;
    const stepPhase = this.stepPhase;
    let start = this.start;
    let phase = this.phase;
    let written = at;
    while (start + taps <= fill) {
      const offset = phase * taps;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let k = 0; k < taps; k += 4) {
        a0 += buffer[start + k]! * table[offset + k]!;
        a1 += buffer[start + k + 1]! * table[offset + k + 1]!;
        a2 += buffer[start + k + 2]! * table[offset + k + 2]!;
        a3 += buffer[start + k + 3]! * table[offset + k + 3]!;
      }
      output[written++] = a0 + a1 + (a2 + a3);
      start += stepSamples;
      phase += stepPhase;
      if (phase >= up) {
        phase -= up;
        start++;
      }
    }
    this.start = start;
    this.phase = phase;
    return written - at;
  }

  /** More phases than table rows: interpolate linearly between the two nearest rows. */
  private drainInterpolated(output: Float64Array, at: number): number {
    const taps = this.taps;
    const table = this.table;
    const buffer = this.buffer;
    const fill = this.fill;
    const up = this.up;
    const rows = this.rows;
    const stepSamples = this.stepSamples;
    const stepPhase = this.stepPhase;
    let start = this.start;
    let phase = this.phase;
    let written = at;
    while (start + taps <= fill) {
      const position = (phase * rows) / up;
      const row = Math.floor(position);
      const fraction = position - row;
      const offsetA = row * taps;
      const offsetB = offsetA + taps;
      let a = 0;
      let b = 0;
      for (let k = 0; k < taps; k++) {
        const x = buffer[start + k]!;
        a += x * table[offsetA + k]!;
        b += x * table[offsetB + k]!;
      }
      output[written++] = a + (b - a) * fraction;
      start += stepSamples;
      phase += stepPhase;
      if (phase >= up) {
        phase -= up;
        start++;
      }
    }
    this.start = start;
    this.phase = phase;
    return written - at;
  }
}

export interface HalfbandDesign {
  inputRateHz: number;
  /** Passband edge; the stopband edge mirrors it about a quarter of the input rate. */
  passbandHz: number;
  attenuationDb: number;
  chunkSamples: number;
}

/** Half-band decimator by 2: every other tap is zero and the rest are symmetric pairs. */
export class HalfbandStage extends FirStage {
  readonly delaySeconds: number;
  /** Coefficient of the centre tap. */
  private readonly centreTap: number;
  /** Coefficients of taps at odd distances 1, 3, 5, … from the centre. */
  private readonly pairs: Float64Array;
  private readonly centre: number;

  constructor(design: HalfbandDesign) {
    const transition = (design.inputRateHz / 2 - 2 * design.passbandHz) / design.inputRateHz;
    const designTaps = kaiserLength(design.attenuationDb, transition);
    const pairCount = Math.max(1, Math.ceil((designTaps - 3) / 4) + 1); // taps = 4 × pairCount − 1
    const taps = 4 * pairCount - 1;
    super(taps, design.chunkSamples, 2);
    const centre = (taps - 1) / 2;
    this.centre = centre;
    const beta = kaiserBeta(design.attenuationDb);
    const i0Beta = besselI0(beta);
    this.pairs = new Float64Array(pairCount);
    let sum = 0.5;
    for (let i = 0; i < pairCount; i++) {
      const d = 2 * i + 1;
      const value = 0.5 * sinc(d / 2) * kaiserWindow(d, centre, beta, i0Beta);
      this.pairs[i] = value;
      sum += 2 * value;
    }
    for (let i = 0; i < pairCount; i++) this.pairs[i]! /= sum;
    this.centreTap = 0.5 / sum;
    this.delaySeconds = centre / design.inputRateHz;
  }

  maxOutputFor(inputLength: number): number {
    return inputLength <= 0 ? 0 : Math.ceil(inputLength / 2);
  }

  outputsAfter(inputLength: number): number {
    const slack = this.fill + inputLength - this.taps - this.start;
    return slack < 0 ? 0 : (slack >> 1) + 1;
  }

  drain(output: Float32Array, at: number): number {
    const taps = this.taps;
    const pairs = this.pairs;
    const count = pairs.length;
    const buffer = this.buffer;
    const fill = this.fill;
    const centreTap = this.centreTap;
    const centre = this.centre;
    let start = this.start;
    let written = at;
    // Four outputs per pass. Output m + j's pair i is (left of m's pair i − j, right of m's pair i + j),
    // so each sample loaded serves all four: one new left and one new right sample per pair.
    while (start + 6 + taps <= fill) {
      const middle = start + centre;
      let y0 = buffer[middle]! * centreTap;
      let y1 = buffer[middle + 2]! * centreTap;
      let y2 = buffer[middle + 4]! * centreTap;
      let y3 = buffer[middle + 6]! * centreTap;
      let left1 = buffer[middle + 1]!;
      let left2 = buffer[middle + 3]!;
      let left3 = buffer[middle + 5]!;
      let right0 = left1;
      let right1 = left2;
      let right2 = left3;
      for (let i = 0; i < count; i++) {
        const left0 = buffer[middle - 2 * i - 1]!;
        const right3 = buffer[middle + 2 * i + 7]!;
        const p = pairs[i]!;
        y0 += (left0 + right0) * p;
        y1 += (left1 + right1) * p;
        y2 += (left2 + right2) * p;
        y3 += (left3 + right3) * p;
        left3 = left2;
        left2 = left1;
        left1 = left0;
        right0 = right1;
        right1 = right2;
        right2 = right3;
      }
      output[written++] = y0;
      output[written++] = y1;
      output[written++] = y2;
      output[written++] = y3;
      start += 8;
    }
    while (start + taps <= fill) {
      const middle = start + centre;
      let y = buffer[middle]! * centreTap;
      for (let i = 0; i < count; i++) {
        y += (buffer[middle - 2 * i - 1]! + buffer[middle + 2 * i + 1]!) * pairs[i]!;
      }
      output[written++] = y;
      start += 2;
    }
    this.start = start;
    return written - at;
  }
}
