// Silero v5 on the call's 8 kHz audio: scored at 16 kHz after upsample2 (today, vad-web's Silero class) or
// at the model's own 8 kHz rate (256-sample frames, 32-sample context, sr = 8000, as silero-vad's
// OnnxWrapper in utils_vad.py feeds it), on onnxruntime-web's wasm backend, one thread.
//  A. Speed of the model alone on 60 s of the fixtures end to end (ms per 32 ms frame, × real time), and
//     how well the probabilities of the variants agree with today's.
//  B. Silence-timeout error against the fixtures' ground truth, as bench/silence.ts computes it (all
//     fixtures, timeout 1…5 s, speech at 4 phases of the 32 ms frame grid, the empty decision), for the
//     thresholds of today (0.85 / 0.8), a sweep of positive / negative thresholds, and two silence rules:
//       end  – silence counts from the end of the last speech frame (today's engine);
//       mid  – from the middle of the last speech frame: every frame placed 128 samples earlier on the
//              call clock (FrameClock origin −128) and replayed through the unchanged engine.
//     Goals: |error| ≤ 60 ms on clean speech, ≤ 100 ms with noise, every empty decision right, every
//     recording stopped by its timeout.
//  C. Speed of the whole Node path for a 60 s caller WAV (44.1 kHz stereo, 8 kHz mono): read + resample +
//     [upsample] + model + placing, best of 3, at each rate.
// It prints tables and asserts nothing. Run: node --import tsx bench/vad-variants.ts [--quick] [--speed-only]
//   --quick       sweep a coarser grid of thresholds (0.1 steps)
//   --speed-only  skip B (A and C only)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { Silero } from '@ricky0123/vad-web/dist/models/silero.js';
import type * as OrtWeb from 'onnxruntime-web';
import { Resampler } from '../src/audio/resampler.ts';
import { upsample2 } from '../src/audio/upsample2.ts';
import { decodeWav } from '../src/audio/wav.ts';
import { startCall, step } from '../src/engine/call.ts';
import { SAMPLE_RATE_HZ, type CallEffect, type RecordingResult } from '../src/engine/events.ts';
import { seededRandomHex } from '../src/engine/seeded-hex.ts';
import {
  DEFAULT_SPEECH_THRESHOLDS,
  FrameClock,
  SILERO_FRAME_SAMPLES_8K,
  type SpeechThresholds,
} from '../src/engine/vad-frames.ts';
import { CHUNK_SAMPLES, expectedStop, replayRecord } from '../src/engine/vad-replay.ts';
import { placeFrames, toCallSamples } from '../src/node/hear-audio.ts';
import { readCallerAudio } from '../src/node/read-audio.ts';
import { loadSilero, SILERO_MODEL_MODULE } from '../src/node/silero.ts';

const quick = process.argv.includes('--quick');
const speedOnly = process.argv.includes('--speed-only');
const DIR = 'e2e/fixtures/vad';
const LONG_SECONDS = 60;
const TIMEOUTS = [1, 2, 3, 4, 5];
const TAIL_SECONDS = Math.max(...TIMEOUTS) + 1;
const PHASES_SAMPLES = [0, 64, 128, 192];
const GOAL_CLEAN_MS = 60;
const GOAL_NOISY_MS = 100;
const ROUNDS_A = 5;
const FRAME = SILERO_FRAME_SAMPLES_8K;
/** silero-vad's OnnxWrapper: 64 samples of context at 16 kHz, 32 at 8 kHz (the same 4 ms). */
const CONTEXT_8K = 32;
const STATE_SIZE = 2 * 128;

const require = createRequire(import.meta.url);
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// ---- The model at 8 kHz -------------------------------------------------------------------------------

// The same module instance src/node/silero.ts loads, set up the same way (one thread, quiet).
const setupStarted = performance.now();
const ort = await import('onnxruntime-web/wasm');
ort.env.logLevel = 'error';
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')) + sep;
const session = await ort.InferenceSession.create(readFileSync(require.resolve(SILERO_MODEL_MODULE)), {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  logSeverityLevel: 3,
});
const sr8k = new ort.Tensor('int64', [BigInt(SAMPLE_RATE_HZ)]);

/**
 * Speech probability of each whole 256-sample frame of `samples8k`, the model fed at sr = 8000 with
 * `context` samples before each frame (the previous frame's tail, zeros before the stream), state fresh.
 */
