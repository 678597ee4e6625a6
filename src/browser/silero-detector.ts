// The real-time part only: the package index also pulls NonRealTimeVAD and the full onnxruntime-web.
import { MicVAD } from '@ricky0123/vad-web/dist/real-time-vad';
import { detectorStatus, type DetectorStatus } from './silero-status.ts';
import { energyDetector, type DetectorSession, type SpeechDetector } from './speech-detector.ts';
import { StreamAligner } from './vad-align.ts';
import {
  DEFAULT_SPEECH_THRESHOLDS,
  FrameClock,
  checkThresholds,
  sileroFrameSamples8k,
  type SpeechThresholds,
} from './vad-frames.ts';

/** Where vite/vad-assets.ts serves the worklet, the model and onnxruntime's wasm (the app's own origin). */
export const VAD_ASSET_PATH = `${import.meta.env.BASE_URL}vad/`;
const ASSETS = {
  worklet: 'vad.worklet.bundle.min.js',
  model: 'silero_vad_v5.onnx',
  wasm: 'ort-wasm-simd-threaded.wasm',
  glue: 'ort-wasm-simd-threaded.mjs',
} as const;
/** Rough sizes (bytes) for progress before the server says them. */
const EXPECTED_BYTES: Record<keyof typeof ASSETS, number> = {
  worklet: 2_500,
  model: 2_330_000,
  wasm: 14_240_000,
  glue: 24_000,
};
/** Share of the progress bar for downloading; the rest is compiling the wasm and the model. */
const DOWNLOAD_SHARE = 0.7;

export interface SileroOptions extends SpeechThresholds {
  /** Give up and fall back to the energy detector when loading takes longer (default 20 s). */
  loadTimeoutMs: number;
  /**
   * Find where the model's stream starts on the call clock by matching its audio with the captured audio
   * (StreamAligner; default true). Off, or when there is nothing to match, frames are counted from the
   * first captured chunk, which places them up to a few tens of milliseconds late or early.
   */
  align: boolean;
}

export const DEFAULT_SILERO_OPTIONS: SileroOptions = {
  ...DEFAULT_SPEECH_THRESHOLDS,
  loadTimeoutMs: 20_000,
  align: true,
};

type OrtInstance = Parameters<NonNullable<Parameters<typeof MicVAD.new>[0]>['ortConfig'] & {}>[0];

/** Fetches one asset, reporting bytes as they arrive. */
async function fetchBytes(
  url: string,
  onBytes: (loaded: number, total: number) => void,
): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body) {
    const buffer = await response.arrayBuffer();
    onBytes(buffer.byteLength, buffer.byteLength);
    return buffer;
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.byteLength;
    onBytes(loaded, Math.max(total, loaded));
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  onBytes(loaded, loaded);
  return bytes.buffer;
}

function describeLoadFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/memory|allocation|OOM/i.test(text)) return `the browser ran out of memory loading it (${text})`;
  if (/wasm|WebAssembly/i.test(text)) return `WebAssembly failed (${text})`;
  return text;
}

/** What MicVAD needs besides the call's stream, context and callbacks: our assets and onnxruntime settings. */
function baseOptions(wasmBinary: ArrayBuffer, thresholds: SpeechThresholds) {
  return {
    model: 'v5' as const,
    baseAssetPath: VAD_ASSET_PATH,
    onnxWASMBasePath: VAD_ASSET_PATH,
    processorType: 'AudioWorklet' as const,
    positiveSpeechThreshold: thresholds.positiveSpeechThreshold,
    negativeSpeechThreshold: thresholds.negativeSpeechThreshold,
    ortConfig: (ort: OrtInstance) => {
      ort.env.logLevel = 'error';
      // Threads need cross-origin isolation, which the page does not have; one thread is plenty for Silero.
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.wasmBinary = wasmBinary;
    },
  };
}

/**
 * The Silero v5 detector for calls whose assets and runtime are already loaded: per call, a MicVAD on the
 * call's stream in the page's AudioContext. Its frames arrive asynchronously (inference runs on the main
 * thread) and are handed over at each push, placed on the call clock by counting them (FrameClock) from
 * where the model's stream is found to start in the captured audio (StreamAligner). If the model cannot
 * start for a call, that call falls back to the energy detector with a warning.
 */
