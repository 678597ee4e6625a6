/// <reference types="audioworklet" />
import { Resampler } from '../audio/resampler.ts';
import {
  CAPTURE_PROCESSOR_NAME,
  type CaptureCommand,
  type CaptureMessage,
  type CaptureProcessorOptions,
} from './capture-messages.ts';
import { SAMPLE_RATE_HZ } from '../audio/sample-rate.ts';

const RENDER_QUANTUM = 128;
const SILENT_INPUT = [new Float32Array(RENDER_QUANTUM)];

/**
 * Mixes the microphone to mono, resamples it to 8 kHz and posts 16-bit chunks (transferable) to the main
 * thread, with the level of what was captured. Everything is preallocated except the chunk that is handed
 * over (a transferred buffer cannot be reused).
 */
class CaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler: Resampler;
  private readonly mono = new Float32Array(RENDER_QUANTUM);
  private readonly resampled: Float32Array;
  private readonly chunkSamples: number;
  private chunk: Int16Array<ArrayBuffer>;
  private filled = 0;
  private sumSquares = 0;
  private peak = 0;
  private levelFrames = 0;
  private started = false;
  private stopped = false;

  constructor(options: { processorOptions?: unknown }) {
    super();
    const { chunkSamples } = options.processorOptions as CaptureProcessorOptions;
    this.chunkSamples = chunkSamples;
    this.chunk = new Int16Array(chunkSamples);
    this.resampler = new Resampler(sampleRate, SAMPLE_RATE_HZ);
    this.resampled = new Float32Array(this.resampler.maxOutputFor(RENDER_QUANTUM));
    this.port.onmessage = (event: MessageEvent<CaptureCommand>) => {
      if (event.data.type === 'stop') this.stopped = true;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    // No input (a file that has not started or has ended, a source not yet connected) is silence: the
    // call's clock keeps running, as on a line where the caller says nothing.
    const channels = inputs[0] && inputs[0].length > 0 ? inputs[0] : SILENT_INPUT;
    const frames = channels[0]?.length ?? 0;
    if (!this.started) {
      this.started = true;
      this.post({
        type: 'started',
        contextFrame: currentFrame,
        inputRateHz: sampleRate,
        latencySeconds: this.resampler.latencySeconds,
      });
    }
    const mono = frames === RENDER_QUANTUM ? this.mono : new Float32Array(frames);
    mono.fill(0);
    const gain = 1 / channels.length;
    for (const channel of channels) {
      for (let i = 0; i < frames; i++) mono[i]! += channel[i]! * gain;
    }
    for (let i = 0; i < frames; i++) {
      const x = mono[i]!;
      this.sumSquares += x * x;
      const magnitude = x < 0 ? -x : x;
      if (magnitude > this.peak) this.peak = magnitude;
    }
    this.levelFrames += frames;

    const written = this.resampler.process(mono, this.resampled);
    for (let i = 0; i < written; i++) {
      const x = this.resampled[i]!;
      // Full scale is 32768 (so n / 32768 reads back exactly); +1.0 clips to 32767.
      const scaled = Math.round(x * 32768);
      this.chunk[this.filled++] = scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
      if (this.filled === this.chunkSamples) this.flush();
    }
    return true;
  }

  private flush(): void {
    const samples = this.chunk;
    const rms = this.levelFrames > 0 ? Math.sqrt(this.sumSquares / this.levelFrames) : 0;
    this.post({ type: 'chunk', samples, rms, peak: this.peak }, [samples.buffer]);
    this.chunk = new Int16Array(this.chunkSamples);
    this.filled = 0;
    this.sumSquares = 0;
    this.peak = 0;
    this.levelFrames = 0;
  }

  private post(message: CaptureMessage, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }
}

registerProcessor(CAPTURE_PROCESSOR_NAME, CaptureProcessor);
