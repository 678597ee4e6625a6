/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { alaw, mulaw } from 'alawmulaw';
import { describe, expect, it } from 'vitest';
import callers from '../../public/callers/callers.json';
import { DtmfDetector, DTMF_HOP_SAMPLES, type DtmfDetection } from './dtmf-detector.ts';
import { DTMF_FREQUENCIES, dtmfSamples, type DtmfKey } from './tones.ts';
import { decodeWav } from './wav.ts';

const RATE = 8000;
const KEYS = Object.keys(DTMF_FREQUENCIES) as DtmfKey[];
/** Test tones: each of the two sines at −10 dBFS (amplitude), as a phone sends them. */
const TONE_DBFS = -10;
const TALK_OFF_DIR = new URL('../../e2e/fixtures/talk-off/', import.meta.url);
const CALLERS_DIR = new URL('../../public/callers/', import.meta.url);

interface ToneSpec {
  key: DtmfKey;
  atSample: number;
  lengthSamples: number;
  /** Level of the low (row) and high (column) sine, dB relative to full scale; default TONE_DBFS. */
  lowDbfs?: number;
  highDbfs?: number;
  /** Relative frequency error of each sine, e.g. 0.015 for +1.5 %. */
  lowDeviation?: number;
  highDeviation?: number;
}

/** Adds an abrupt dual tone (no fades: its length is exactly `lengthSamples`) into `out`. */
function addTone(out: Float64Array, spec: ToneSpec): void {
  const [lowHz, highHz] = DTMF_FREQUENCIES[spec.key];
  const low = 10 ** ((spec.lowDbfs ?? TONE_DBFS) / 20);
  const high = 10 ** ((spec.highDbfs ?? TONE_DBFS) / 20);
  const lowOmega = (2 * Math.PI * lowHz * (1 + (spec.lowDeviation ?? 0))) / RATE;
  const highOmega = (2 * Math.PI * highHz * (1 + (spec.highDeviation ?? 0))) / RATE;
  for (let i = 0; i < spec.lengthSamples; i++) {
    out[spec.atSample + i]! += low * Math.sin(lowOmega * i) + high * Math.sin(highOmega * i + 1);
  }
}

function toInt16(signal: Float64Array): Int16Array {
  const out = new Int16Array(signal.length);
  for (let i = 0; i < signal.length; i++)
    out[i] = Math.max(-32768, Math.min(32767, Math.round(signal[i]! * 32768)));
  return out;
}

/** `lengthSamples` of silence with the given tones in it, as 16-bit samples. */
function tones(lengthSamples: number, ...specs: ToneSpec[]): Int16Array {
  const signal = new Float64Array(lengthSamples);
  for (const spec of specs) addTone(signal, spec);
  return toInt16(signal);
}

/** Deterministic standard normal numbers (mulberry32 + Box–Muller). */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Pushes `samples` (starting at `startSample` on the call clock) in pieces of the given sizes, in turn. */
function detect(
  samples: Int16Array,
  sizes: number[] = [160],
  startSample = 0,
  detector = new DtmfDetector(),
) {
  const found: DtmfDetection[] = [];
  let offset = 0;
  for (let s = 0; offset < samples.length; s++) {
    const size = Math.min(sizes[s % sizes.length]!, samples.length - offset);
    const chunk = samples.subarray(offset, offset + size);
    const start = startSample + offset;
    const keys = detector.push(chunk, start);
    for (const k of keys) {
      // A key is returned by the push whose audio holds the sample just before atSample.
      expect(k.atSample).toBeGreaterThan(start);
      expect(k.atSample).toBeLessThanOrEqual(start + size);
    }
    found.push(...keys);
    offset += size;
  }
  return found;
}

const keysOf = (found: DtmfDetection[]) => found.map((d) => d.key).join('');

function readWav(url: URL) {
  const bytes = new Uint8Array(readFileSync(url));
  return { bytes, wav: decodeWav(bytes) };
}