async function score8k(samples8k: Int16Array, context = CONTEXT_8K): Promise<Float32Array> {
  const frames = Math.floor(samples8k.length / FRAME);
  const out = new Float32Array(frames);
  const width = context + FRAME;
  let state: OrtWeb.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 128]);
  for (let k = 0; k < frames; k++) {
    const input = new Float32Array(width);
    const from = k * FRAME - context;
    for (let i = Math.max(0, -from); i < width; i++) input[i] = samples8k[from + i]! / 32768;
    const result = await session.run({
      input: new ort.Tensor('float32', input, [1, width]),
      state,
      sr: sr8k,
    });
    state = result.stateN!;
    out[k] = (result.output!.data as Float32Array)[0]!;
  }
  return out;
}

/** Today's browser class with sr = 8000 instead: its context stays 64 samples (8 ms at 8 kHz). */
async function score8kVadWeb(samples8k: Int16Array): Promise<Float32Array> {
  const state = new ort.Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 128]);
  const model = new Silero(session, state, sr8k, ort as typeof OrtWeb);
  const frames = Math.floor(samples8k.length / FRAME);
  const out = new Float32Array(frames);
  const frame = new Float32Array(FRAME);
  for (let k = 0; k < frames; k++) {
    for (let i = 0; i < FRAME; i++) frame[i] = samples8k[k * FRAME + i]! / 32768;
    out[k] = (await model.process(frame)).isSpeech;
  }
  return out;
}

/**
 * score8k over `streams` pieces of the audio at once (the model's batch dimension), for offline audio
 * only: piece i scores frames [i·L, (i+1)·L) after `warmFrames` frames before them that only warm its
 * state up (piece 0 starts at frame 0 like score8k). The frames right after a piece boundary can differ
 * a little from score8k's.
 */
async function score8kBatched(
  samples8k: Int16Array,
  streams: number,
  warmFrames: number,
): Promise<Float32Array> {
  const frames = Math.floor(samples8k.length / FRAME);
  const out = new Float32Array(frames);
  const per = Math.ceil(frames / streams);
  const width = CONTEXT_8K + FRAME;
  const starts = Array.from({ length: streams }, (_, i) => Math.max(0, i * per - warmFrames));
  const steps = per + warmFrames;
  let state: OrtWeb.Tensor = new ort.Tensor('float32', new Float32Array(STATE_SIZE * streams), [
    2,
    streams,
    128,
  ]);
  for (let s = 0; s < steps; s++) {
    const input = new Float32Array(width * streams);
    for (let b = 0; b < streams; b++) {
      const k = starts[b]! + s;
      const from = k * FRAME - CONTEXT_8K;
      // The first frame of each piece has zeros as its context, as a fresh stream does.
      const first = s === 0 ? CONTEXT_8K : 0;
      for (let i = first; i < width; i++) {
        const j = from + i;
        input[b * width + i] = j >= 0 && j < samples8k.length ? samples8k[j]! / 32768 : 0;
      }
    }
    const result = await session.run({
      input: new ort.Tensor('float32', input, [streams, width]),
      state,
      sr: sr8k,
    });
    state = result.stateN!;
    const data = result.output!.data as Float32Array;
    for (let b = 0; b < streams; b++) {
      const k = starts[b]! + s;
      if (k >= b * per && k < Math.min(frames, (b + 1) * per)) out[k] = data[b]!;
    }
  }
  return out;
}

// ---- The fixtures ---------------------------------------------------------------------------------------

interface Fixture {
  name: string;
  speech: [number, number][];
  noise: string;
  samples: Int16Array;
}
const fixtures: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.trace.json'))
  .sort()
  .map((f) => {
    const json = JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as { file: string } & Fixture;
    const wav = decodeWav(new Uint8Array(readFileSync(`${DIR}/${json.file}`)));
    if (wav.sampleRateHz !== SAMPLE_RATE_HZ || wav.channels !== 1)
      throw new Error(`${json.file}: not 8 kHz mono`);
    return {
      name: json.file.replace(/\.wav$/, ''),
      speech: json.speech,
      noise: json.noise,
      samples: wav.samples,
    };
  });

const long8k = new Int16Array(LONG_SECONDS * SAMPLE_RATE_HZ);
for (let filled = 0, i = 0; filled < long8k.length; i++) {
  const part = fixtures[i % fixtures.length]!.samples;
  const take = Math.min(part.length, long8k.length - filled);
  long8k.set(part.subarray(0, take), filled);
  filled += take;
}

