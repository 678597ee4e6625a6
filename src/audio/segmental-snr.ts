import { SAMPLE_RATE_HZ } from '../engine/events.ts';

/** 20 ms at the call clock: the segment length of the measure. */
export const SEGMENT_SAMPLES = (SAMPLE_RATE_HZ * 20) / 1000;
/** The per-segment SNR is clamped to this range (Quackenbush, Barnwell & Clements 1988; Loizou 2013). */
export const SEGMENT_SNR_MIN_DB = -10;
export const SEGMENT_SNR_MAX_DB = 35;
/** Reference segments quieter than this RMS level (dB relative to a full-scale 16-bit square wave) are silence. */
export const DEFAULT_SILENCE_THRESHOLD_DBFS = -50;

export interface SegmentalSnrOptions {
  /** Reference segments whose RMS level is below this many dBFS are skipped; default −50 dBFS. */
  silenceThresholdDbfs?: number;
}

export interface SegmentalSnr {
  /** The mean of the clamped per-segment SNRs, in dB. */
  snrDb: number;
  /** Whole 20 ms segments in the signal. */
  segments: number;
  /** Segments measured (the rest were silent in the reference). */
  activeSegments: number;
}

/**
 * Segmental SNR of `test` against `reference` (both 16-bit samples at 8 kHz, the same length): the
 * signal is cut into whole 20 ms segments (160 samples; a shorter tail is ignored); a segment whose
 * reference RMS is below `silenceThresholdDbfs` (default −50 dBFS, full scale being 32768) is skipped;
 * for each other segment SNR = 10·log10(Σ ref² / Σ (ref − test)²), clamped to [−10, 35] dB (an
 * error-free segment counts as 35 dB); the result is the mean of those values over the measured
 * segments. Unlike a global SNR it weighs quiet and loud speech alike, which is how a listener hears
 * a codec's noise.
 *
 * Throws a RangeError when the lengths differ or no segment is above the silence threshold.
 */
export function segmentalSnr(
  reference: Int16Array,
  test: Int16Array,
  options: SegmentalSnrOptions = {},
): SegmentalSnr {
  const thresholdDbfs = options.silenceThresholdDbfs ?? DEFAULT_SILENCE_THRESHOLD_DBFS;
  if (!Number.isFinite(thresholdDbfs)) {
    throw new RangeError(`segmentalSnr: silenceThresholdDbfs must be a finite number, got ${thresholdDbfs}`);
  }
  if (reference.length !== test.length) {
    throw new RangeError(
      `segmentalSnr: the reference has ${reference.length} samples but the test signal has ${test.length}`,
    );
  }
  const minEnergy = SEGMENT_SAMPLES * (32768 * 10 ** (thresholdDbfs / 20)) ** 2;
  const segments = Math.floor(reference.length / SEGMENT_SAMPLES);
  let sum = 0;
  let activeSegments = 0;
  for (let s = 0; s < segments; s++) {
    let signal = 0;
    let noise = 0;
    for (let i = s * SEGMENT_SAMPLES; i < (s + 1) * SEGMENT_SAMPLES; i++) {
      const r = reference[i]!;
      const e = r - test[i]!;
      signal += r * r;
      noise += e * e;
    }
    if (signal < minEnergy) continue;
    const snr = noise === 0 ? SEGMENT_SNR_MAX_DB : 10 * Math.log10(signal / noise);
    sum += Math.min(SEGMENT_SNR_MAX_DB, Math.max(SEGMENT_SNR_MIN_DB, snr));
    activeSegments++;
  }
  if (activeSegments === 0) {
    throw new RangeError(
      `segmentalSnr: none of the ${segments} segments of 20 ms is above ${thresholdDbfs} dBFS in the reference`,
    );
  }
  return { snrDb: sum / activeSegments, segments, activeSegments };
}
