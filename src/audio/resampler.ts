/**
 * Streaming mono sample-rate converter (any rate → 8 kHz by default) for the capture path.
 *
 * Linear-phase FIR filtering in two stages when the input is at least twice the output rate:
 * a polyphase windowed-sinc stage to twice the output rate (16 kHz) that only has to clear what would fold
 * onto 0–4.5 kHz, then a half-band ÷2 stage that does the sharp 3.5 → 4.5 kHz cut with half its taps zero.
 * Other ratios use one polyphase stage with the same passband and stopband. Ratios are reduced to whole
 * numbers (44 100 → 16 000 is 441 : 160) and each output's position is an integer sample index plus an
 * integer phase, so the count never drifts: after N input samples exactly ceil(N × out / in) samples have
 * been written. Output sample k is the filtered input at k / out − `latencySeconds`; no input is held
 * back beyond the newest sample.
 *
 * Everything is allocated in the constructor; `process` reads the caller's input and writes into the
 * caller's output, so it is safe in an AudioWorklet's render callback.
 */
import { HalfbandStage, PolyphaseStage } from './fir-stages.ts';
import { gcd } from './gcd.ts';
import { SAMPLE_RATE_HZ } from './sample-rate.ts';

/** Passband edge as a fraction of the lower rate (3.4 kHz at 8 kHz): flat within ±0.01 dB below it. */
const PASSBAND_EDGE = 3400 / SAMPLE_RATE_HZ;
/** Edge of the half-band stage's passband (3.5 kHz at 8 kHz); its stopband mirrors it at 4.5 kHz. */
const HALFBAND_PASSBAND_EDGE = 3500 / SAMPLE_RATE_HZ;
/** Stopband edge as a fraction of the lower rate (4.5 kHz at 8 kHz): ≥ 100 dB down above it. */
const STOPBAND_EDGE = 4500 / SAMPLE_RATE_HZ;
/** Kaiser design attenuation of each stage (dB), a little above the 100 dB goal for margin. */
const ATTENUATION_DB = 106;
/** Input samples handled per pass through the stages. */
const CHUNK_SAMPLES = 1024;

export class Resampler {
  readonly inputRateHz: number;
  readonly outputRateHz: number;
  /** Group delay: output sample k represents the input at k / outputRateHz − latencySeconds. */
  readonly latencySeconds: number;

  private readonly up: number;
  private readonly down: number;
  /** First stage (fed the caller's input), if any. */
  private readonly first: PolyphaseStage | null;
  /** Half-band stage after `first` (or fed directly when the input is exactly twice the output). */
  private readonly halfband: HalfbandStage | null;
  /** Output of a lone polyphase stage for one chunk (before it is narrowed to Float32). */
  private readonly middle: Float64Array;

  constructor(inputRateHz: number, outputRateHz = SAMPLE_RATE_HZ) {
    if (!Number.isFinite(inputRateHz) || inputRateHz < 1) {
      throw new RangeError(`Resampler: input rate must be a positive number of hertz, got ${inputRateHz}`);
    }
    if (!Number.isFinite(outputRateHz) || outputRateHz < 1) {
      throw new RangeError(`Resampler: output rate must be a positive number of hertz, got ${outputRateHz}`);
    }
    const inRate = Math.round(inputRateHz);
    const outRate = Math.round(outputRateHz);
    this.inputRateHz = inRate;
    this.outputRateHz = outRate;
    const divisor = gcd(inRate, outRate);
    this.up = outRate / divisor;
    this.down = inRate / divisor;

    let first: PolyphaseStage | null = null;
    let halfband: HalfbandStage | null = null;
    if (inRate >= 2 * outRate) {
      const middleRate = 2 * outRate;
      if (inRate !== middleRate) {
        first = new PolyphaseStage({
          inputRateHz: inRate,
          outputRateHz: middleRate,
          passbandHz: HALFBAND_PASSBAND_EDGE * outRate,
          stopbandHz: middleRate - STOPBAND_EDGE * outRate,
          attenuationDb: ATTENUATION_DB,
          chunkSamples: CHUNK_SAMPLES,
        });
      }
      halfband = new HalfbandStage({
        inputRateHz: middleRate,
        passbandHz: HALFBAND_PASSBAND_EDGE * outRate,
        attenuationDb: ATTENUATION_DB,
        chunkSamples: first ? first.maxOutputFor(CHUNK_SAMPLES) : CHUNK_SAMPLES,
      });
    } else if (inRate !== outRate) {
      const lowerRate = Math.min(inRate, outRate);
      first = new PolyphaseStage({
        inputRateHz: inRate,
        outputRateHz: outRate,
        passbandHz: PASSBAND_EDGE * lowerRate,
        stopbandHz: STOPBAND_EDGE * lowerRate,
        attenuationDb: ATTENUATION_DB,
        chunkSamples: CHUNK_SAMPLES,
      });
    }
    this.first = first;
    this.halfband = halfband;
    this.middle = new Float64Array(first && !halfband ? first.maxOutputFor(CHUNK_SAMPLES) + 1 : 1);
    this.latencySeconds = (first?.delaySeconds ?? 0) + (halfband?.delaySeconds ?? 0);
  }

  /** The most samples `process` can write for an input of this length, whatever the state. */
  maxOutputFor(inputLength: number): number {
    return inputLength <= 0 ? 0 : Math.ceil((inputLength * this.up) / this.down);
  }

  /**
   * Consumes all of `input` and writes the resampled samples to the start of `output`; returns how many.
   * Throws a RangeError (consuming nothing) if `output` is too short for this call.
   */
  process(input: Float32Array, output: Float32Array): number {
    const count = input.length;
    const first = this.first;
    const halfband = this.halfband;
    if (!first && !halfband) {
      if (output.length < count) tooShort(output.length, count);
      output.set(input);
      return count;
    }
    const needed = first
      ? halfband
        ? halfband.outputsAfter(first.outputsAfter(count))
        : first.outputsAfter(count)
      : halfband!.outputsAfter(count);
    if (output.length < needed) tooShort(output.length, needed);

    let read = 0;
    let written = 0;
    while (read < count) {
      const take = count - read < CHUNK_SAMPLES ? count - read : CHUNK_SAMPLES;
      if (first) {
        if (first.room() < take) first.compact();
        first.append32(input, read, take);
        if (halfband) {
          first.drainInto(halfband, take);
          written += halfband.drain(output, written);
        } else {
          const middle = this.middle;
          const produced = first.drain(middle, 0);
          for (let i = 0; i < produced; i++) output[written + i] = middle[i]!;
          written += produced;
        }
      } else {
        if (halfband!.room() < take) halfband!.compact();
        halfband!.append32(input, read, take);
        written += halfband!.drain(output, written);
      }
      read += take;
    }
    return written;
  }
}

function tooShort(have: number, need: number): never {
  throw new RangeError(`Resampler.process: output holds ${have} samples but this call writes ${need}`);
}