const model16k = await loadSilero();
/** Importing onnxruntime-web, compiling its wasm and creating both sessions. */
const setupMs = performance.now() - setupStarted;
const score16k = (samples8k: Int16Array): Promise<Float32Array> => model16k.score(upsample2(samples8k));

interface Variant {
  key: string;
  label: string;
  score: (samples8k: Int16Array) => Promise<Float32Array>;
}
const BATCH = { streams: 16, warmFrames: 32 };
const variants: Variant[] = [
  { key: '16k', label: '16 kHz: upsample2 + vad-web Silero (today)', score: score16k },
  { key: '8k', label: '8 kHz: own wrapper, context 32', score: (s) => score8k(s) },
  { key: '8k/ctx64', label: '8 kHz: vad-web Silero, sr 8000 (context 64)', score: score8kVadWeb },
  {
    key: '8k/batch',
    label: `8 kHz: ${BATCH.streams} pieces batched, ${BATCH.warmFrames}-frame warm-up`,
    score: (s) => score8kBatched(s, BATCH.streams, BATCH.warmFrames),
  },
];

const PATH_VARIANTS = ['16k', '8k', '8k/batch'].map((key) => ({ key }));
interface PathRun {
  /** read, resample, upsample, model, placing (ms). */
  laps: number[];
  total: number;
  cpu: number;
}
/** readCallerAudio + toCallSamples + [upsample2] + the model + placeFrames on one WAV file. */
async function runPath(key: string, path: string): Promise<PathRun> {
  const laps: number[] = [];
  const cpu = cpuMs();
  let t = performance.now();
  const lap = (): void => {
    const now = performance.now();
    laps.push(now - t);
    t = now;
  };
  const audio = await readCallerAudio(path);
  lap();
  const { samples8k } = toCallSamples(audio);
  lap();
  const audio16k = key === '16k' ? upsample2(samples8k) : null;
  lap();
  const probabilities = audio16k
    ? await model16k.score(audio16k)
    : key === '8k'
      ? await score8k(samples8k)
      : await score8kBatched(samples8k, BATCH.streams, BATCH.warmFrames);
  lap();
  placeFrames(probabilities, DEFAULT_SPEECH_THRESHOLDS);
  lap();
  return { laps, total: laps.reduce((a, b) => a + b, 0), cpu: cpuMs() - cpu };
}
const cold = process.argv.find((a) => a.startsWith('--cold='))?.slice('--cold='.length);
if (cold) {
  const file = process.argv.find((a) => a.startsWith('--file='))!.slice('--file='.length);
  console.log(JSON.stringify({ ...(await runPath(cold, file)), setupMs }));
  process.exit(0);
}

// ---- A. Model speed and agreement -------------------------------------------------------------------

console.log(`load average before: ${load()} (2 cores shared with other work)`);
console.log('');
console.log(
  `A. The model alone on ${LONG_SECONDS} s of the fixtures end to end, one thread; after one warm-up run each, ` +
    `${ROUNDS_A} rounds with the variants interleaved (best and median)`,
);
const frames60 = Math.floor(long8k.length / FRAME);
const probabilities60 = new Map<string, Float32Array>();
for (const variant of variants) probabilities60.set(variant.key, await variant.score(long8k)); // warm-up
const timesA = new Map<string, { wall: number; cpu: number }[]>(variants.map((v) => [v.key, []]));
for (let run = 0; run < ROUNDS_A; run++) {
  for (const variant of variants) {
    const cpu = cpuMs();
    const started = performance.now();
    await variant.score(long8k);
    timesA.get(variant.key)!.push({ wall: performance.now() - started, cpu: cpuMs() - cpu });
  }
}
console.log(
  'variant                                          ms/frame best (wall / cpu)  median   × real time best / median',
);
for (const variant of variants) {
  const times = [...timesA.get(variant.key)!].sort((a, b) => a.wall - b.wall);
  const best = times[0]!;
  const median = times[Math.floor(times.length / 2)]!.wall;
  const x = (ms: number): string => ((LONG_SECONDS * 1000) / ms).toFixed(0);
  console.log(
    `${variant.label.padEnd(48)} ${(best.wall / frames60).toFixed(3).padStart(8)} / ${(best.cpu / frames60).toFixed(3).padEnd(10)} ${(median / frames60).toFixed(3).padStart(8)} ${`${x(best.wall)}× / ${x(median)}×`.padStart(16)}`,
  );
}
console.log(`load average after: ${load()}`);