describe('DtmfDetector: timing', () => {
  it('recognises every key once, 35–40 ms into the tone, on the 2.5 ms window grid', () => {
    for (const key of KEYS) {
      for (let phase = 0; phase < DTMF_HOP_SAMPLES; phase++) {
        const start = 800 + phase;
        const found = detect(tones(3200, { key, atSample: start, lengthSamples: 800 }));
        expect(found.map((d) => d.key)).toEqual([key]);
        const at = found[0]!.atSample;
        expect(at % DTMF_HOP_SAMPLES).toBe(0);
        expect(at - start).toBeGreaterThanOrEqual(280);
        expect(at - start).toBeLessThanOrEqual(320);
      }
    }
  });

  it("recognises the app's own key tones (10 ms fades) a little later", () => {
    for (const key of KEYS) {
      const samples = new Int16Array(3200);
      dtmfSamples(key, RATE, 0.1).forEach((v, i) => (samples[1000 + i] = Math.round(v * 32767)));
      const found = detect(samples);
      expect(found.map((d) => d.key)).toEqual([key]);
      expect(found[0]!.atSample - 1000).toBeGreaterThanOrEqual(280);
      expect(found[0]!.atSample - 1000).toBeLessThanOrEqual(360);
    }
  });

  it('refuses tones of 30 ms and accepts tones of 40 to 45 ms, wherever they fall on the window grid', () => {
    const count = (ms: number) => {
      let n = 0;
      for (const key of KEYS) {
        for (let phase = 0; phase < DTMF_HOP_SAMPLES; phase += 3) {
          const found = detect(tones(2400, { key, atSample: 800 + phase, lengthSamples: ms * 8 }));
          expect(found.every((d) => d.key === key)).toBe(true);
          n += found.length;
        }
      }
      return n;
    };
    const runs = KEYS.length * Math.ceil(DTMF_HOP_SAMPLES / 3);
    expect(count(20)).toBe(0);
    expect(count(30)).toBe(0);
    expect(count(40)).toBe(runs);
    expect(count(42)).toBe(runs);
    expect(count(45)).toBe(runs);
  });

  it('counts one long tone once, and two tones of one key 40 ms apart twice', () => {
    const long = detect(tones(24000, { key: '7', atSample: 1000, lengthSamples: 16000 }));
    expect(keysOf(long)).toBe('7');
    for (const key of KEYS) {
      const apart = (gapMs: number) =>
        tones(
          4000,
          { key, atSample: 500, lengthSamples: 640 },
          { key, atSample: 500 + 640 + gapMs * 8, lengthSamples: 640 },
        );
      expect(keysOf(detect(apart(40)))).toBe(key + key);
      expect(keysOf(detect(apart(60)))).toBe(key + key);
      // A drop-out of 10 ms is an interruption of one tone, not a second press (Q.24).
      expect(keysOf(detect(apart(10)))).toBe(key);
    }
  });

  it('follows one key straight after another, with no pause between them', () => {
    const found = detect(
      tones(
        4000,
        { key: '1', atSample: 400, lengthSamples: 640 },
        { key: '9', atSample: 1040, lengthSamples: 640 },
        { key: '1', atSample: 1680, lengthSamples: 640 },
      ),
    );
    expect(keysOf(found)).toBe('191');
    expect(found[1]!.atSample).toBeGreaterThan(1040);
  });
});

