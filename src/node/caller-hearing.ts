/// <reference types="node" />
// What simulateCall's `input.audio` becomes in Node (SPEC §9): the caller's WAV (or samples) read by
// readCallerAudio, put on the 8 kHz call clock and judged by Silero exactly as the browser judges a file
// played through its fake microphone (hearCallerAudio), and its in-band DTMF tones found by the detector
// the browser runs on the same 8 kHz stream, each pressing its key where the tone is recognised.
import { DtmfDetector } from '../audio/dtmf-detector.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import type { HeardAudio, SimulatedAudio } from '../engine/simulate.ts';
import type { SpeechThresholds } from '../engine/vad-frames.ts';
import { hearCallerAudio } from './hear-audio.ts';
import { readCallerAudio, type CallerAudio } from './read-audio.ts';
import type { SileroLoadOptions } from './silero.ts';
import type { NetworkLineOptions } from '../audio/network-line.ts';

/**
 * Silence scored after the file's end. A fake microphone plays silence once its file is over, and the
 * model's probability decays over a few frames after speech that runs to the end: those frames decide a
 * timeout that ends just after the file, so they are scored here too.
 */
export const TAIL_SECONDS = 1;
/** The capture path hands the call 20 ms chunks; the detector is fed the same way. */
export const DTMF_CHUNK_SAMPLES = 160;

export interface CallerHearingOptions {
  /** Hysteresis of the speech decisions (default: the browser's). */
  thresholds?: SpeechThresholds;
  /** Which model file and runtime (default: vad-web's Silero v5 on onnxruntime-web's wasm). */
  silero?: SileroLoadOptions;
  /** The network the caller is heard through (SPEC §11): speech and tones are judged on what it delivers. */
  network?: NetworkLineOptions;
  /** Where on the call clock the audio starts (default 0): silence until then, as a file started later. */
  startSample?: number;
  /**
   * Called as the audio is heard: `read` once the file is read (with what it is), then `scoring` with the
   * share of the model's frames scored so far (0…1, at most every 1 %), then `done`.
   */
  onProgress?: (progress: HearingProgress) => void;
}

export type HearingProgress =
  | { stage: 'read'; audio: Pick<CallerAudio, 'rateHz' | 'channels' | 'sourceFormat'>; seconds: number }
  | { stage: 'scoring'; fraction: number }
  | { stage: 'done' };

/**
 * Hears the caller's audio for simulateCall: `samples` on the call clock (8 kHz, as long as the file),
 * one decided speech probability per 256 samples (the file and TAIL_SECONDS of silence after it), and the
 * keys its in-band DTMF tones press. Rejects with readCallerAudio's Error (it names the file and what is
 * wrong) for input that cannot be read.
 */
export async function hearCaller(
  input: SimulatedAudio,
  options: CallerHearingOptions = {},
): Promise<HeardAudio> {
  const audio = await readCallerAudio(input);
  const { rateHz } = audio;
  const seconds = audio.samples.length / rateHz;
  const { channels, sourceFormat } = audio;
  options.onProgress?.({ stage: 'read', audio: { rateHz, channels, sourceFormat }, seconds });
  const padded = new Float32Array(audio.samples.length + TAIL_SECONDS * rateHz);
  padded.set(audio.samples);
  const progress = options.onProgress;
  let shownPercent = 0;
  progress?.({ stage: 'scoring', fraction: 0 });
  const heard = await hearCallerAudio(
    { samples: padded, rateHz },
    {
      ...(options.thresholds ? { thresholds: options.thresholds } : {}),
      ...(options.silero ? { silero: options.silero } : {}),
      ...(options.network ? { network: options.network } : {}),
      ...(options.startSample ? { leadingSamples8k: options.startSample } : {}),
      ...(progress
        ? {
            onFrame: (done: number, total: number) => {
              const percent = Math.min(100, Math.floor((100 * done) / Math.max(1, total)));
              if (percent !== shownPercent) {
                shownPercent = percent;
                progress({ stage: 'scoring', fraction: percent / 100 });
              }
            },
          }
        : {}),
    },
  );
  if (shownPercent < 100) progress?.({ stage: 'scoring', fraction: 1 });
  const fileSamples = Math.min(
    heard.samples8k.length,
    (options.startSample ?? 0) + Math.ceil((audio.samples.length * SAMPLE_RATE_HZ) / rateHz),
  );
  const result: HeardAudio = {
    samples: heard.samples8k.slice(0, fileSamples),
    // Float64: a decided silence sits just below the engine's threshold, and float32 would round it onto it.
    frameProbabilities: Float64Array.from(heard.frames, (frame) => frame.speechProbability),
    keys: detectKeys(heard.delivered8k),
  };
  progress?.({ stage: 'done' });
  return result;
}

/**
 * The keys in-band DTMF tones press: the detector fed 20 ms chunks at their call-clock positions, as the
 * browser feeds it the captured stream. Each key at the sample where its tone is first recognised.
 */
export function detectKeys(samples8k: Int16Array): { atSample: number; key: string }[] {
  const detector = new DtmfDetector();
  const keys: { atSample: number; key: string }[] = [];
  for (let at = 0; at < samples8k.length; at += DTMF_CHUNK_SAMPLES) {
    for (const { key, atSample } of detector.push(samples8k.subarray(at, at + DTMF_CHUNK_SAMPLES), at)) {
      keys.push({ atSample, key });
    }
  }
  return keys;
}
