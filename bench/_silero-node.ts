// The real Silero v5 model in Node (onnxruntime-web's wasm backend, single-threaded), scoring 8 kHz audio
// the way the browser does: upsampled to 16 kHz, 512-sample frames, one probability per frame
// (= 256 samples of the 8 kHz call clock). Used by bench/silence.ts; not a unit-test dependency.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web/wasm';

interface SileroModel {
  process(frame: Float32Array): Promise<{ isSpeech: number; notSpeech: number }>;
  reset_state(): void;
  release(): Promise<void>;
}

const require = createRequire(import.meta.url);
const models = require('@ricky0123/vad-web/dist/models/index.js') as {
  Silero: { new: (ortInstance: typeof ort, fetcher: () => Promise<ArrayBuffer>) => Promise<SileroModel> };
};
const vadWebDist = fileURLToPath(new URL('../node_modules/@ricky0123/vad-web/dist/', import.meta.url));
const ortDist = fileURLToPath(new URL('../node_modules/onnxruntime-web/dist/', import.meta.url));

const FRAME_SAMPLES_16K = 512;

/** Loads the model once; returns a scorer and the time the load took. */
export async function loadSileroNode(): Promise<{
  score: (samples8k: Int16Array) => Promise<Float32Array>;
  loadMs: number;
}> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = ortDist;
  ort.env.logLevel = 'error';
  const started = performance.now();
  const bytes = readFileSync(`${vadWebDist}silero_vad_v5.onnx`);
  const quiet = console.log;
  console.log = () => undefined; // vad-web logs its loading steps
  let model: SileroModel;
  try {
    model = await models.Silero.new(ort, () =>
      Promise.resolve(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ),
    );
  } finally {
    console.log = quiet;
  }
  const loadMs = performance.now() - started;
  const score = async (samples8k: Int16Array): Promise<Float32Array> => {
    model.reset_state();
    const audio = upsample2(samples8k);
    const frames = Math.floor(audio.length / FRAME_SAMPLES_16K);
    const probabilities = new Float32Array(frames);
    for (let k = 0; k < frames; k++) {
      const frame = audio.slice(k * FRAME_SAMPLES_16K, (k + 1) * FRAME_SAMPLES_16K);
      probabilities[k] = (await model.process(frame)).isSpeech;
    }
    return probabilities;
  };
  return { score, loadMs };
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

/** 8 kHz Int16 → 16 kHz float in −1…1, with no delay: even samples are the input, odd ones interpolated. */
export function upsample2(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length * 2);
  const at = (i: number): number => (i >= 0 && i < samples.length ? samples[i]! / 32768 : 0);
  for (let n = 0; n < samples.length; n++) {
    out[2 * n] = at(n);
    let sum = 0;
    for (let k = 0; k < HALF_TAPS; k++) sum += TAPS[k]! * (at(n - k) + at(n + 1 + k));
    out[2 * n + 1] = sum;
  }
  return out;
}
