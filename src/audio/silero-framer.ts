import { SILERO_FRAME_SAMPLES } from './silero-stream.ts';

/**
 * Cuts the call's 8 kHz audio into the frames Silero scores: frame k is the call-clock samples
 * [256k, 256k + 256), as floats (−1…1), ready once its last sample has arrived.
 */
export class SileroFramer {
  private frame = new Float32Array(SILERO_FRAME_SAMPLES);
  private filled = 0;

  push(samples: Int16Array): Float32Array[] {
    const frames: Float32Array[] = [];
    for (let i = 0; i < samples.length; i++) {
      this.frame[this.filled++] = samples[i]! / 32768;
      if (this.filled === SILERO_FRAME_SAMPLES) {
        frames.push(this.frame);
        this.frame = new Float32Array(SILERO_FRAME_SAMPLES);
        this.filled = 0;
      }
    }
    return frames;
  }
}