/** Speech frames by a hysteresis (the engine's reading of FrameClock's output). */
const decisions = (p: ArrayLike<number>, thresholds: SpeechThresholds): boolean[] =>
  placeFrames(p, thresholds).map((f) => f.speechProbability >= 0.5);
function agreement(a: Float32Array, b: Float32Array): string {
  let maxDiff = 0;
  let sumDiff = 0;
  let [sa, sb, saa, sbb, sab] = [0, 0, 0, 0, 0];
  let plain = 0;
  for (let k = 0; k < a.length; k++) {
    const d = Math.abs(a[k]! - b[k]!);
    maxDiff = Math.max(maxDiff, d);
    sumDiff += d;
    sa += a[k]!;
    sb += b[k]!;
    saa += a[k]! ** 2;
    sbb += b[k]! ** 2;
    sab += a[k]! * b[k]!;
    if (a[k]! >= 0.5 !== b[k]! >= 0.5) plain++;
  }
  const n = a.length;
  const r = (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
  const [da, db] = [decisions(a, DEFAULT_SPEECH_THRESHOLDS), decisions(b, DEFAULT_SPEECH_THRESHOLDS)];
  const hyst = da.filter((d, k) => d !== db[k]).length;
  return `${maxDiff.toFixed(3).padStart(7)} ${(sumDiff / n).toFixed(4).padStart(9)} ${r.toFixed(4).padStart(7)} ${String(plain).padStart(10)} ${String(hyst).padStart(15)}`;
}
console.log('');
console.log(
  `agreement over the ${frames60} frames           max|Δp|  mean|Δp|  corr r  flips@0.5  flips@0.85/0.8`,
);
const pairs: [string, string][] = [
  ['8k', '16k'],
  ['8k/ctx64', '16k'],
  ['8k/ctx64', '8k'],
  ['8k/batch', '8k'],
];
for (const [a, b] of pairs) {
  console.log(`${`${a} vs ${b}`.padEnd(42)} ${agreement(probabilities60.get(a)!, probabilities60.get(b)!)}`);
}

// How much warm-up a batched piece needs: pieces of the 60 s scored with W frames of warm-up, against the
// sequential score8k, at the piece boundaries' first frames and over all frames.
console.log('');
console.log('8 kHz batched (pieces × warm-up frames) vs sequential 8k: speed and agreement over the 60 s');
console.log('pieces  warm-up  ms/frame  max|Δp|  flips@0.85/0.8  flips@0.9/0.9');
const sequential8k = probabilities60.get('8k')!;
const strict = { positiveSpeechThreshold: 0.9, negativeSpeechThreshold: 0.9 };
for (const [streams, warmFrames] of [
  [16, 0],
  [16, 16],
  [16, 32],
  [16, 64],
  [32, 32],
  [64, 32],
] as const) {
  await score8kBatched(long8k, streams, warmFrames);
  let wall = Infinity;
  let p: Float32Array = new Float32Array(0);
  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    p = await score8kBatched(long8k, streams, warmFrames);
    wall = Math.min(wall, performance.now() - started);
  }
  let maxDiff = 0;
  for (let k = 0; k < p.length; k++) maxDiff = Math.max(maxDiff, Math.abs(p[k]! - sequential8k[k]!));
  const flips = (t: SpeechThresholds): number => {
    const [a, b] = [decisions(p, t), decisions(sequential8k, t)];
    return a.filter((d, k) => d !== b[k]).length;
  };
  console.log(
    `${String(streams).padStart(6)} ${String(warmFrames).padStart(8)} ${(wall / frames60).toFixed(3).padStart(9)} ${maxDiff.toFixed(3).padStart(8)} ${String(flips(DEFAULT_SPEECH_THRESHOLDS)).padStart(15)} ${String(flips(strict)).padStart(14)}`,
  );
}

// ---- B. Silence timeout against the ground truth ----------------------------------------------------

if (!speedOnly) await accuracy();

