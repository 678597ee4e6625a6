/**
 * 8 kHz → 16 kHz for the Silero model, with no delay: even output samples are the input, odd ones are
 * interpolated by a zero-phase half-band low-pass (Kaiser-windowed sinc, β = 8, 64 taps). The browser and
 * Node both score the call's own 8 kHz audio this way, so their frames fall on the same samples.
 */

/** Input samples the interpolation reads on each side of the point it fills in. */
export const UPSAMPLE_HALF_TAPS = 32;

/** Odd-phase taps: the weight of input n − k and n + 1 + k for output 2n + 1. */
const TAPS = (() => {
  const taps = new Float64Array(UPSAMPLE_HALF_TAPS);
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
  for (let k = 0; k < UPSAMPLE_HALF_TAPS; k++) {
    const t = k + 0.5; // distance from the interpolated point, in input samples
    const window = bessel(beta * Math.sqrt(1 - (t / UPSAMPLE_HALF_TAPS) ** 2)) / bessel(beta);
    taps[k] = (Math.sin(Math.PI * t) / (Math.PI * t)) * window;
  }
  return taps;
})();

/** 8 kHz Int16 → 16 kHz float in −1…1 (samples outside the input read as 0). */
export function upsample2(samples: Int16Array): Float32Array {
  const upsampler = new Upsampler2();
  const head = upsampler.push(samples);
  const tail = upsampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/**
 * Streaming upsample2: each push returns the 16 kHz output whose inputs are known (output 2n + 1 needs
 * input n + 32), so it runs 32 input samples (4 ms) behind; `flush` ends the stream (zeros after it).
 * The concatenated output equals upsample2 of the concatenated input.
 */
export class Upsampler2 {
  /** Inputs from `base` on (at least 32 before the next output's point are kept as history). */
  private buffer = new Float32Array(4096);
  private length = 0;
  /** Stream index of buffer[0]. */
  private base = -UPSAMPLE_HALF_TAPS;
  /** Stream index of the next input whose two outputs are to be made. */
  private next = 0;
  private received = 0;

  constructor() {
    // Zeros before the stream starts.
    this.length = UPSAMPLE_HALF_TAPS;
  }

  push(samples: Int16Array): Float32Array {
    this.append(samples);
    return this.emit(this.received - UPSAMPLE_HALF_TAPS);
  }

  /** The rest of the output, as if zeros followed the input. */
  flush(): Float32Array {
    this.append(new Int16Array(UPSAMPLE_HALF_TAPS));
    const out = this.emit(this.received - UPSAMPLE_HALF_TAPS);
    this.received -= UPSAMPLE_HALF_TAPS;
    return out;
  }

  private append(samples: Int16Array): void {
    if (this.length + samples.length > this.buffer.length) {
      // Keep what the next outputs read (32 before `next`), drop the rest.
      const keepFrom = Math.max(0, this.next - UPSAMPLE_HALF_TAPS - this.base);
      const kept = this.buffer.subarray(keepFrom, this.length);
      const grown = new Float32Array(Math.max(this.buffer.length, 2 * (kept.length + samples.length)));
      grown.set(kept);
      this.buffer = grown;
      this.base += keepFrom;
      this.length = kept.length;
    }
    for (let i = 0; i < samples.length; i++) this.buffer[this.length + i] = samples[i]! / 32768;
    this.length += samples.length;
    this.received += samples.length;
  }

  /** Outputs for inputs `next` … `until − 1`. */
  private emit(until: number): Float32Array {
    const count = Math.max(0, until - this.next);
    const out = new Float32Array(2 * count);
    const buffer = this.buffer;
    for (let j = 0; j < count; j++) {
      const n = this.next + j - this.base;
      out[2 * j] = buffer[n]!;
      let sum = 0;
      for (let k = 0; k < UPSAMPLE_HALF_TAPS; k++) sum += TAPS[k]! * (buffer[n - k]! + buffer[n + 1 + k]!);
      out[2 * j + 1] = sum;
    }
    this.next += count;
    return out;
  }
}
