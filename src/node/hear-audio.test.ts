import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VadFrame } from '../audio/energy-vad.ts';
import { Resampler } from '../audio/resampler.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from '../engine/speech.ts';
import { replayRecord } from '../engine/vad-replay.ts';
import { hearCallerAudio, placeFrames, toCallSamples, type HeardCallerAudio } from './hear-audio.ts';
import { readCallerAudio, type CallerAudio } from './read-audio.ts';

const FRAME = 256;
const FRAME_SECONDS = FRAME / 8000;
const fixture = (name: string): string => new URL(`../../e2e/fixtures/vad/${name}`, import.meta.url).pathname;
const json = <T>(name: string): T => JSON.parse(readFileSync(fixture(name), 'utf8')) as T;

const isSpeech = (frame: VadFrame): boolean => frame.speechProbability >= SPEECH_PROBABILITY_THRESHOLD;

/** The worklet's path, 128 input samples at a time: resample, round(x × 32768), clip. */
function likeTheWorklet(samples: Float32Array, rateHz: number): Int16Array {
  const resampler = new Resampler(rateHz, 8000);
  const out: number[] = [];
  const block = new Float32Array(resampler.maxOutputFor(128));
  for (let start = 0; start < samples.length; start += 128) {
    const written = resampler.process(samples.subarray(start, start + 128), block);
    for (let i = 0; i < written; i++)
      out.push(Math.max(-32768, Math.min(32767, Math.round(block[i]! * 32768))));
  }
  return Int16Array.from(out);
}

describe('toCallSamples', () => {
  it('passes 8 kHz audio through: a 16-bit file comes back sample for sample', () => {
    const values = Int16Array.from([-32768, -12345, -1, 0, 1, 12345, 32767]);
    const { samples8k, latencySeconds } = toCallSamples({
      samples: Float32Array.from(values, (v) => v / 32768),
      rateHz: 8000,
    });
    expect(samples8k).toEqual(values);
    expect(latencySeconds).toBe(0);
  });

  it('rounds and clips as the capture worklet does', () => {
    const { samples8k } = toCallSamples({
      samples: Float32Array.from([1, 1.5, -1, -1.5, 1.5 / 32768, 2.4 / 32768]),
      rateHz: 8000,
    });
    expect(samples8k).toEqual(Int16Array.from([32767, 32767, -32768, -32768, 2, 2]));
  });

  it('resamples 44.1 kHz to ⌈n × 8000 / 44100⌉ samples, the same ones the worklet makes in 128-sample blocks', () => {
    const n = 44100 + 77;
    const samples = Float32Array.from(
      { length: n },
      (_, i) => 0.5 * Math.sin(i * 0.07) + 0.3 * Math.sin(i * 0.9),
    );
    const { samples8k, latencySeconds } = toCallSamples({ samples, rateHz: 44100 });
    expect(samples8k.length).toBe(Math.ceil((n * 8000) / 44100));
    expect(samples8k).toEqual(likeTheWorklet(samples, 44100));
    expect(latencySeconds).toBeCloseTo(new Resampler(44100).latencySeconds, 12);
    expect(latencySeconds).toBeGreaterThan(0.003);
    expect(latencySeconds).toBeLessThan(0.004);
  });
});

describe('placeFrames', () => {
  it('decides frame k at its middle, 256 × k + 128, with the browser hysteresis (0.95 on and off)', () => {
    const frames = placeFrames([0.96, 0.951, 0.94, 0.949, 0.95, 0.1]);
    expect(frames.map((f) => f.endSample)).toEqual([128, 384, 640, 896, 1152, 1408]);
    expect(frames.map(isSpeech)).toEqual([true, true, false, false, true, false]);
    expect(frames[0]!.speechProbability).toBe(0.96);
  });

  it('takes other thresholds, and refuses inconsistent ones', () => {
    const frames = placeFrames([0.6, 0.4, 0.2], {
      positiveSpeechThreshold: 0.5,
      negativeSpeechThreshold: 0.3,
    });
    expect(frames.map(isSpeech)).toEqual([true, true, false]);
    expect(() => placeFrames([0.5], { positiveSpeechThreshold: 0.5, negativeSpeechThreshold: 0.7 })).toThrow(
      /negativeSpeechThreshold must be in \[0, positiveSpeechThreshold\]/,
    );
  });
});

interface Truth {
  speech: [number, number][];
}
interface Trace {
  probabilities: number[];
}

