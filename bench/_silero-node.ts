// The real Silero v5 model in Node (src/node/silero.ts: onnxruntime-web's wasm backend, one thread),
// scoring 8 kHz audio the way the browser does: 256-sample frames at 8 kHz, one probability per frame.
// Used by bench/silence.ts; not a unit-test dependency.
import { scoreCallSamples } from '../src/node/hear-audio.ts';
import { loadSilero } from '../src/node/silero.ts';

/** Loads the model once; returns a scorer and the time the load took. */
export async function loadSileroNode(): Promise<{
  score: (samples8k: Int16Array) => Promise<Float32Array>;
  loadMs: number;
}> {
  const started = performance.now();
  await loadSilero();
  const loadMs = performance.now() - started;
  return { score: (samples8k) => scoreCallSamples(samples8k), loadMs };
}