function sileroDetector(wasmBinary: ArrayBuffer, options: SileroOptions): SpeechDetector {
  return {
    kind: 'silero',
    async startSession(stream: MediaStream, context: AudioContext): Promise<DetectorSession> {
      const frameSamples = sileroFrameSamples8k(context.sampleRate);
      const clock = new FrameClock(
        options,
        frameSamples,
        options.align ? new StreamAligner(frameSamples) : null,
      );
      let reported = false;
      let stopped = false;
      let vad: MicVAD;
      try {
        vad = await MicVAD.new({
          ...baseOptions(wasmBinary, options),
          startOnLoad: false,
          audioContext: context,
          getStream: () => Promise.resolve(stream),
          pauseStream: () => Promise.resolve(),
          resumeStream: (same: MediaStream) => Promise.resolve(same),
          onFrameProcessed: (probabilities, frame) => {
            if (!stopped) clock.add(probabilities.isSpeech, frame);
          },
        });
        // Last, so the model's first frame starts as close as possible to the call's first chunk.
        await vad.start();
      } catch (error) {
        const message = `Silero VAD could not start for this call (${describeLoadFailure(error)}): using the energy detector.`;
        console.warn(message, error);
        detectorStatus.set({ status: 'fallback', message });
        return energyDetector.startSession(stream, context);
      }
      return {
        push: (samples, startSample) => {
          const frames = clock.take(startSample, samples);
          const alignment = clock.alignment;
          if (alignment && !reported) {
            reported = true;
            console.debug(
              alignment.kind === 'matched'
                ? `Silero VAD: its stream starts at ${alignment.origin} on the call clock (match ${alignment.correlation.toFixed(3)})`
                : `Silero VAD: frames counted from the first chunk (${alignment.reason})`,
            );
          }
          return frames;
        },
        stop: () => {
          if (stopped) return;
          stopped = true;
          vad.destroy().catch((error: unknown) => console.warn('Silero VAD: release failed', error));
        },
      };
    },
  };
}

let loading: Promise<SpeechDetector> | null = null;

/**
 * Loads the Silero detector at page load (no AudioContext or microphone needed): downloads the worklet,
 * the model and onnxruntime's wasm from our origin, compiles them and runs one frame. Reports progress
 * through the `detectorStatus` store (and `onProgress` of the call that started the load). Resolves with the energy detector, and a warning
 * in the store, when the model cannot load (requests blocked, WebAssembly disabled, out of memory, or
 * slower than `loadTimeoutMs`). Loads once per page; later calls return the same promise.
 */
export function loadSileroDetector(
  onProgress?: (status: DetectorStatus) => void,
  options: SileroOptions = DEFAULT_SILERO_OPTIONS,
): Promise<SpeechDetector> {
  const report = (patch: Partial<DetectorStatus>): void => {
    detectorStatus.set(patch);
    onProgress?.(detectorStatus.getSnapshot());
  };
  loading ??= (async () => {
    report({ status: 'loading', progress: 0, message: null, loadMs: null });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      checkThresholds(options);
      if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is disabled in this browser');
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`loading took longer than ${Math.round(options.loadTimeoutMs / 1000)} s`)),
          options.loadTimeoutMs,
        );
      });
      const detector = await Promise.race([load(options, report), timeout]);
      report({ status: 'ready', progress: 1, loadMs: performance.now() });
      return detector;
    } catch (error) {
      const message = `The neural voice detector could not load: ${describeLoadFailure(error)}. Silence is detected by sound level instead, which is less reliable with background noise.`;
      console.warn(message, error);
      report({ status: 'fallback', progress: 1, message, loadMs: performance.now() });
      return energyDetector;
    } finally {
      clearTimeout(timer);
    }
  })();
  return loading;
}

async function load(
  options: SileroOptions,
  report: (patch: Partial<DetectorStatus>) => void,
): Promise<SpeechDetector> {
  const loaded: Record<string, number> = {};
  const totals: Record<string, number> = { ...EXPECTED_BYTES };
  const onBytes = (name: keyof typeof ASSETS) => (bytes: number, total: number) => {
    loaded[name] = bytes;
    totals[name] = total || totals[name] || 0;
    const sum = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);
    report({ progress: Math.min(DOWNLOAD_SHARE, (DOWNLOAD_SHARE * sum(loaded)) / Math.max(1, sum(totals))) });
  };
  const names = Object.keys(ASSETS) as (keyof typeof ASSETS)[];
  const buffers = await Promise.all(
    names.map((name) => fetchBytes(VAD_ASSET_PATH + ASSETS[name], onBytes(name))),
  );
  const wasmBinary = buffers[names.indexOf('wasm')] as ArrayBuffer;
  report({ progress: DOWNLOAD_SHARE });

  // Compile the runtime and the model, and score one frame of silence: proves inference works here.
  let ran = false;
  const probe = await MicVAD.new({
    ...baseOptions(wasmBinary, options),
    startOnLoad: false,
    onFrameProcessed: () => {
      ran = true;
    },
  });
  report({ progress: 0.9 });
  // The frame processor scores frames only while listening; run one frame through it directly.
  (probe as unknown as { frameProcessor: { resume(): void } }).frameProcessor.resume();
  await probe.processFrame(new Float32Array(512));
  if (!ran) throw new Error('the model did not score a test frame');
  return sileroDetector(wasmBinary, options);
}