async function accuracy(): Promise<void> {
  /**
   * replayRecord (src/engine/vad-replay.ts) with the FrameClock's origin as a parameter: the same engine,
   * document, chunks and frame lag; `originSamples` moves every frame's end on the call clock.
   */
  function replay(
    samples: Int16Array,
    probabilities: ArrayLike<number>,
    timeoutSeconds: number,
    thresholds: SpeechThresholds,
    originSamples: number,
  ): RecordingResult {
    const lagFrames = 1;
    const rcml = `<Response><Record action="/action" playBeep="false" maxLength="3600" timeout="${timeoutSeconds}"/></Response>`;
    const started = startCall({
      documentUrl: 'https://app.example.com/voice.xml',
      profile: 'restcomm',
      from: '+15550100001',
      to: '+15550100002',
      callerName: 'Replay',
      randomHex: seededRandomHex(1),
    });
    const state = started.state;
    let recording: RecordingResult | null = null;
    const perform = (effects: CallEffect[]): void => {
      for (const effect of effects) {
        if (effect.type === 'http-request' && effect.request.purpose === 'document') {
          const response = {
            type: 'http-response',
            id: effect.request.id,
            status: 200,
            contentType: 'text/xml',
          } as const;
          perform(step(state, { ...response, body: rcml }).effects);
        } else if (effect.type === 'recording-finished' && recording === null) {
          recording = effect.recording;
        }
      }
    };
    perform(started.effects);
    const clock = new FrameClock(thresholds, FRAME, originSamples);
    let delivered = 0;
    for (let start = 0; start < samples.length && recording === null; start += CHUNK_SAMPLES) {
      const chunk = samples.subarray(start, Math.min(start + CHUNK_SAMPLES, samples.length));
      const ready = Math.min(probabilities.length, Math.max(0, Math.floor(start / FRAME) - lagFrames));
      for (; delivered < ready; delivered++) clock.add(probabilities[delivered] ?? 0);
      perform(step(state, { type: 'audio', samples: chunk }).effects);
      for (const frame of clock.take()) {
        if (recording !== null) break;
        perform(step(state, { type: 'vad', ...frame }).effects);
      }
    }
    if (recording === null) perform(step(state, { type: 'hangup' }).effects);
    if (recording === null) throw new Error('replay: the Record did not finish');
    return recording;
  }

  const RULES = [
    { key: 'end', originSamples: 0 },
    { key: 'mid', originSamples: -FRAME / 2 },
  ] as const;
  type RuleKey = (typeof RULES)[number]['key'];

  interface Scored {
    fixture: Fixture;
    runs: { phase: number; samples: Int16Array; probabilities: Float32Array }[];
  }
  const accuracyVariants = variants.filter((v) => v.key !== '8k/batch');
  const scoredByVariant = new Map<string, Scored[]>();
  for (const variant of accuracyVariants) {
    const scored: Scored[] = [];
    for (const fixture of fixtures) {
      const runs: Scored['runs'] = [];
      for (const phase of PHASES_SAMPLES) {
        const samples = new Int16Array(phase + fixture.samples.length + TAIL_SECONDS * SAMPLE_RATE_HZ);
        samples.set(fixture.samples, phase);
        runs.push({ phase, samples, probabilities: await variant.score(samples) });
      }
      scored.push({ fixture, runs });
    }
    scoredByVariant.set(variant.key, scored);
  }

  interface Cell {
    low: number;
    high: number;
    emptyRight: boolean;
    byTimeout: boolean;
  }
  interface Outcome {
    cells: Map<string, Cell[]>; // fixture → one per timeout
    clean: number;
    noisy: number;
    emptyRight: boolean;
    byTimeout: boolean;
  }
  let replays = 0;
  function evaluate(scored: Scored[], thresholds: SpeechThresholds, rule: RuleKey): Outcome {
    const originSamples = RULES.find((r) => r.key === rule)!.originSamples;
    const outcome: Outcome = { cells: new Map(), clean: 0, noisy: 0, emptyRight: true, byTimeout: true };
    for (const { fixture, runs } of scored) {
      const cells: Cell[] = [];
      for (const timeoutSeconds of TIMEOUTS) {
        const want = expectedStop(fixture.speech, timeoutSeconds);
        const errors: number[] = [];
        const empties = new Set<boolean>();
        let byTimeout = true;
        for (const { phase, samples, probabilities } of runs) {
          const got = replay(samples, probabilities, timeoutSeconds, thresholds, originSamples);
          replays++;
          const shift = want.empty ? 0 : phase / SAMPLE_RATE_HZ;
          errors.push((got.durationSeconds - (want.durationSeconds + shift)) * 1000);
          empties.add(got.empty);
          byTimeout &&= got.reason === 'timeout';
        }
        const cell = {
          low: Math.min(...errors),
          high: Math.max(...errors),
          emptyRight: empties.size === 1 && empties.has(want.empty),
          byTimeout,
        };
        cells.push(cell);
        const worst = Math.max(Math.abs(cell.low), Math.abs(cell.high));
        if (fixture.noise === 'none') outcome.clean = Math.max(outcome.clean, worst);
        else outcome.noisy = Math.max(outcome.noisy, worst);
        outcome.emptyRight &&= cell.emptyRight;
        outcome.byTimeout &&= byTimeout;
      }
      outcome.cells.set(fixture.name, cells);
    }
    return outcome;
  }
  const meets = (o: Outcome): boolean =>
    o.clean <= GOAL_CLEAN_MS && o.noisy <= GOAL_NOISY_MS && o.emptyRight && o.byTimeout;

  // The copied replay at origin 0 must give replayRecord's results exactly.
  let same = 0;
  let compared = 0;
  for (const { runs } of scoredByVariant.get('16k')!) {
    const { samples, probabilities } = runs[1]!;
    for (const timeoutSeconds of TIMEOUTS) {
      const a = replayRecord({ samples, probabilities, timeoutSeconds });
      const b = replay(samples, probabilities, timeoutSeconds, DEFAULT_SPEECH_THRESHOLDS, 0);
      compared++;
      if (a.durationSeconds === b.durationSeconds && a.empty === b.empty && a.reason === b.reason) same++;
    }
  }
  console.log('');
  console.log(
    `B. Silence timeout, error = recorded − (end of last speech + timeout), ms, min…max over ${PHASES_SAMPLES.length} grid phases; goal ≤ ${GOAL_CLEAN_MS} clean, ≤ ${GOAL_NOISY_MS} noisy`,
  );
  console.log(`(the bench's replay at origin 0 equals replayRecord in ${same} of ${compared} cases)`);

  function printTable(variant: string, thresholds: SpeechThresholds, rule: RuleKey): Outcome {
    const outcome = evaluate(scoredByVariant.get(variant)!, thresholds, rule);
    console.log('');
    console.log(
      `${variant}, thresholds ${thresholds.positiveSpeechThreshold} / ${thresholds.negativeSpeechThreshold}, rule ${rule}:` +
        ` worst clean ${outcome.clean.toFixed(0)} ms, noisy ${outcome.noisy.toFixed(0)} ms, empty decisions ${outcome.emptyRight ? 'right' : 'WRONG'}` +
        `${outcome.byTimeout ? '' : ', NOT ALL STOPPED BY TIMEOUT'}${meets(outcome) ? '  → meets both goals' : ''}`,
    );
    console.log(`fixture          ${TIMEOUTS.map((t) => `${t} s`.padStart(10)).join(' ')}  empty`);
    for (const [name, cells] of outcome.cells) {
      const fixture = fixtures.find((f) => f.name === name)!;
      console.log(
        `${name.padEnd(16)} ${cells.map((c) => `${c.low.toFixed(0)}…${c.high.toFixed(0)}`.padStart(10)).join(' ')}  ${cells.every((c) => c.emptyRight) ? (fixture.speech.length ? 'no, right' : 'yes, right') : 'WRONG'}`,
      );
    }
    return outcome;
  }
  for (const variant of accuracyVariants.map((v) => v.key)) {
    for (const rule of RULES) printTable(variant, DEFAULT_SPEECH_THRESHOLDS, rule.key);
  }

  // The sweep.
  const stepSize = quick ? 0.1 : 0.05;
  const round2 = (x: number): number => Math.round(x * 100) / 100;
  const positives: number[] = [];
  for (let p = 0.5; p <= 0.95 + 1e-9; p += stepSize) positives.push(round2(p));
  const negativesFor = (p: number): number[] => {
    const list: number[] = [];
    for (let n = 0.1; n <= p + 1e-9; n += stepSize) list.push(round2(n));
    return list;
  };
  const allNegatives = negativesFor(0.95);
  interface SweepRow {
    variant: string;
    rule: RuleKey;
    thresholds: SpeechThresholds;
    outcome: Outcome;
  }
  const sweep: SweepRow[] = [];
  const sweepStarted = performance.now();
  function sweepGrid(variant: string, rule: RuleKey, rows: number[], columns: number[], title: string): void {
    console.log('');
    console.log(
      `${title} ${variant}, rule ${rule}: worst clean/noisy ms per positive (rows) × negative (columns); ` +
        `* meets both goals, e = an empty decision wrong, t = a recording not stopped by its timeout`,
    );
    console.log(`pos\\neg ${columns.map((n) => n.toFixed(2).padStart(8)).join('')}`);
    for (const positive of rows) {
      let line = positive.toFixed(2).padEnd(8);
      for (const negative of columns) {
        if (negative > positive) {
          line += ''.padStart(8);
          continue;
        }
        const thresholds = { positiveSpeechThreshold: positive, negativeSpeechThreshold: negative };
        let row = sweep.find(
          (r) =>
            r.variant === variant &&
            r.rule === rule &&
            r.thresholds.positiveSpeechThreshold === positive &&
            r.thresholds.negativeSpeechThreshold === negative,
        );
        if (!row) {
          row = {
            variant,
            rule,
            thresholds,
            outcome: evaluate(scoredByVariant.get(variant)!, thresholds, rule),
          };
          sweep.push(row);
        }
        const { outcome } = row;
        const mark = meets(outcome) ? '*' : !outcome.emptyRight ? 'e' : !outcome.byTimeout ? 't' : ' ';
        line += `${outcome.clean.toFixed(0)}/${outcome.noisy.toFixed(0)}${mark}`.padStart(8);
      }
      console.log(line);
    }
  }
  /** Near the top, where the goals are met: finer steps, up to 0.99. */
  const TOP = [0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99];
  for (const variant of accuracyVariants.map((v) => v.key)) {
    for (const rule of RULES) {
      sweepGrid(variant, rule.key, positives, allNegatives, 'sweep');
      sweepGrid(variant, rule.key, TOP, TOP, 'top of the sweep');
    }
  }
  console.log(
    `(${replays} replays through the engine in ${((performance.now() - sweepStarted) / 1000).toFixed(0)} s)`,
  );

  /** How choppy the decided speech is inside the ground truth's utterances, and the quiet speaker's margin. */
  function choppiness(
    scored: Scored[],
    thresholds: SpeechThresholds,
  ): { gapClean: number; gapNoisy: number; quietFrames: number } {
    let gapClean = 0;
    let gapNoisy = 0;
    let quietFrames = Infinity;
    for (const { fixture, runs } of scored) {
      for (const { phase, probabilities } of runs) {
        const speech = decisions(probabilities, thresholds);
        for (const [startSeconds, endSeconds] of fixture.speech) {
          const first = Math.ceil((startSeconds * SAMPLE_RATE_HZ + phase) / FRAME);
          const last = Math.floor((endSeconds * SAMPLE_RATE_HZ + phase) / FRAME) - 1;
          let run = 0;
          let longest = 0;
          for (let k = first; k <= last; k++) {
            run = speech[k] ? 0 : run + 1;
            longest = Math.max(longest, run);
          }
          const ms = (longest * FRAME * 1000) / SAMPLE_RATE_HZ;
          if (fixture.noise === 'none') gapClean = Math.max(gapClean, ms);
          else gapNoisy = Math.max(gapNoisy, ms);
        }
        if (fixture.name === 'quiet-speaker') {
          const loud = Array.from(probabilities).filter(
            (p) => p >= thresholds.positiveSpeechThreshold,
          ).length;
          quietFrames = Math.min(quietFrames, loud);
        }
      }
    }
    return { gapClean, gapNoisy, quietFrames };
  }

  console.log('');
  console.log(
    'configurations meeting both goals with every empty decision right, best first (by worst noisy, then clean)',
  );
  console.log(
    '(gap = longest run of non-speech frames inside a ground-truth utterance, clean / noisy, the most over ' +
      'phases; quiet = frames of quiet-speaker at or above the positive threshold, fewest over phases)',
  );
  console.log('variant   rule  positive  negative  clean ms  noisy ms    gap ms  quiet');
  for (const variant of accuracyVariants.map((v) => v.key)) {
    for (const rule of RULES) {
      const passing = sweep
        .filter((r) => r.variant === variant && r.rule === rule.key && meets(r.outcome))
        .sort((a, b) => a.outcome.noisy - b.outcome.noisy || a.outcome.clean - b.outcome.clean);
      if (passing.length === 0) console.log(`${variant.padEnd(9)} ${rule.key.padEnd(5)} (none)`);
      for (const row of passing.slice(0, 5)) {
        const { gapClean, gapNoisy, quietFrames } = choppiness(scoredByVariant.get(variant)!, row.thresholds);
        console.log(
          `${variant.padEnd(9)} ${rule.key.padEnd(5)} ${row.thresholds.positiveSpeechThreshold.toFixed(2).padStart(8)} ${row.thresholds.negativeSpeechThreshold.toFixed(2).padStart(9)} ${row.outcome.clean.toFixed(0).padStart(9)} ${row.outcome.noisy.toFixed(0).padStart(9)} ${`${gapClean}/${gapNoisy}`.padStart(9)} ${String(quietFrames).padStart(6)}`,
        );
      }
      if (passing.length > 5) console.log(`${''.padEnd(15)} … and ${passing.length - 5} more`);
      if (passing[0]) printTable(variant, passing[0].thresholds, rule.key);
    }
  }
}

