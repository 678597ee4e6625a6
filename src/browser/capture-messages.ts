/** Messages between the capture-processor worklet and the main thread. */

export const CAPTURE_PROCESSOR_NAME = 'capture-processor';

export interface CaptureProcessorOptions {
  /** Output samples (8 kHz) per chunk posted to the main thread: 160 = 20 ms. */
  chunkSamples: number;
}

export type CaptureMessage =
  /** The first block was processed: `contextFrame` is the AudioContext frame where capture started. */
  | { type: 'started'; contextFrame: number; inputRateHz: number; latencySeconds: number }
  /** 8 kHz, 16-bit mono samples, with the level of the input block(s) they came from (linear, 0–1). */
  | { type: 'chunk'; samples: Int16Array; rms: number; peak: number };

export type CaptureCommand = { type: 'stop' };
