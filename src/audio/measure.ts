/**
 * Measurements of a resampler's quality, as DESIGN.md ("Measuring audio quality") defines them. Shared by
 * the unit tests and `bench/resampler.ts`; any converter can be measured through a `ConvertFn`.
 */
import { gcd } from './gcd.ts';
import { SAMPLE_RATE_HZ } from './sample-rate.ts';

/** Converts a whole mono signal (fed in blocks, as a stream) and returns all output produced. */
export type ConvertFn = (input: Float32Array) => Float32Array;

export interface SineFit {
  /** Peak amplitude of the fitted sine (1 = full scale). */
  amplitude: number;
  /** Phase in radians of the fitted sine a·sin(ωn + phase) at n = 0. */
  phase: number;
  /** Mean power of what the sine does not explain. */
  residualPower: number;
  /** Mean power of the fitted sine. */
  signalPower: number;
}

/** The frequency (0 … rate/2) at which a tone of `frequencyHz` appears after sampling at `rateHz`. */
export function foldFrequency(frequencyHz: number, rateHz: number): number {
  const wrapped = ((frequencyHz % rateHz) + rateHz) % rateHz;
  return wrapped > rateHz / 2 ? rateHz - wrapped : wrapped;
}

/**
 * Least-squares fit of a·sin(ωn) + b·cos(ωn) at an exact frequency. At 0 Hz and at Nyquist one of the two
 * terms vanishes, so the fit falls back to the other alone.
 */
export function fitSine(samples: ArrayLike<number>, frequencyHz: number, rateHz: number): SineFit {
  const n = samples.length;
  const omega = (2 * Math.PI * frequencyHz) / rateHz;
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let ys = 0;
  let yc = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.sin(omega * i);
    const c = Math.cos(omega * i);
    const y = samples[i]!;
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += y * s;
    yc += y * c;
  }
  let a = 0;
  let b = 0;
  const det = ss * cc - sc * sc;
  if (det > 1e-9 * (ss + cc) * (ss + cc)) {
    a = (ys * cc - yc * sc) / det;
    b = (yc * ss - ys * sc) / det;
  } else if (ss > cc) {
    a = ys / ss;
  } else if (cc > 0) {
    b = yc / cc;
  }
  // Residual energy of the projection: |y|² − (fitted · y).
  let residual = 0;
  let fitted = 0;
  for (let i = 0; i < n; i++) {
    const f = a * Math.sin(omega * i) + b * Math.cos(omega * i);
    const e = samples[i]! - f;
    residual += e * e;
    fitted += f * f;
  }
  return {
    amplitude: Math.hypot(a, b),
    phase: Math.atan2(b, a),
    residualPower: residual / Math.max(1, n),
    signalPower: fitted / Math.max(1, n),
  };
}

/** A sine of `amplitude` (peak, 1 = full scale) at `frequencyHz`, starting at `phase` radians. */
export function sineTone(
  frequencyHz: number,
  rateHz: number,
  lengthSamples: number,
  amplitude = 1,
  phase = 0,
): Float32Array {
  const out = new Float32Array(lengthSamples);
  const omega = (2 * Math.PI * frequencyHz) / rateHz;
  for (let i = 0; i < lengthSamples; i++) out[i] = amplitude * Math.sin(omega * i + phase);
  return out;
}

export function toDb(ratio: number): number {
  return 20 * Math.log10(ratio);
}

export interface MeasureOptions {
  inputRateHz: number;
  outputRateHz?: number;
  /** Output samples discarded at the start (start-up transient). Default 0.05 s of output. */
  settleSamples?: number;
  /** Output samples analysed after settling. Default 0.5 s of output. */
  analyseSamples?: number;
}

function analysedOutput(convert: ConvertFn, input: Float32Array, options: MeasureOptions): Float32Array {
  const outRate = options.outputRateHz ?? SAMPLE_RATE_HZ;
  const settle = options.settleSamples ?? Math.round(outRate * 0.05);
  const analyse = options.analyseSamples ?? Math.round(outRate * 0.5);
  const output = convert(input);
  if (output.length < settle + analyse) {
    throw new Error(`converter produced ${output.length} samples, need ${settle + analyse}`);
  }
  return output.subarray(settle, settle + analyse);
}

function inputLengthFor(options: MeasureOptions): number {
  const outRate = options.outputRateHz ?? SAMPLE_RATE_HZ;
  const settle = options.settleSamples ?? Math.round(outRate * 0.05);
  const analyse = options.analyseSamples ?? Math.round(outRate * 0.5);
  // Enough input for the analysed span plus 0.1 s for any converter's delay.
  return Math.ceil(((settle + analyse) / outRate + 0.1) * options.inputRateHz);
}