// ---- C. The whole Node path ---------------------------------------------------------------------------

/** A 16-bit PCM WAV file of `channels` identical channels. */
function wavFile(samples: Float32Array, rateHz: number, channels: number): Uint8Array {
  const dataBytes = samples.length * 2 * channels;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string): void =>
    bytes.set(
      [...text].map((c) => c.charCodeAt(0)),
      at,
    );
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, rateHz, true);
  view.setUint32(28, rateHz * 2 * channels, true);
  view.setUint16(32, 2 * channels, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768)));
    for (let c = 0; c < channels; c++) view.setInt16(44 + 2 * (i * channels + c), value, true);
  }
  return bytes;
}
const long8kFloat = Float32Array.from(long8k, (s) => s / 32768);
const resampler = new Resampler(SAMPLE_RATE_HZ, 44100);
const long44k = new Float32Array(resampler.maxOutputFor(long8kFloat.length));
const long44kLength = resampler.process(long8kFloat, long44k);
const tmp = mkdtempSync(join(tmpdir(), 'vad-variants-'));
const files = [
  { label: '44.1 kHz stereo', path: join(tmp, 'caller-44k-stereo.wav') },
  { label: '8 kHz mono', path: join(tmp, 'caller-8k-mono.wav') },
];
writeFileSync(files[0]!.path, wavFile(long44k.subarray(0, long44kLength), 44100, 2));
writeFileSync(files[1]!.path, wavFile(long8kFloat, SAMPLE_RATE_HZ, 1));

