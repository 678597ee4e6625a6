/** Tones the call plays: the Record beep and DTMF key tones. */

export const BEEP_FREQUENCY_HZ = 1000;
const FADE_SECONDS = 0.01;
const BEEP_AMPLITUDE = 0.5;
const DTMF_AMPLITUDE = 0.35; // each of the two tones; the sum stays below full scale

export type DtmfKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

/** Standard DTMF pairs (ITU-T Q.23): [row (low) Hz, column (high) Hz]. */
export const DTMF_FREQUENCIES: Readonly<Record<DtmfKey, readonly [number, number]>> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  A: [697, 1633],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  B: [770, 1633],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  C: [852, 1633],
  '*': [941, 1209],
  '0': [941, 1336],
  '#': [941, 1477],
  D: [941, 1633],
};

/** A 1 kHz beep with 10 ms raised-cosine fades at both ends. */
export function beepSamples(rateHz: number, seconds: number): Float32Array {
  return toneSamples([BEEP_FREQUENCY_HZ], BEEP_AMPLITUDE, rateHz, seconds);
}

/** The dual tone of a DTMF key, faded in and out like the beep. */
export function dtmfSamples(key: DtmfKey, rateHz: number, seconds: number): Float32Array {
  const pair = DTMF_FREQUENCIES[key];
  if (!pair) throw new RangeError(`dtmfSamples: unknown key ${JSON.stringify(key)}`);
  return toneSamples(pair, DTMF_AMPLITUDE, rateHz, seconds);
}

/** A tone of the given frequencies (each at `amplitude`) with 10 ms raised-cosine fades at both ends. */
export function toneSamples(
  frequenciesHz: readonly number[],
  amplitude: number,
  rateHz: number,
  seconds: number,
): Float32Array {
  const length = Math.max(0, Math.round(rateHz * seconds));
  const out = new Float32Array(length);
  const fade = Math.min(Math.round(rateHz * FADE_SECONDS), Math.floor(length / 2));
  for (let i = 0; i < length; i++) {
    let value = 0;
    for (const f of frequenciesHz) value += Math.sin((2 * Math.PI * f * i) / rateHz);
    let gain = amplitude;
    if (i < fade) gain *= 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / fade);
    else if (i >= length - fade) gain *= 0.5 - 0.5 * Math.cos((Math.PI * (length - i - 0.5)) / fade);
    out[i] = value * gain;
  }
  return out;
}
