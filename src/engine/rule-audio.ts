import { SAMPLE_RATE_HZ } from '../audio/sample-rate.ts';
import { toneSamples } from '../audio/tones.ts';
import { encodeWav } from '../audio/wav.ts';
import type { RuleAudio } from './mock-rules.ts';

const TONE_AMPLITUDE = 0.4;

/** An 8 kHz 16-bit WAV of a sine tone (an audio rule's generated answer). */
export function toneWav(frequencyHz: number, seconds: number): Uint8Array {
  const samples = toneSamples([frequencyHz], TONE_AMPLITUDE, SAMPLE_RATE_HZ, seconds);
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round(samples[i]! * 32767);
  return encodeWav(pcm, SAMPLE_RATE_HZ);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map([...BASE64].map((c, i) => [c, i] as const));

/** Decodes standard base64 (what a rule's audio file is stored as); characters outside it are skipped. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let o = 0;
  for (const char of clean) {
    bits = (bits << 6) | (BASE64_VALUES.get(char) ?? 0);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[o++] = (bits >> count) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/**
 * The bytes an audio rule answers with, for a generated tone or a stored file; null for a sample, which
 * the server reads from the app's samples (`public/samples/<name>`).
 */
export function ruleAudioBytes(audio: RuleAudio): Uint8Array | null {
  switch (audio.kind) {
    case 'tone':
      return toneWav(audio.frequencyHz, audio.seconds);
    case 'file':
      return decodeBase64(audio.dataBase64);
    case 'sample':
      return null;
  }
}