console.log('');
console.log(
  `C. The Node path for a ${LONG_SECONDS} s caller WAV, one thread, best of 3 rounds with the variants interleaved (by total wall time)`,
);
console.log(`load average before: ${load()}`);
console.log(
  'variant    file              read  resample  upsample   model  placing  total ms  × real time (wall / cpu)',
);
const timesC = new Map<string, PathRun[]>();
for (let run = 0; run < 3; run++) {
  for (const file of files) {
    for (const variant of PATH_VARIANTS) {
      const key = `${variant.key} ${file.label}`;
      timesC.set(key, [...(timesC.get(key) ?? []), await runPath(variant.key, file.path)]);
    }
  }
}
const x = (ms: number): string => ((LONG_SECONDS * 1000) / ms).toFixed(0);
const pathRow = (variant: string, file: string, { laps, total, cpu }: PathRun): string =>
  [
    variant.padEnd(10),
    file.padEnd(16),
    ...laps.map((ms, i) => ms.toFixed(0).padStart([5, 9, 9, 7, 8][i]!)),
    total.toFixed(0).padStart(9),
    `${x(total)}× / ${x(cpu)}×`.padStart(14),
  ].join(' ');
for (const file of files) {
  for (const variant of PATH_VARIANTS) {
    const best = timesC.get(`${variant.key} ${file.label}`)!.sort((a, b) => a.total - b.total)[0]!;
    console.log(pathRow(variant.key, file.label, best));
  }
}
console.log(`load average after: ${load()}`);
console.log('');
console.log(
  'the same, cold: a fresh Node process, its first call (after the model and wasm are loaded), best of 3',
);
console.log(`load average before: ${load()}`);
for (const file of files) {
  for (const variant of PATH_VARIANTS) {
    let best: (PathRun & { setupMs: number }) | null = null;
    for (let run = 0; run < 3; run++) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, process.argv[1]!, `--cold=${variant.key}`, `--file=${file.path}`],
        { encoding: 'utf8' },
      );
      const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) throw new Error(`cold run failed: ${child.stderr}`);
      const result = JSON.parse(line) as PathRun & { setupMs: number };
      if (!best || result.total < best.total) best = result;
    }
    console.log(`${pathRow(variant.key, file.label, best!)}   (load ${best!.setupMs.toFixed(0)} ms before)`);
  }
}
console.log(`load average after: ${load()}`);
rmSync(tmp, { recursive: true, force: true });
