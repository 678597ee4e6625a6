import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SILERO_FRAME_SAMPLES, SILERO_MODEL_MODULE, loadSilero } from './silero.ts';

/** Half a second of a vowel-like buzz after silence: something for the model to change its mind about. */
function testAudio(frames: number): Float32Array {
  const audio = new Float32Array(frames * SILERO_FRAME_SAMPLES + 100);
  for (let i = 4000; i < audio.length; i++) {
    const t = i / 8000;
    audio[i] = 0.2 * Math.sin(2 * Math.PI * 140 * t) * (1 + Math.sin(2 * Math.PI * 700 * t)) * 0.5;
  }
  return audio;
}

describe('loadSilero', { timeout: 60_000 }, () => {
  it('loads the model once per process and scores whole 256-sample frames at 8 kHz', async () => {
    const model = await loadSilero();
    expect(loadSilero()).toBe(loadSilero());
    expect(await loadSilero()).toBe(model);
    expect(model.modelPath).toMatch(/silero_vad_v5\.onnx$/);
    expect(model.runtimeName).toBe('onnxruntime-web (wasm)');
    const probabilities = await model.score(testAudio(30));
    expect(probabilities.length).toBe(30); // the 100 samples after the last whole frame are not scored
    for (const p of probabilities) expect(p).toBeGreaterThanOrEqual(0);
    for (const p of probabilities) expect(p).toBeLessThanOrEqual(1);
    expect(await model.score(new Float32Array(255))).toEqual(new Float32Array(0));
  });

  it('starts each call afresh, also when calls overlap', async () => {
    const model = await loadSilero();
    const audio = testAudio(30);
    const first = await model.score(audio);
    // The buzz raises the model's state; a fresh call on silence must not inherit it.
    const silence = await model.score(new Float32Array(10 * SILERO_FRAME_SAMPLES));
    const [again, silenceAgain] = await Promise.all([
      model.score(audio),
      model.score(new Float32Array(2560)),
    ]);
    expect(again).toEqual(first);
    expect(silenceAgain).toEqual(silence);
    expect(Math.max(...first.subarray(20))).toBeGreaterThan(Math.max(...silence));
  });

  it('takes an explicit model path, and says which file it cannot use', async () => {
    const path = createRequire(import.meta.url).resolve(SILERO_MODEL_MODULE);
    const explicit = await loadSilero({ modelPath: path });
    expect(explicit.modelPath).toBe(path);
    expect(explicit).toBe(await loadSilero()); // the same file: the same loaded model

    await expect(loadSilero({ modelPath: '/nowhere/silero.onnx' })).rejects.toThrow(
      'Silero VAD: cannot read the model /nowhere/silero.onnx: no such file',
    );
    const notAModel = new URL('../../e2e/fixtures/vad/silence.json', import.meta.url).pathname;
    await expect(loadSilero({ modelPath: notAModel })).rejects.toThrow(
      `Silero VAD: onnxruntime could not load the model ${notAModel}`,
    );
    await expect(explicit.score([0] as unknown as Float32Array)).rejects.toThrow(
      'Silero VAD: score() takes a Float32Array of 8 kHz samples',
    );
  });
});
