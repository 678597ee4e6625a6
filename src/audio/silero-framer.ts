import { Upsampler2 } from './upsample2.ts';

/** Silero v5 scores frames of 512 samples at 16 kHz: 256 samples (32 ms) of the 8 kHz call clock. */
export const SILERO_FRAME_SAMPLES_16K = 512;

/**
 * Cuts the call's 8 kHz audio into the 16 kHz frames the Silero model scores: frame k is
 * upsample2(audio) over [512k, 512k + 512), i.e. the call-clock samples [256k, 256k + 256). A frame is
 * ready once the upsampler has its input (32 samples past its end); `flush` ends the stream.
 */
export class SileroFramer {
  private readonly upsampler = new Upsampler2();
  private frame = new Float32Array(SILERO_FRAME_SAMPLES_16K);
  private filled = 0;

  push(samples: Int16Array): Float32Array[] {
    return this.cut(this.upsampler.push(samples));
  }

  /** The frames the rest of the stream completes (a last partial frame is dropped). */
  flush(): Float32Array[] {
    return this.cut(this.upsampler.flush());
  }

  private cut(audio16k: Float32Array): Float32Array[] {
    const frames: Float32Array[] = [];
    let offset = 0;
    while (offset < audio16k.length) {
      const take = Math.min(SILERO_FRAME_SAMPLES_16K - this.filled, audio16k.length - offset);
      this.frame.set(audio16k.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === SILERO_FRAME_SAMPLES_16K) {
        frames.push(this.frame);
        this.frame = new Float32Array(SILERO_FRAME_SAMPLES_16K);
        this.filled = 0;
      }
    }
    return frames;
  }
}
