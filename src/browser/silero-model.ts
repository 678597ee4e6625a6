import type * as OrtWeb from 'onnxruntime-web';
import {
  SILERO_FRAME_SAMPLES,
  SileroStream,
  type SileroSession,
  type TensorConstructor,
} from '../audio/silero-stream.ts';
import { detectorStatus, type DetectorStatus } from './silero-status.ts';
import type { SpeechModel, VadBackend } from './vad-session.ts';
import { errorMessage } from '../rcml/error-message.ts';

/** Where vite/vad-assets.ts serves the model and onnxruntime's wasm and glue (the app's own origin). */
export const VAD_ASSET_PATH = `${import.meta.env.BASE_URL}vad/`;
const ASSETS = {
  model: 'silero_vad_v5.onnx',
  wasm: 'ort-wasm-simd-threaded.wasm',
} as const;
/** Rough sizes (bytes) for progress before the server says them. */
const EXPECTED_BYTES: Record<keyof typeof ASSETS, number> = { model: 2_330_000, wasm: 14_240_000 };
/** Share of the progress bar for downloading; the rest is compiling the wasm and the model. */
const DOWNLOAD_SHARE = 0.7;
/** A load that hangs longer than this gives way to the energy detector. */
export const MODEL_LOAD_TIMEOUT_MS = 20_000;

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
  return bytes.buffer;
}

function describeLoadFailure(error: unknown): string {
  const text = errorMessage(error);
  if (/memory|allocation|OOM/i.test(text)) return `the browser ran out of memory loading it (${text})`;
  if (/wasm|WebAssembly/i.test(text)) return `WebAssembly failed (${text})`;
  return text;
}

/** The model behind one queue: frames and resets run in the order they were asked for, across calls. */
function queuedModel(stream: SileroStream<OrtWeb.Tensor>): SpeechModel {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    reset() {
      queue = queue.then(() => stream.reset());
    },
    score(frame) {
      const result = queue.then(() => stream.process(frame));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

async function load(report: (patch: Partial<DetectorStatus>) => void): Promise<SpeechModel> {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is disabled in this browser');
  const loaded: Record<string, number> = {};
  const totals: Record<string, number> = { ...EXPECTED_BYTES };
  const sum = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);
  const onBytes = (name: keyof typeof ASSETS) => (bytes: number, total: number) => {
    loaded[name] = bytes;
    totals[name] = total || totals[name] || 0;
    report({ progress: Math.min(DOWNLOAD_SHARE, (DOWNLOAD_SHARE * sum(loaded)) / Math.max(1, sum(totals))) });
  };
  const [modelBytes, wasmBinary] = await Promise.all([
    fetchBytes(VAD_ASSET_PATH + ASSETS.model, onBytes('model')),
    fetchBytes(VAD_ASSET_PATH + ASSETS.wasm, onBytes('wasm')),
  ]);
  report({ progress: DOWNLOAD_SHARE });
  // The runtime is its own chunk: the page and calls do not wait for it.
  const ort = await import('onnxruntime-web/wasm');
  ort.env.logLevel = 'error';
  // Threads need cross-origin isolation, which the page does not have; one thread is plenty for Silero.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = VAD_ASSET_PATH;
  ort.env.wasm.wasmBinary = wasmBinary;
  const session = await ort.InferenceSession.create(new Uint8Array(modelBytes), {
    executionMode: 'sequential',
    logSeverityLevel: 3,
  });
  report({ progress: 0.9 });
  // Score one frame of silence: proves inference works here.
  const model = queuedModel(
    new SileroStream(
      session as unknown as SileroSession<OrtWeb.Tensor>,
      ort.Tensor as unknown as TensorConstructor<OrtWeb.Tensor>,
    ),
  );
  const probability = await model.score(new Float32Array(SILERO_FRAME_SAMPLES));
  if (!(probability >= 0 && probability <= 1)) throw new Error('the model did not score a test frame');
  return model;
}

let loading: Promise<VadBackend> | null = null;

/**
 * Loads Silero v5 at page load (no AudioContext or microphone needed): downloads the model and
 * onnxruntime's wasm from our origin, compiles them and scores one frame. Progress goes to the
 * `detectorStatus` store. Resolves with the energy detector, at once, when the model cannot load
 * (requests blocked, WebAssembly disabled, out of memory), or after MODEL_LOAD_TIMEOUT_MS when it hangs.
 * Loads once per page; later calls return the same promise. Calls need not wait for it (VadSession).
 */
export function loadSpeechBackend(timeoutMs = MODEL_LOAD_TIMEOUT_MS): Promise<VadBackend> {
  const report = (patch: Partial<DetectorStatus>): void => detectorStatus.set(patch);
  loading ??= (async (): Promise<VadBackend> => {
    report({ status: 'loading', progress: 0, message: null, loadMs: null });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`loading took longer than ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
      });
      const model = await Promise.race([load(report), timeout]);
      report({ status: 'ready', progress: 1, loadMs: performance.now() });
      return { kind: 'silero', model };
    } catch (error) {
      const message = `The neural voice detector could not load: ${describeLoadFailure(error)}. Silence is detected by sound level instead, which is less reliable with background noise.`;
      console.warn(message, error);
      report({ status: 'fallback', progress: 1, message, loadMs: performance.now() });
      return { kind: 'energy', reason: message };
    } finally {
      clearTimeout(timer);
    }
  })();
  return loading;
}
