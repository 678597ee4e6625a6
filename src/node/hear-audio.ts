// What the call hears of the caller's audio in Node, as the browser's path hears it: resampled to the
// 8 kHz call clock by our Resampler and rounded to 16 bits as the capture worklet does, then judged by
// Silero v5 (upsampled to 16 kHz, 512-sample frames) and its frames placed on that clock by FrameClock
// with the browser's thresholds: frame k ends at sample 256 × (k + 1).
import type { VadFrame } from '../audio/energy-vad.ts';
import { Resampler } from '../audio/resampler.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import {
  DEFAULT_SPEECH_THRESHOLDS,
  FrameClock,
  checkThresholds,
  SILERO_FRAME_SAMPLES_8K,
  type SpeechThresholds,
} from '../browser/vad-frames.ts';
import { checkCallerSamples } from './read-audio.ts';
import { loadSilero, type SileroLoadOptions } from './silero.ts';

export interface HearOptions {
  /** Hysteresis of the speech decisions (default DEFAULT_SPEECH_THRESHOLDS, as in the browser). */
  thresholds?: SpeechThresholds;
  /** Which model file and runtime (default: vad-web's Silero v5 on onnxruntime-web's wasm). */
  silero?: SileroLoadOptions;
}

export interface HeardCallerAudio {
  /** The caller's audio on the call clock: 8 kHz, 16-bit, ⌈length × 8000 / rate⌉ samples. */
  samples8k: Int16Array;
  /** One frame per whole 256 samples of `samples8k`, ending at 256, 512, …, with decided probabilities. */
  frames: VadFrame[];
  /** The model's own speech probability for each frame, before the hysteresis. */
  probabilities: Float32Array;
  /**
   * The resampler's group delay: sound at t seconds in the input is at t + this on the call clock
   * (0 for 8 kHz input; 3.3–3.9 ms from 11.025 to 192 kHz).
   */
  resamplerLatencySeconds: number;
}

/**
 * Turns the caller's audio (mono, −1…1, at its own rate) into the call clock's samples and the Silero
 * frames the browser's detector would hand the engine for it. Audio shorter than a frame (256 samples on
 * the call clock) gives no frames. Loads the model on first use (about 1–2 s), then scores about 40–60×
 * faster than real time on one core with the default runtime.
 */
export async function hearCallerAudio(
  audio: { samples: Float32Array; rateHz: number },
  options: HearOptions = {},
): Promise<HeardCallerAudio> {
  checkCallerSamples(audio, 'hearCallerAudio');
  const thresholds = options.thresholds ?? DEFAULT_SPEECH_THRESHOLDS;
  checkThresholds(thresholds);
  const { samples8k, latencySeconds } = toCallSamples(audio);
  const probabilities = await scoreCallSamples(samples8k, options.silero);
  return {
    samples8k,
    frames: placeFrames(probabilities, thresholds),
    probabilities,
    resamplerLatencySeconds: latencySeconds,
  };
}

/** Input samples resampled per pass (bounds the scratch memory; the result does not depend on it). */
const BLOCK_SAMPLES = 1 << 16;

/**
 * Resamples to 8 kHz with the capture worklet's Resampler and converts to Int16 as the worklet does:
 * round(x × 32768), clipped to −32768…32767. 8 kHz input passes through unchanged, so a 16-bit 8 kHz WAV
 * comes back sample for sample.
 */
export function toCallSamples(audio: { samples: Float32Array; rateHz: number }): {
  samples8k: Int16Array;
  latencySeconds: number;
} {
  const resampler = new Resampler(audio.rateHz, SAMPLE_RATE_HZ);
  const input = audio.samples;
  const samples8k = new Int16Array(resampler.maxOutputFor(input.length));
  const scratch = new Float32Array(resampler.maxOutputFor(BLOCK_SAMPLES));
  let filled = 0;
  for (let start = 0; start < input.length; start += BLOCK_SAMPLES) {
    const written = resampler.process(input.subarray(start, start + BLOCK_SAMPLES), scratch);
    for (let i = 0; i < written; i++) {
      const scaled = Math.round(scratch[i]! * 32768);
      samples8k[filled++] = scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
    }
  }
  return {
    samples8k: filled === samples8k.length ? samples8k : samples8k.slice(0, filled),
    latencySeconds: resampler.latencySeconds,
  };
}

/** Silero's speech probability for each 256-sample frame of call-clock audio (upsampled to 16 kHz). */
export async function scoreCallSamples(
  samples8k: Int16Array,
  silero: SileroLoadOptions = {},
): Promise<Float32Array> {
  const model = await loadSilero(silero);
  return model.score(upsample2(samples8k));
}

/**
 * The browser detector's frames for the model's probabilities: hysteresis (FrameClock's SpeechHysteresis)
 * and frame k ending at 256 × (k + 1) on the call clock, counted from sample 0.
 */
export function placeFrames(
  probabilities: ArrayLike<number>,
  thresholds: SpeechThresholds = DEFAULT_SPEECH_THRESHOLDS,
): VadFrame[] {
  const clock = new FrameClock(thresholds, SILERO_FRAME_SAMPLES_8K);
  for (let k = 0; k < probabilities.length; k++) clock.add(probabilities[k]!);
  return clock.take(0);
}

const HALF_TAPS = 32;
/** Odd-phase taps of a zero-phase half-band low-pass (Kaiser-windowed sinc, β = 8). */
const TAPS = (() => {
  const taps = new Float64Array(HALF_TAPS);
  const bessel = (x: number): number => {
    let sum = 1;
    let term = 1;
    for (let k = 1; k < 30; k++) {
      term *= (x / (2 * k)) ** 2;
      sum += term;
    }
    return sum;
  };
  const beta = 8;
  for (let k = 0; k < HALF_TAPS; k++) {
    const t = k + 0.5; // distance from the interpolated point, in input samples
    const window = bessel(beta * Math.sqrt(1 - (t / HALF_TAPS) ** 2)) / bessel(beta);
    taps[k] = (Math.sin(Math.PI * t) / (Math.PI * t)) * window;
  }
  return taps;
})();

/**
 * 8 kHz Int16 → 16 kHz float in −1…1 with no delay: even samples are the input, odd ones interpolated
 * (zeros beyond both ends). This is how the model's traces in e2e/fixtures/vad were scored. Written by
 * hand: the Resampler delays its output, and the frames must stay on the 8 kHz clock's grid.
 */
export function upsample2(samples: Int16Array): Float32Array {
  const length = samples.length;
  const padded = new Float64Array(length + 2 * HALF_TAPS);
  for (let i = 0; i < length; i++) padded[HALF_TAPS + i] = samples[i]! / 32768;
  const out = new Float32Array(length * 2);
  for (let n = 0; n < length; n++) {
    const at = HALF_TAPS + n;
    out[2 * n] = padded[at]!;
    let sum = 0;
    for (let k = 0; k < HALF_TAPS; k++) sum += TAPS[k]! * (padded[at - k]! + padded[at + 1 + k]!);
    out[2 * n + 1] = sum;
  }
  return out;
}
