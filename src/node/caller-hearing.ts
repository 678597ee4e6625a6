/// <reference types="node" />
// What simulateCall's `input.audio` becomes in Node (SPEC §9): the caller's WAV (or samples) read by
// readCallerAudio, put on the 8 kHz call clock and judged by Silero exactly as the browser judges a file
// played through its fake microphone (hearCallerAudio), and its in-band DTMF tones found by the detector
// the browser runs on the same 8 kHz stream, each pressing its key where the tone is recognised.
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import type * as OrtWeb from 'onnxruntime-web';
import { DtmfDetector } from '../audio/dtmf-detector.ts';
import { SAMPLE_RATE_HZ } from '../engine/events.ts';
import type { HeardAudio, SimulatedAudio } from '../engine/simulate.ts';
import type { SpeechThresholds } from '../engine/vad-frames.ts';
import { hearCallerAudio } from './hear-audio.ts';
import { readCallerAudio, type CallerAudio } from './read-audio.ts';
import type { OnnxRuntime, SileroLoadOptions } from './silero.ts';

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
  /**
   * Called as the audio is heard: `read` once the file is read (with what it is), then `scoring` with the
   * share of the model's frames scored so far (0…1, at most every 1 %), then `done`. Only with the
   * default runtime (a `silero.runtime` of your own is not observed: `scoring` comes at 0 and 1 only).
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
  const expectedFrames = Math.floor((2 * Math.ceil((padded.length * SAMPLE_RATE_HZ) / rateHz)) / 512);
  let silero = options.silero;
  let stopCounting = (): void => undefined;
  let shownPercent = 0;
  progress?.({ stage: 'scoring', fraction: 0 });
  if (progress && silero?.runtime === undefined) {
    const counting = await countingWebRuntime();
    silero = { ...silero, runtime: counting.runtime };
    let scored = 0;
    stopCounting = counting.onRun(() => {
      scored += 1;
      const percent = Math.min(100, Math.floor((100 * scored) / Math.max(1, expectedFrames)));
      if (percent !== shownPercent) {
        shownPercent = percent;
        progress({ stage: 'scoring', fraction: percent / 100 });
      }
    });
  }
  let heard;
  try {
    heard = await hearCallerAudio(
      { samples: padded, rateHz },
      {
        ...(options.thresholds ? { thresholds: options.thresholds } : {}),
        ...(silero ? { silero } : {}),
      },
    );
  } finally {
    stopCounting();
  }
  if (shownPercent < 100) progress?.({ stage: 'scoring', fraction: 1 });
  const fileSamples = Math.min(
    heard.samples8k.length,
    Math.ceil((audio.samples.length * SAMPLE_RATE_HZ) / rateHz),
  );
  const result: HeardAudio = {
    samples: heard.samples8k.slice(0, fileSamples),
    // Float64: a decided silence sits just below the engine's threshold, and float32 would round it onto it.
    frameProbabilities: Float64Array.from(heard.frames, (frame) => frame.speechProbability),
    keys: detectKeys(heard.samples8k),
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

interface CountingRuntime {
  runtime: OnnxRuntime;
  /** Calls `listener` after each model run (one per 512-sample frame); returns its removal. */
  onRun(listener: () => void): () => void;
}

let counting: Promise<CountingRuntime> | null = null;
const require = createRequire(import.meta.url);

/**
 * onnxruntime-web, set up as silero.ts sets it up (wasm, one thread, quiet), with each session's `run`
 * counted: the model's scoring has no progress hook, and its runs starve the event loop (a timer does
 * not fire while a file is scored), so progress is counted where the work happens. One per process, so
 * that the model behind it is loaded once (loadSilero keeps one session per runtime).
 */
function countingWebRuntime(): Promise<CountingRuntime> {
  counting ??= (async () => {
    const ort = await import('onnxruntime-web/wasm');
    ort.env.logLevel = 'error';
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')) + sep;
    const listeners = new Set<() => void>();
    const counted = (session: OrtWeb.InferenceSession): OrtWeb.InferenceSession =>
      new Proxy(session, {
        get(target, property) {
          if (property === 'run') {
            return async (...args: Parameters<OrtWeb.InferenceSession['run']>) => {
              const output = await target.run(...args);
              for (const listener of listeners) listener();
              return output;
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    const runtime: OnnxRuntime = {
      Tensor: ort.Tensor,
      InferenceSession: {
        ...ort.InferenceSession,
        create: (async (...args: Parameters<typeof ort.InferenceSession.create>) =>
          counted(await ort.InferenceSession.create(...args))) as typeof ort.InferenceSession.create,
      } as typeof ort.InferenceSession,
    };
    return {
      runtime,
      onRun(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  })();
  counting.catch(() => (counting = null));
  return counting;
}
