/// <reference types="node" />
// The Silero v5 voice activity model in Node, run the way the browser runs it: the same .onnx file that
// vad-web ships, at its native 8 kHz through the same SileroStream (src/audio/silero-stream.ts), by
// default on onnxruntime-web's WebAssembly backend, the runtime the browser uses, so no native install
// is needed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import type * as OrtWeb from 'onnxruntime-web';
import {
  SILERO_FRAME_SAMPLES,
  SileroStream,
  type SileroSession,
  type TensorConstructor,
} from '../audio/silero-stream.ts';

export { SILERO_FRAME_SAMPLES };
/** Where vad-web ships the model (resolved from this file, so it works from a built package too). */
export const SILERO_MODEL_MODULE = '@ricky0123/vad-web/dist/silero_vad_v5.onnx';

/**
 * The parts of an onnxruntime module the model uses. onnxruntime-web's module fits; so does
 * onnxruntime-node's (`await import('onnxruntime-node')`), which runs about twice as fast natively but
 * is not a dependency of this package (its install script downloads GPU libraries).
 */
export type OnnxRuntime = Pick<typeof OrtWeb, 'InferenceSession' | 'Tensor'>;

export interface SileroLoadOptions {
  /** The .onnx file (default: vad-web's silero_vad_v5.onnx, found through the module resolver). */
  modelPath?: string;
  /** The onnxruntime module to run it with (default: onnxruntime-web, WebAssembly, one thread). */
  runtime?: OnnxRuntime;
}

export interface SileroModel {
  /**
   * Speech probability (0…1) of each whole 256-sample frame of `audio8k` (8 kHz mono, −1…1), in order;
   * a trailing partial frame is not scored. The model's state starts afresh at each call, and calls
   * on one model run one after another. `onFrame(done, total)` follows the work (for progress).
   */
  score(audio8k: Float32Array, onFrame?: (done: number, total: number) => void): Promise<Float32Array>;
  readonly modelPath: string;
  /** `onnxruntime-web (wasm)`, or `custom` for a runtime passed in. */
  readonly runtimeName: string;
  /** How long reading the file and creating the session took (ms). */
  readonly loadMs: number;
}

const require = createRequire(import.meta.url);
const DEFAULT_RUNTIME = Symbol('onnxruntime-web');
const loaded = new Map<OnnxRuntime | typeof DEFAULT_RUNTIME, Map<string, Promise<SileroModel>>>();

/**
 * Loads the model once per process for each (file, runtime) pair; later calls get the same promise.
 * A failed load is forgotten, so a later call tries again. Rejects with an Error that says which file and
 * what went wrong.
 */
export function loadSilero(options: SileroLoadOptions = {}): Promise<SileroModel> {
  let modelPath: string;
  try {
    modelPath = options.modelPath ?? defaultModelPath();
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const key = options.runtime ?? DEFAULT_RUNTIME;
  let byPath = loaded.get(key);
  if (!byPath) loaded.set(key, (byPath = new Map()));
  let model = byPath.get(modelPath);
  if (!model) {
    model = load(modelPath, options.runtime);
    byPath.set(modelPath, model);
    const forget = byPath;
    model.catch(() => forget.delete(modelPath));
  }
  return model;
}

function defaultModelPath(): string {
  try {
    return require.resolve(SILERO_MODEL_MODULE);
  } catch (error) {
    throw new Error(
      `Silero VAD: cannot find ${SILERO_MODEL_MODULE} (is @ricky0123/vad-web installed?); pass modelPath to use another copy`,
      { cause: error },
    );
  }
}

async function load(modelPath: string, runtime: OnnxRuntime | undefined): Promise<SileroModel> {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(modelPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new Error(`Silero VAD: cannot read the model ${modelPath}: ${why}`, { cause: error });
  }
  const ort = runtime ?? (await webRuntime());
  let session: OrtWeb.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      logSeverityLevel: 3, // errors only
    });
  } catch (error) {
    throw new Error(`Silero VAD: onnxruntime could not load the model ${modelPath}: ${String(error)}`, {
      cause: error,
    });
  }
  const loadMs = performance.now() - started;
  let queue: Promise<unknown> = Promise.resolve();

  const scoreNow = async (
    audio8k: Float32Array,
    onFrame: ((done: number, total: number) => void) | undefined,
  ): Promise<Float32Array> => {
    const stream = new SileroStream(
      session as unknown as SileroSession<OrtWeb.Tensor>,
      ort.Tensor as unknown as TensorConstructor<OrtWeb.Tensor>,
    );
    const frames = Math.floor(audio8k.length / SILERO_FRAME_SAMPLES);
    const probabilities = new Float32Array(frames);
    for (let k = 0; k < frames; k++) {
      probabilities[k] = await stream.process(
        audio8k.subarray(k * SILERO_FRAME_SAMPLES, (k + 1) * SILERO_FRAME_SAMPLES),
      );
      onFrame?.(k + 1, frames);
    }
    return probabilities;
  };

  return {
    modelPath,
    runtimeName: runtime ? 'custom' : 'onnxruntime-web (wasm)',
    loadMs,
    score(audio8k, onFrame) {
      if (!(audio8k instanceof Float32Array)) {
        return Promise.reject(new TypeError('Silero VAD: score() takes a Float32Array of 8 kHz samples'));
      }
      // One stream at a time: the model's state is carried from frame to frame.
      const run = queue.then(() => scoreNow(audio8k, onFrame));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

let web: Promise<OnnxRuntime> | null = null;

/** onnxruntime-web's WebAssembly backend, one thread, quiet, its .wasm found beside its own files. */
function webRuntime(): Promise<OnnxRuntime> {
  web ??= (async () => {
    const ort = await import('onnxruntime-web/wasm');
    ort.env.logLevel = 'error';
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')) + sep;
    return ort;
  })();
  web.catch(() => (web = null));
  return web;
}