/** Passband gain in dB of a tone at `frequencyHz` (amplitude 0.5). */
export function measureGainDb(convert: ConvertFn, frequencyHz: number, options: MeasureOptions): number {
  const amplitude = 0.5;
  const input = sineTone(frequencyHz, options.inputRateHz, inputLengthFor(options), amplitude);
  const out = analysedOutput(convert, input, options);
  const fit = fitSine(
    out,
    foldFrequency(frequencyHz, options.outputRateHz ?? SAMPLE_RATE_HZ),
    options.outputRateHz ?? SAMPLE_RATE_HZ,
  );
  return toDb(fit.amplitude / amplitude);
}

/**
 * Level in dBFS of what a 0 dBFS tone at `frequencyHz` leaves at its fold in the output: the worse of a
 * sine and a cosine input phase (a tone folding onto Nyquist can vanish in one phase).
 */
export function measureAliasDbfs(convert: ConvertFn, frequencyHz: number, options: MeasureOptions): number {
  const outRate = options.outputRateHz ?? SAMPLE_RATE_HZ;
  let worst = 0;
  for (const phase of [0, Math.PI / 2]) {
    const input = sineTone(frequencyHz, options.inputRateHz, inputLengthFor(options), 1, phase);
    const out = analysedOutput(convert, input, options);
    const fit = fitSine(out, foldFrequency(frequencyHz, outRate), outRate);
    if (fit.amplitude > worst) worst = fit.amplitude;
  }
  return toDb(worst);
}

/**
 * SNR in dB of a −3 dBFS tone (997 Hz by default) after rounding the output to 16 bits, with signal and
 * residual powers pooled over `phases` evenly spaced input phases.
 */
export function measureSnr16Db(
  convert: ConvertFn,
  options: MeasureOptions & { frequencyHz?: number; phases?: number },
): number {
  const outRate = options.outputRateHz ?? SAMPLE_RATE_HZ;
  const frequency = options.frequencyHz ?? 997;
  const phases = options.phases ?? 16;
  const amplitude = 10 ** (-3 / 20);
  // One second of output by default: a whole period of the output pattern of 997 Hz at 8 kHz. Over a
  // whole period the rounding error depends only on where the samples fall within one step of 2π / N
  // (N = samples per period), so the phases are spread over that step as well as around the circle.
  options = { analyseSamples: outRate, ...options };
  const period = outRate / gcd(Math.round(frequency), outRate);
  let signal = 0;
  let noise = 0;
  for (let p = 0; p < phases; p++) {
    const phase = (2 * Math.PI * p) / phases + (2 * Math.PI * p) / (phases * period);
    const input = sineTone(frequency, options.inputRateHz, inputLengthFor(options), amplitude, phase);
    const out = analysedOutput(convert, input, options);
    const rounded = new Float64Array(out.length);
    for (let i = 0; i < out.length; i++) {
      const q = Math.round(out[i]! * 32768);
      rounded[i] = (q > 32767 ? 32767 : q < -32768 ? -32768 : q) / 32768;
    }
    const fit = fitSine(rounded, frequency, outRate);
    signal += fit.signalPower;
    noise += fit.residualPower;
  }
  return 10 * Math.log10(signal / noise);
}

/**
 * Group delay in seconds at `centreHz`, from the phase slope of the output between centreHz ± 5 Hz,
 * taking output sample k to stand for time k / outputRate (so samples a converter holds back at the
 * start are not included: see `measureHeldSeconds`). Range ±50 ms.
 */
export function measureGroupDelaySeconds(
  convert: ConvertFn,
  options: MeasureOptions & { centreHz?: number },
): number {
  const outRate = options.outputRateHz ?? SAMPLE_RATE_HZ;
  const centre = options.centreHz ?? 1000;
  const f1 = centre - 5;
  const f2 = centre + 5;
  const settle = options.settleSamples ?? Math.round(outRate * 0.05);
  const phaseAt = (f: number): number => {
    const input = sineTone(f, options.inputRateHz, inputLengthFor(options), 0.5);
    const out = analysedOutput(convert, input, options);
    // Phase relative to the input's phase at the first analysed output instant.
    const fit = fitSine(out, f, outRate);
    return fit.phase - (2 * Math.PI * f * settle) / outRate;
  };
  const turn = 2 * Math.PI;
  let difference = (phaseAt(f1) - phaseAt(f2)) % turn;
  // Unambiguous for delays within ±1 / (2 × 10 Hz) = ±50 ms.
  if (difference > Math.PI) difference -= turn;
  if (difference <= -Math.PI) difference += turn;
  return difference / (turn * (f2 - f1));
}

/**
 * Output a converter holds back, in seconds: how far its output count after one second of input falls
 * short of (positive) or runs ahead of (negative) one second of output.
 */
export function measureHeldSeconds(convert: ConvertFn, options: MeasureOptions): number {
  const outRate = options.outputRateHz ?? SAMPLE_RATE_HZ;
  const produced = convert(new Float32Array(options.inputRateHz)).length;
  return (outRate - produced) / outRate;
}
