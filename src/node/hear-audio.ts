// What the call hears of the caller's audio in Node, as the browser's path hears it: resampled to the
// 8 kHz call clock by our Resampler and rounded to 16 bits as the capture worklet does, then judged by
// Silero v5 at its native 8 kHz (256-sample frames, src/audio/silero-stream.ts) and its frames placed on
// that clock by FrameClock with the browser's thresholds and decision point.
import type { VadFrame } from '../audio/energy-vad.ts';
import { NetworkLine, type NetworkLineOptions } from '../audio/network-line.ts';
import { Resampler } from '../audio/resampler.ts';
import { toModelSamples } from '../audio/silero-stream.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import {
  DEFAULT_SPEECH_THRESHOLDS,
  FrameClock,
  checkThresholds,
  SILERO_FRAME_SAMPLES_8K,
  type SpeechThresholds,
} from '../engine/vad-frames.ts';
import { checkCallerSamples } from './read-audio.ts';
import { loadSilero, type SileroLoadOptions } from './silero.ts';

export interface HearOptions {
  /** Hysteresis of the speech decisions (default DEFAULT_SPEECH_THRESHOLDS, as in the browser). */
  thresholds?: SpeechThresholds;
  /** Which model file and runtime (default: vad-web's Silero v5 on onnxruntime-web's wasm). */
  silero?: SileroLoadOptions;
  /** Follows the model's work: frames scored so far of all. */
  onFrame?: (done: number, total: number) => void;
  /** The network the audio reaches the platform through (SPEC §11): the model judges what it delivers. */
  network?: NetworkLineOptions;
  /** Silence on the call clock before the audio (a file that starts later in the call); default 0. */
  leadingSamples8k?: number;
}

export interface HeardCallerAudio {
  /** The caller's audio on the call clock: 8 kHz, 16-bit, ⌈length × 8000 / rate⌉ samples (as sent). */
  samples8k: Int16Array;
  /** What the network delivered of `samples8k` (the same array without a network): what was judged. */
  delivered8k: Int16Array;
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
  const resampled = toCallSamples(audio);
  const lead = options.leadingSamples8k ?? 0;
  if (!(Number.isSafeInteger(lead) && lead >= 0)) {
    throw new RangeError(`hearCallerAudio: leadingSamples8k must be a whole number ≥ 0, got ${lead}`);
  }
  const samples8k = lead === 0 ? resampled.samples8k : new Int16Array(lead + resampled.samples8k.length);
  if (lead > 0) samples8k.set(resampled.samples8k, lead);
  const latencySeconds = resampled.latencySeconds;
  const network = options.network;
  const delivered8k =
    network && network.codec !== 'direct' ? new NetworkLine(network).process(samples8k) : samples8k;
  const probabilities = await scoreCallSamples(delivered8k, options.silero, options.onFrame);
  return {
    samples8k,
    delivered8k,
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

/** Silero's speech probability for each 256-sample frame of call-clock audio. */
export async function scoreCallSamples(
  samples8k: Int16Array,
  silero: SileroLoadOptions = {},
  onFrame?: (done: number, total: number) => void,
): Promise<Float32Array> {
  const model = await loadSilero(silero);
  return model.score(toModelSamples(samples8k), onFrame);
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
  return clock.take();
}