describe('DtmfDetector: streaming', () => {
  const noise = gaussian(7);
  const signal = new Float64Array(24000).map(() => 0.01 * noise());
  const plan = ['3', '#', '#', '0', 'D', '*'] as const;
  plan.forEach((key, i) => addTone(signal, { key, atSample: 1000 + 3700 * i, lengthSamples: 400 + 150 * i }));
  const samples = toInt16(signal);
  const whole = detect(samples, [samples.length]);

  it('finds the keys of a longer signal', () => {
    expect(keysOf(whole)).toBe(plan.join(''));
  });

  it('gives the same keys at the same samples whatever the chunk sizes', () => {
    for (const sizes of [[1], [160], [1000], [7], [13, 331, 1, 999, 64, 2]]) {
      expect(detect(samples, sizes)).toEqual(whole);
    }
  });

  it('places keys on the call clock: audio that starts later gives keys later by as much', () => {
    const offset = 123_460; // a multiple of the 20-sample window grid
    expect(detect(samples, [160], offset)).toEqual(
      whole.map((d) => ({ ...d, atSample: d.atSample + offset })),
    );
  });

  it('starts afresh when a chunk does not continue where the last one ended, and on reset()', () => {
    const tone = tones(1200, { key: '5', atSample: 0, lengthSamples: 1200 });
    const detector = new DtmfDetector();
    // 25 ms, then a jump on the clock, then 25 ms: two fragments, neither long enough.
    expect(detector.push(tone.subarray(0, 200), 0)).toEqual([]);
    expect(detector.push(tone.subarray(200, 400), 8000)).toEqual([]);
    detector.reset();
    expect(detector.push(tone.subarray(400, 600), 8200)).toEqual([]);
    expect(keysOf(detector.push(tone.subarray(600), 8400))).toBe('5');
  });

  it('refuses bad options and a bad start sample with a message that names them', () => {
    expect(() => new DtmfDetector({ minToneSeconds: 0 })).toThrow(/minToneSeconds/);
    expect(() => new DtmfDetector({ minGapSeconds: Number.NaN })).toThrow(/minGapSeconds/);
    expect(() => new DtmfDetector({ maxReverseTwistDb: -1 })).toThrow(/twist/);
    expect(() => new DtmfDetector().push(new Int16Array(10), 1.5)).toThrow(/startSample/);
  });
});

describe('DtmfDetector: Q.24 limits', () => {
  const detectsAll = (make: (key: DtmfKey) => ToneSpec) =>
    KEYS.map((key) => keysOf(detect(tones(2400, make(key))))).join('|');
  const expected = KEYS.join('|');
  const none = KEYS.map(() => '').join('|');
  const at = { atSample: 800, lengthSamples: 800 };

  it('accepts 8 dB of normal twist (low tone stronger) and 4 dB of reverse twist', () => {
    const twist = (db: number) => (key: DtmfKey) => ({
      key,
      ...at,
      lowDbfs: TONE_DBFS + db / 2,
      highDbfs: TONE_DBFS - db / 2,
    });
    expect(detectsAll(twist(0))).toBe(expected);
    expect(detectsAll(twist(8))).toBe(expected);
    expect(detectsAll(twist(-4))).toBe(expected);
    expect(detectsAll(twist(10))).toBe(none);
    expect(detectsAll(twist(-6))).toBe(none);
    // The sign matters: the high tone 8 dB stronger is far beyond the 4 dB allowed that way round.
    expect(detectsAll(twist(-8))).toBe(none);
  });

  it('accepts tones 1.5 % off their frequency and refuses tones 3.5 % off', () => {
    for (const deviation of [0.015, -0.015]) {
      expect(detectsAll((key) => ({ key, ...at, lowDeviation: deviation }))).toBe(expected);
      expect(detectsAll((key) => ({ key, ...at, highDeviation: deviation }))).toBe(expected);
      expect(detectsAll((key) => ({ key, ...at, lowDeviation: deviation, highDeviation: -deviation }))).toBe(
        expected,
      );
    }
    for (const deviation of [0.035, -0.035]) {
      expect(detectsAll((key) => ({ key, ...at, lowDeviation: deviation }))).toBe(none);
      expect(detectsAll((key) => ({ key, ...at, highDeviation: deviation }))).toBe(none);
    }
  });

  it('accepts quiet tones down to −36 dBFS each and refuses them below', () => {
    expect(detectsAll((key) => ({ key, ...at, lowDbfs: -34, highDbfs: -34 }))).toBe(expected);
    expect(detectsAll((key) => ({ key, ...at, lowDbfs: -40, highDbfs: -40 }))).toBe(none);
  });
});