describe('hearCallerAudio with the real Silero v5 model', { timeout: 60_000 }, () => {
  let original: CallerAudio;
  let heardOriginal: HeardCallerAudio;
  beforeAll(async () => {
    original = await readCallerAudio(fixture('one-utterance.wav'));
    heardOriginal = await hearCallerAudio(original);
  }, 60_000);

  it('one-utterance.wav: the committed trace, and speech frames where the ground truth has speech', async () => {
    const [audio, heard] = [original, heardOriginal];
    const trace = json<Trace>('one-utterance.trace.json').probabilities;
    const [[start, end]] = json<Truth>('one-utterance.json').speech as [[number, number]];

    expect(heard.samples8k.length).toBe(audio.samples.length);
    expect(heard.frames.length).toBe(Math.floor(audio.samples.length / FRAME));
    heard.frames.forEach((frame, k) => {
      expect(frame.endSample).toBe(FRAME * k + FRAME / 2);
      expect(Math.abs(heard.probabilities[k]! - trace[k]!)).toBeLessThanOrEqual(1e-3);
    });
    const speech = heard.frames.filter(isSpeech);
    const firstStart = (speech[0]!.endSample - FRAME / 2) / 8000;
    const lastEnd = (speech.at(-1)!.endSample + FRAME / 2) / 8000;
    // The model needs a frame or two of a soft onset: it is heard 44 ms after the truth's start.
    expect(firstStart).toBeGreaterThanOrEqual(start - FRAME_SECONDS);
    expect(firstStart).toBeLessThanOrEqual(start + 2 * FRAME_SECONDS);
    expect(Math.abs(lastEnd - end)).toBeLessThanOrEqual(FRAME_SECONDS);
    expect(heard.resamplerLatencySeconds).toBe(0);
  });

  it('silence.wav: the committed trace, and not one speech frame', async () => {
    const heard = await hearCallerAudio(await readCallerAudio(fixture('silence.wav')));
    const trace = json<Trace>('silence.trace.json').probabilities;
    expect(heard.frames.length).toBe(125);
    heard.probabilities.forEach((p, k) => expect(Math.abs(p - trace[k]!)).toBeLessThanOrEqual(1e-3));
    expect(heard.frames.filter(isSpeech)).toEqual([]);
  });

  it('a 44.1 kHz stereo 24-bit copy of one-utterance.wav starts and ends its speech within a frame of the original, and a timeout stops at the same place', async () => {
    const up = new Resampler(8000, 44100);
    const at44k = new Float32Array(up.maxOutputFor(original.samples.length));
    const length = up.process(original.samples, at44k);
    const wav = stereo24BitWav(at44k.subarray(0, length), 44100);

    const copy = await readCallerAudio(wav);
    expect(copy.sourceFormat).toBe('WAV, 24-bit PCM, 44100 Hz, stereo');
    const [heard, reference] = [await hearCallerAudio(copy), heardOriginal];
    expect(Math.abs(heard.frames.length - reference.frames.length)).toBeLessThanOrEqual(1);
    const decided = reference.frames.map(isSpeech);
    const got = heard.frames.map(isSpeech);
    // Where the speech starts and ends, within a frame; inside it, a dip of the model's probability
    // around the threshold may fall a frame either way.
    expect(Math.abs(got.indexOf(true) - decided.indexOf(true))).toBeLessThanOrEqual(1);
    expect(Math.abs(got.lastIndexOf(true) - decided.lastIndexOf(true))).toBeLessThanOrEqual(1);
    // What a caller of the sandbox sees: a Record with timeout="1" stops at the same place, within a frame.
    const stop = (h: HeardCallerAudio): number =>
      replayRecord({ samples: h.samples8k, probabilities: h.probabilities, timeoutSeconds: 1 }).endSample;
    expect(Math.abs(stop(heard) - stop(reference))).toBeLessThanOrEqual(FRAME);
  });

  it('gives no frames for audio shorter than a frame, and checks its input', async () => {
    const short = await hearCallerAudio({ samples: new Float32Array(255), rateHz: 8000 });
    expect(short.samples8k.length).toBe(255);
    expect(short.frames).toEqual([]);
    const empty = await hearCallerAudio({ samples: new Float32Array(0), rateHz: 48000 });
    expect(empty.samples8k.length).toBe(0);
    await expect(hearCallerAudio({ samples: new Float32Array(10), rateHz: 0 })).rejects.toThrow(
      'hearCallerAudio: the sample rate must be a whole number of hertz from 1000 to 768000, got 0',
    );
    await expect(
      hearCallerAudio(
        { samples: new Float32Array(10), rateHz: 8000 },
        { thresholds: { positiveSpeechThreshold: 2, negativeSpeechThreshold: 0.5 } },
      ),
    ).rejects.toThrow(/positiveSpeechThreshold must be in \(0, 1\], got 2/);
  });
});

/** A stereo WAV of 24-bit PCM with the same signal in both channels. */
function stereo24BitWav(samples: Float32Array, rateHz: number): Uint8Array {
  const dataBytes = samples.length * 6;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  bytes.set(
    [...'RIFF'].map((c) => c.charCodeAt(0)),
    0,
  );
  view.setUint32(4, 36 + dataBytes, true);
  bytes.set(
    [...'WAVEfmt '].map((c) => c.charCodeAt(0)),
    8,
  );
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 2, true);
  view.setUint32(24, rateHz, true);
  view.setUint32(28, rateHz * 6, true);
  view.setUint16(32, 6, true);
  view.setUint16(34, 24, true);
  bytes.set(
    [...'data'].map((c) => c.charCodeAt(0)),
    36,
  );
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.max(-8388608, Math.min(8388607, Math.round(samples[i]! * 8388608)));
    for (const channel of [0, 1]) {
      const at = 44 + 6 * i + 3 * channel;
      bytes[at] = value & 0xff;
      bytes[at + 1] = (value >> 8) & 0xff;
      bytes[at + 2] = (value >> 16) & 0xff;
    }
  }
  return bytes;
}
