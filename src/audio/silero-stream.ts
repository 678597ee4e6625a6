/**
 * Silero v5 at its native 8 kHz, one frame at a time, the same in the browser and in Node: each frame is
 * 256 samples (32 ms of the call clock) with the previous frame's last 32 samples in front as context
 * (zeros before the stream's first frame), the model's state carried from frame to frame, `sr` = 8000 —
 * as silero-vad's own OnnxWrapper feeds it (snakers4/silero-vad, src/silero_vad/utils_vad.py,
 * `OnnxWrapper.__call__`). Measured on the fixtures (bench/vad-variants.ts), this is about 1.5× faster
 * than upsampling to 16 kHz and ends recordings closer to the truth. The onnxruntime module is injected
 * (onnxruntime-web in the page and in Node, or onnxruntime-node), so this stays pure.
 */

export const SILERO_RATE_HZ = 8000;
/** Samples per frame at 8 kHz: 32 ms. */
export const SILERO_FRAME_SAMPLES = 256;
/** Samples of the previous frame fed before each frame. */
export const SILERO_CONTEXT_SAMPLES = 32;
const STATE_SHAPE = [2, 1, 128] as const;

/** What the stream needs of an onnxruntime module: a Tensor constructor. */
export interface TensorConstructor<T> {
  new (type: 'float32', data: Float32Array, dims: readonly number[]): T;
  new (type: 'int64', data: BigInt64Array | bigint[], dims?: readonly number[]): T;
}

/** What the stream needs of an inference session. */
export interface SileroSession<T> {
  run(feeds: Record<string, T>): Promise<Record<string, T & { data?: unknown }>>;
}

export class SileroStream<T> {
  private state: T;
  private readonly input = new Float32Array(SILERO_CONTEXT_SAMPLES + SILERO_FRAME_SAMPLES);
  private readonly sampleRate: T;

  constructor(
    private readonly session: SileroSession<T>,
    private readonly Tensor: TensorConstructor<T>,
  ) {
    this.sampleRate = new Tensor('int64', [BigInt(SILERO_RATE_HZ)]);
    this.state = this.freshState();
  }

  private freshState(): T {
    return new this.Tensor(
      'float32',
      new Float32Array(STATE_SHAPE[0] * STATE_SHAPE[1] * STATE_SHAPE[2]),
      STATE_SHAPE,
    );
  }

  /** A new stream: state and context start afresh. */
  reset(): void {
    this.state = this.freshState();
    this.input.fill(0);
  }

  /** The speech probability of the next frame (256 samples at 8 kHz, −1…1). */
  async process(frame: Float32Array): Promise<number> {
    if (frame.length !== SILERO_FRAME_SAMPLES) {
      throw new RangeError(
        `Silero: a frame is ${SILERO_FRAME_SAMPLES} samples at 8 kHz, got ${frame.length}`,
      );
    }
    const input = this.input;
    input.set(frame, SILERO_CONTEXT_SAMPLES);
    const result = await this.session.run({
      input: new this.Tensor('float32', input.slice(), [1, input.length]),
      state: this.state,
      sr: this.sampleRate,
    });
    // The next frame's context is this frame's tail.
    input.copyWithin(0, SILERO_FRAME_SAMPLES);
    const state = result.stateN;
    const output = result.output?.data;
    if (state === undefined || !(output instanceof Float32Array) || output.length < 1) {
      throw new Error('Silero: the model gave no output or state');
    }
    this.state = state;
    return output[0]!;
  }
}

/** 16-bit samples as the model reads them (−1…1). */
export function toModelSamples(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}