describe('DtmfDetector: noise, silence and single tones', () => {
  /** A 100 ms tone of each key in white noise at `snrDb`: both tones' power over the noise's (0–4 kHz). */
  function inNoise(snrDb: number, seed: number) {
    const tonePower = (2 * (10 ** (TONE_DBFS / 20)) ** 2) / 2;
    const sigma = Math.sqrt(tonePower / 10 ** (snrDb / 10));
    const noise = gaussian(seed);
    return KEYS.map((key) => {
      const signal = new Float64Array(3200).map(() => sigma * noise());
      addTone(signal, { key, atSample: 1200, lengthSamples: 800 });
      return { key, found: detect(toInt16(signal)) };
    });
  }

  it('finds every key exactly once in white noise down to 8 dB SNR', () => {
    for (const snrDb of [20, 15, 10, 8]) {
      for (const seed of [1, 2, 3]) {
        for (const { key, found } of inNoise(snrDb, seed + snrDb * 10)) expect(keysOf(found)).toBe(key);
      }
    }
    // Below the limit keys are missed, never mistaken for other keys or counted twice.
    const rates = [6, 4].map((snrDb) => {
      const runs = [1, 2, 3].flatMap((seed) => inNoise(snrDb, seed + snrDb * 10));
      for (const { key, found } of runs) expect(['', key]).toContain(keysOf(found));
      return `${snrDb} dB: ${runs.filter((r) => r.found.length === 1).length}/${runs.length}`;
    });
    console.log(`DTMF in white noise: every key found at 8 dB SNR and above; below: ${rates.join(', ')}`);
  });

  it('gives nothing for silence, noise, or any single sine', () => {
    expect(detect(new Int16Array(RATE * 10))).toEqual([]);
    const noise = gaussian(99);
    expect(detect(toInt16(new Float64Array(RATE * 10).map(() => 0.3 * noise())))).toEqual([]);
    for (const hz of [697, 770, 852, 941, 1000, 1209, 1336, 1477, 1633, 2000]) {
      const sine = new Float64Array(RATE).map((_, i) => 0.7 * Math.sin((2 * Math.PI * hz * i) / RATE));
      expect(detect(toInt16(sine))).toEqual([]);
    }
    // Two rows (or two columns) at once are not a key either.
    const rows = new Float64Array(RATE).map(
      (_, i) => 0.3 * (Math.sin((2 * Math.PI * 697 * i) / RATE) + Math.sin((2 * Math.PI * 852 * i) / RATE)),
    );
    expect(detect(toInt16(rows))).toEqual([]);
  });
});

// The work here is a few hundred seconds of audio; a loaded machine may need more than the default 5 s.
const SLOW = { timeout: 60_000 };

