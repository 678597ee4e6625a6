// DTMF detector cost: CPU milliseconds per second of 8 kHz audio and the multiple of real time, over a
// long signal (the talk-off fixtures, end to end and repeated, with a key tone every few seconds and a
// little noise), pushed in chunks of the sizes the capture path and simulateCall use. Prints figures;
// asserts nothing.
//   node --import tsx bench/dtmf.ts
import { readdirSync, readFileSync } from 'node:fs';
import { DtmfDetector } from '../src/audio/dtmf-detector.ts';
import { DTMF_FREQUENCIES, type DtmfKey } from '../src/audio/tones.ts';
import { decodeWav } from '../src/audio/wav.ts';
import { SAMPLE_RATE_HZ } from '../src/engine/events.ts';

const DIR = 'e2e/fixtures/talk-off';
const AUDIO_SECONDS = 600;
const TONE_EVERY_SECONDS = 3;
const TONE_SECONDS = 0.1;
const CHUNKS = [128, 160, 1000];
const ROUNDS = 5;

function buildSignal(): { samples: Int16Array; tones: number } {
  const fixtures = readdirSync(DIR)
    .filter((f) => f.endsWith('.wav'))
    .sort()
    .map((f) => decodeWav(new Uint8Array(readFileSync(`${DIR}/${f}`))).samples);
  const samples = new Int16Array(AUDIO_SECONDS * SAMPLE_RATE_HZ);
  for (let at = 0, f = 0; at < samples.length; f++) {
    const part = fixtures[f % fixtures.length]!;
    samples.set(part.subarray(0, Math.min(part.length, samples.length - at)), at);
    at += part.length;
  }
  // A key over the audio every few seconds, each sine at −10 dBFS, and noise at −50 dBFS throughout.
  const keys = Object.keys(DTMF_FREQUENCIES) as DtmfKey[];
  let seed = 12345;
  for (let i = 0; i < samples.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const noise = (seed / 2 ** 32 - 0.5) * 2 * 0.0055;
    const second = i / SAMPLE_RATE_HZ;
    const inTone = second % TONE_EVERY_SECONDS;
    let tone = 0;
    if (inTone >= 1 && inTone < 1 + TONE_SECONDS) {
      const [low, high] = DTMF_FREQUENCIES[keys[Math.floor(second / TONE_EVERY_SECONDS) % keys.length]!];
      const t = i / SAMPLE_RATE_HZ;
      tone = 0.316 * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t));
    }
    const value = samples[i]! + Math.round((noise + tone) * 32768);
    samples[i] = Math.max(-32768, Math.min(32767, value));
  }
  return { samples, tones: Math.floor(AUDIO_SECONDS / TONE_EVERY_SECONDS) };
}

/** One pass over the signal in chunks of `size`; CPU and wall milliseconds and the keys found. */
function pass(samples: Int16Array, size: number): { cpuMs: number; wallMs: number; keys: number } {
  const detector = new DtmfDetector();
  let keys = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let at = 0; at < samples.length; at += size) {
    keys += detector.push(samples.subarray(at, at + size), at).length;
  }
  const wallMs = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs, keys };
}

const { samples, tones } = buildSignal();
console.log(
  `signal: ${AUDIO_SECONDS} s of talk-off speech, whistling and music with ${tones} key tones over it; ` +
    `best of ${ROUNDS} rounds`,
);
console.log('chunk (samples)  CPU ms per audio s   × real time   wall ms per audio s   keys found');
// Keys are missed where the audio under them is louder than they are (the whistling and the music).
pass(samples, 160); // warm up the JIT
for (const size of CHUNKS) {
  const rounds = Array.from({ length: ROUNDS }, () => pass(samples, size));
  const best = rounds.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  const cpuPerSecond = best.cpuMs / AUDIO_SECONDS;
  console.log(
    `${String(size).padStart(15)}  ${cpuPerSecond.toFixed(3).padStart(19)}   ${(1000 / cpuPerSecond)
      .toFixed(0)
      .padStart(11)}   ${(best.wallMs / AUDIO_SECONDS).toFixed(3).padStart(19)}   ${best.keys}/${tones}`,
  );
}