describe('DtmfDetector: talk-off', () => {
  const fixtures = readdirSync(TALK_OFF_DIR)
    .filter((name) => name.endsWith('.wav'))
    .sort()
    .map((name) => ({ name, ...readWav(new URL(name, TALK_OFF_DIR)) }));
  const speech = fixtures.filter((f) => !['music.wav', 'whistle.wav'].includes(f.name));

  it('never dials from speech, whistling or music', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    let seconds = 0;
    let detections = 0;
    for (const { name, wav } of fixtures) {
      expect(wav.sampleRateHz, name).toBe(RATE);
      expect(wav.channels, name).toBe(1);
      // As recorded, and as a G.711 network would deliver it.
      for (const samples of [wav.samples, mulaw.decode(mulaw.encode(wav.samples))]) {
        const found = detect(samples);
        expect(found, name).toEqual([]);
        detections += found.length;
      }
      seconds += wav.samples.length / RATE;
    }
    expect(seconds).toBeGreaterThan(80);
    console.log(
      `DTMF talk-off: ${detections} detections in ${seconds.toFixed(1)} s of speech, whistling and music ` +
        '(each as recorded and through μ-law)',
    );
  });

  it(
    'finds a key over speech wherever the tone is 8 dB above the speech under it, and between words',
    SLOW,
    () => {
      const context = RATE / 2; // audio before and after the tone that the detector hears
      let over = 0;
      let between = 0;
      let tried = 0;
      let found = 0;
      for (const { name, wav } of speech) {
        for (const key of ['5', '#', '1', 'D'] as const) {
          for (let t = 0.5; t < 10.4; t += 0.5) {
            const start = Math.round(t * RATE);
            const excerpt = new Float64Array(800 + 2 * context);
            for (let i = 0; i < excerpt.length; i++) excerpt[i] = wav.samples[start - context + i]! / 32768;
            let speechPower = 0;
            for (let i = 0; i < 800; i++) speechPower += excerpt[context + i]! ** 2 / 800;
            addTone(excerpt, { key, atSample: context, lengthSamples: 800 });
            const keys = keysOf(detect(toInt16(excerpt)));
            const tonePower = 10 ** (TONE_DBFS / 10);
            const snrDb = 10 * Math.log10(tonePower / Math.max(speechPower, 1e-12));
            // Never another key, never twice.
            expect(['', key], `${name} at ${t} s`).toContain(keys);
            tried++;
            if (keys === key) found++;
            if (snrDb >= 8) {
              expect(keys, `${name} at ${t} s, ${snrDb.toFixed(1)} dB over the speech`).toBe(key);
              if (speechPower < 1e-5) between++;
              else over++;
            }
          }
        }
      }
      expect(over).toBeGreaterThan(200);
      expect(between).toBeGreaterThan(50);
      console.log(
        `DTMF over speech: ${found}/${tried} tones found; all ${over} over words and ${between} between words ` +
          'with the tone ≥ 8 dB above the speech',
      );
    },
  );
});

describe('sample callers (public/callers)', () => {
  it('lists each file once, with its real duration, speech and tones', () => {
    expect(callers.map((c) => c.file).sort()).toEqual(
      readdirSync(CALLERS_DIR)
        .filter((f) => f.endsWith('.wav'))
        .sort(),
    );
  });

  for (const caller of callers) {
    it(`${caller.file}: 8 kHz mono 16-bit, under 200 KB, built as callers.json says`, () => {
      const { bytes, wav } = readWav(new URL(caller.file, CALLERS_DIR));
      expect(bytes.length).toBeLessThan(200 * 1024);
      expect([wav.sampleRateHz, wav.channels, wav.bitsPerSample]).toEqual([RATE, 1, 16]);
      expect(wav.samples.length).toBe(Math.round(caller.durationSeconds * RATE));
      // Speech and tones where the file says, digital silence everywhere else.
      const sounding = [...caller.speech, ...caller.tones.map((t) => [t.startSeconds, t.endSeconds])];
      for (const [start, end] of sounding) {
        const part = wav.samples.subarray(Math.round(start! * RATE), Math.round(end! * RATE));
        const rms = Math.sqrt(part.reduce((sum, v) => sum + (v / 32768) ** 2, 0) / part.length);
        expect(20 * Math.log10(rms)).toBeGreaterThan(-30);
      }
      const silent = wav.samples.filter(
        (_, i) =>
          !sounding.some(([start, end]) => i >= Math.round(start! * RATE) && i < Math.round(end! * RATE)),
      );
      expect(silent.every((v) => v === 0)).toBe(true);
    });

    it(`${caller.file}: the detector finds exactly its tones, each while it sounds, also through G.711`, () => {
      const { wav } = readWav(new URL(caller.file, CALLERS_DIR));
      const versions = {
        direct: wav.samples,
        pcmu: mulaw.decode(mulaw.encode(wav.samples)),
        pcma: alaw.decode(alaw.encode(wav.samples)),
      };
      for (const [network, samples] of Object.entries(versions)) {
        const found = detect(samples);
        expect(
          found.map((d) => d.key),
          network,
        ).toEqual(caller.tones.map((t) => t.key));
        found.forEach((d, i) => {
          const tone = caller.tones[i]!;
          expect(d.atSample).toBeGreaterThan(Math.round(tone.startSeconds * RATE) + 0.03 * RATE);
          expect(d.atSample).toBeLessThanOrEqual(Math.round(tone.endSeconds * RATE));
        });
      }
    });
  }
});
