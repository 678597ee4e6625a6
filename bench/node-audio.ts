// Caller audio in Node, measured through the package's simulateCall with `input.audio` (a WAV file's path):
// readCallerAudio + hearCaller (Resampler to 8 kHz, Int16, Silero v5 on onnxruntime-web's wasm, frames on
// the clock, the in-band DTMF detector) + the engine running the call.
//  1. Speed: a 60 s caller WAV (the fixtures in e2e/fixtures/vad end to end, resampled to 44.1 kHz stereo,
//     and the same at 8 kHz mono) through simulateCall with a <Record> that lasts the whole file, split by
//     stage: read / resample / model / mapping / DTMF / engine. Goal: ≥ 100× real time on one
//     core. Wall and CPU time are both printed: on a busy machine CPU time is the fairer. The DTMF
//     detector's own cost is printed per second of audio.
//  2. Accuracy: each fixture (at 8 kHz, and resampled to 44.1 kHz) as `input.audio` of simulateCall with a
//     <Record timeout=1…5 s playBeep="false">; the file ends and the call goes on in silence, as a fake
//     microphone does. Error = recorded duration − (end of last speech + timeout) by the fixture's ground
//     truth, min…max over four placements of the speech on the 32 ms frame grid. Goals: ≤ 60 ms for clean
//     speech, ≤ 100 ms in noise (speech-in-noise is about 10 dB SNR); the empty decision right. Each file
//     is heard once and its hearing reused for the five timeouts (the same hearCaller simulateCall uses).
// Run: node --import tsx bench/node-audio.ts [--ort-node=DIR]
//   --ort-node=DIR  also time the model stage with onnxruntime-node from DIR (e.g.
//                   …/node_modules/onnxruntime-node), which is not a dependency: install it elsewhere with
//                   ONNXRUNTIME_NODE_INSTALL=skip.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resampler } from '../src/audio/resampler.ts';
import { SAMPLE_RATE_HZ } from '../src/engine/events.ts';
import {
  simulateCall as simulateWithIo,
  type HeardAudio,
  type SimulatedAudio,
} from '../src/engine/simulate.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from '../src/engine/speech.ts';
import { expectedStop } from '../src/engine/vad-replay.ts';
import { detectKeys, TAIL_SECONDS } from '../src/node/caller-hearing.ts';
import { placeFrames, toCallSamples } from '../src/node/hear-audio.ts';
import { toModelSamples } from '../src/audio/silero-stream.ts';
import { readCallerAudio } from '../src/node/read-audio.ts';
import { loadSilero, type OnnxRuntime, type SileroLoadOptions } from '../src/node/silero.ts';
import { nodeSimulateIo, simulateCall } from '../src/node/simulate-call.ts';

const DIR = 'e2e/fixtures/vad';
const LONG_SECONDS = 60;
const GOAL_SPEED = 100;
const TIMEOUTS = [1, 2, 3, 4, 5];
const GOAL_CLEAN_MS = 60;
const GOAL_NOISY_MS = 100;
/** Silence put before each fixture: where the speech falls on the 32 ms frame grid moves the error. */
const PHASES_SAMPLES = [0, 64, 128, 192];

interface Fixture {
  file: string;
  speech: [number, number][];
  noise: string;
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.trace.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Fixture);
const fixtureAudio = new Map<string, Float32Array>();
for (const fixture of fixtures) {
  const audio = await readCallerAudio(`${DIR}/${fixture.file}`);
  if (audio.rateHz !== SAMPLE_RATE_HZ) throw new Error(`${fixture.file}: not 8 kHz`);
  fixtureAudio.set(fixture.file, audio.samples);
}

/** `samples` (8 kHz) resampled to `rateHz` with our Resampler, and its delay. */
function resampleFrom8k(
  samples: Float32Array,
  rateHz: number,
): { samples: Float32Array; latencySeconds: number } {
  const resampler = new Resampler(SAMPLE_RATE_HZ, rateHz);
  const out = new Float32Array(resampler.maxOutputFor(samples.length));
  const written = resampler.process(samples, out);
  return { samples: out.subarray(0, written), latencySeconds: resampler.latencySeconds };
}

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

// ---- 1. Speed ----------------------------------------------------------------------------------------

const long8k = new Float32Array(LONG_SECONDS * SAMPLE_RATE_HZ);
for (let filled = 0, i = 0; filled < long8k.length; i++) {
  const part = fixtureAudio.get(fixtures[i % fixtures.length]!.file)!;
  const take = Math.min(part.length, long8k.length - filled);
  long8k.set(part.subarray(0, take), filled);
  filled += take;
}
const tmp = mkdtempSync(join(tmpdir(), 'node-audio-bench-'));
const files = [
  { label: '44.1 kHz stereo', path: join(tmp, 'caller-44k-stereo.wav'), rateHz: 44100, channels: 2 },
  { label: '8 kHz mono', path: join(tmp, 'caller-8k-mono.wav'), rateHz: 8000, channels: 1 },
];
for (const file of files) {
  const samples = file.rateHz === SAMPLE_RATE_HZ ? long8k : resampleFrom8k(long8k, file.rateHz).samples;
  writeFileSync(file.path, wavFile(samples, file.rateHz, file.channels));
}

const runtimes: { name: string; options: SileroLoadOptions }[] = [
  { name: 'onnxruntime-web (wasm)', options: {} },
];
const ortNodeDir = process.argv.find((a) => a.startsWith('--ort-node='))?.slice('--ort-node='.length);
if (ortNodeDir) {
  const ortNode = createRequire(join(ortNodeDir, 'package.json'))(ortNodeDir) as OnnxRuntime;
  runtimes.push({ name: 'onnxruntime-node (CPU)', options: { runtime: ortNode } });
}
/** A Record that lasts the whole file (maxLength = its length), then the call hangs up. */
const LONG_RCML = `<Response><Record playBeep="false" finishOnKey="-1" timeout="${LONG_SECONDS}" maxLength="${LONG_SECONDS}" action="/done"/><Hangup/></Response>`;

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on this machine; every figure below is the best of 3 runs`,
);
console.log('');
console.log(`${LONG_SECONDS} s caller WAV through simulateCall({ input: { audio: path } }) (one thread)`);
console.log(
  'runtime                  file              load ms   read  resample    model  mapping     dtmf   engine  stages ms  × real time (wall / cpu)   simulateCall ms  × real time (wall / cpu)',
);

interface Split {
  read: number;
  resample: number;
  model: number;
  mapping: number;
  dtmf: number;
  engine: number;
}
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const speed = (ms: number): string => ((LONG_SECONDS * 1000) / ms).toFixed(0);
const verdict = (wallMs: number, cpu: number): string =>
  Number(speed(Math.max(wallMs, cpu))) >= GOAL_SPEED ? 'ok' : `below ${GOAL_SPEED}×`;

/** Best of 3: wall and CPU milliseconds of `run`. */
async function best(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  let found: { wall: number; cpu: number } | null = null;
  for (let round = 0; round < 3; round++) {
    const cpuStarted = cpuMs();
    const started = performance.now();
    await run();
    const result = { wall: performance.now() - started, cpu: cpuMs() - cpuStarted };
    if (!found || result.wall < found.wall) found = result;
  }
  return found!;
}

const probabilitiesByRuntime: Float32Array[] = [];
let dtmfMsPerSecond = Infinity;
for (const runtime of runtimes) {
  const loadStarted = performance.now();
  const model = await loadSilero(runtime.options);
  const loadMs = performance.now() - loadStarted;
  for (const file of files) {
    // The stages of hearCaller, one by one, then the engine on what they heard.
    let bestSplit: { wall: Split; total: number; cpu: number } | null = null;
    let probabilities: Float32Array = new Float32Array(0);
    for (let run = 0; run < 3; run++) {
      const wall: Split = { read: 0, resample: 0, model: 0, mapping: 0, dtmf: 0, engine: 0 };
      const cpuStarted = cpuMs();
      let t = performance.now();
      const lap = (key: keyof Split): void => {
        const now = performance.now();
        wall[key] = now - t;
        t = now;
      };
      const audio = await readCallerAudio(file.path);
      lap('read');
      const padded = new Float32Array(audio.samples.length + TAIL_SECONDS * audio.rateHz);
      padded.set(audio.samples);
      const { samples8k } = toCallSamples({ samples: padded, rateHz: audio.rateHz });
      lap('resample');
      probabilities = await model.score(toModelSamples(samples8k));
      lap('model');
      const frames = placeFrames(probabilities);
      lap('mapping');
      const keys = detectKeys(samples8k);
      lap('dtmf');
      const heard: HeardAudio = {
        samples: samples8k.subarray(0, LONG_SECONDS * SAMPLE_RATE_HZ),
        frameProbabilities: frames.map((f) => f.speechProbability),
        keys,
      };
      await simulateWithIo({ rcml: LONG_RCML, input: { audio: file.path } }, { hear: async () => heard });
      lap('engine');
      const total = Object.values(wall).reduce((a, b) => a + b, 0);
      const cpu = cpuMs() - cpuStarted;
      if (!bestSplit || total < bestSplit.total) bestSplit = { wall, total, cpu };
      dtmfMsPerSecond = Math.min(dtmfMsPerSecond, wall.dtmf / (padded.length / audio.rateHz));
    }
    probabilitiesByRuntime.push(probabilities);
    const { wall, total, cpu } = bestSplit!;
    // The real thing, with the default runtime: the package's simulateCall on the file's path.
    const whole =
      runtime.options.runtime === undefined
        ? await best(() => simulateCall({ rcml: LONG_RCML, input: { audio: file.path } }))
        : null;
    console.log(
      [
        runtime.name.padEnd(24),
        file.label.padEnd(16),
        loadMs.toFixed(0).padStart(8),
        ...[wall.read, wall.resample, wall.model, wall.mapping, wall.dtmf, wall.engine].map((ms) =>
          ms.toFixed(0).padStart(8),
        ),
        total.toFixed(0).padStart(10),
        `${speed(total)}× / ${speed(cpu)}×`.padStart(14),
        verdict(total, cpu).padEnd(12),
        (whole ? whole.wall.toFixed(0) : '–').padStart(16),
        whole ? `${speed(whole.wall)}× / ${speed(whole.cpu)}×`.padStart(14) : '',
        whole ? ` ${verdict(whole.wall, whole.cpu)}` : '',
      ].join(' '),
    );
  }
}
if (probabilitiesByRuntime.length > 2) {
  // [0], [1]: the web runtime on the 44.1 kHz and 8 kHz files; [2], [3]: onnxruntime-node on them.
  const [web, native] = [probabilitiesByRuntime[0]!, probabilitiesByRuntime[2]!];
  const decided = (p: Float32Array): boolean[] =>
    placeFrames(p).map((f) => f.speechProbability >= SPEECH_PROBABILITY_THRESHOLD);
  const [webSpeech, nativeSpeech] = [decided(web), decided(native)];
  const worst = web.reduce((most, p, k) => Math.max(most, Math.abs(p - native[k]!)), 0);
  const flips = webSpeech.filter((speech, k) => speech !== nativeSpeech[k]).length;
  console.log(
    `web vs node on the 44.1 kHz file: max |Δp| ${worst.toExponential(1)} over ${web.length} frames, ${flips} decision(s) differ`,
  );
}
{
  // The detector alone on the 8 kHz call clock, as hearCaller feeds it (160-sample chunks).
  const samples8k = toCallSamples({ samples: long8k, rateHz: SAMPLE_RATE_HZ }).samples8k;
  detectKeys(samples8k); // warm up the JIT
  const { cpu } = await best(async () => detectKeys(samples8k));
  const cpuPerSecond = cpu / LONG_SECONDS;
  console.log(
    `DTMF detector (160-sample chunks): ${cpuPerSecond.toFixed(3)} ms CPU per second of audio (${(1000 / cpuPerSecond).toFixed(0)}× real time); inside simulateCall ${dtmfMsPerSecond.toFixed(3)} ms wall per second`,
  );
}
rmSync(tmp, { recursive: true, force: true });

// ---- 2. Silence timeout against the ground truth -------------------------------------------------------

console.log('');
console.log(
  `silence timeout through simulateCall({ input: { audio } }); goal ≤ ${GOAL_CLEAN_MS} ms clean, ≤ ${GOAL_NOISY_MS} ms in noise`,
);
console.log('fixture          noise      input     timeout  expected  recorded   error ms  empty (want)  ok');
// simulateCall's own ears, each file heard once for its five timeouts.
const heardOnce = new Map<SimulatedAudio, Promise<HeardAudio>>();
const io = nodeSimulateIo();
const cachedIo = {
  ...io,
  hear(audio: SimulatedAudio): Promise<HeardAudio> {
    let heard = heardOnce.get(audio);
    if (!heard) heardOnce.set(audio, (heard = io.hear!(audio, { network: null, startSample: 0 })));
    return heard;
  },
};
let misses = 0;
const worst = { clean: 0, noisy: 0 };
for (const fixture of fixtures) {
  const source = fixtureAudio.get(fixture.file)!;
  const noisy = fixture.noise !== 'none';
  for (const rateHz of [8000, 44100]) {
    const runs: { phase: number; audio: SimulatedAudio; shiftSeconds: number }[] = [];
    for (const phase of PHASES_SAMPLES) {
      const padded = new Float32Array(phase + source.length);
      padded.set(source, phase);
      const input =
        rateHz === SAMPLE_RATE_HZ ? { samples: padded, latencySeconds: 0 } : resampleFrom8k(padded, rateHz);
      // Our own upsampling to 44.1 kHz delays the speech; a real 44.1 kHz file would not have that delay.
      runs.push({ phase, audio: { samples: input.samples, rateHz }, shiftSeconds: input.latencySeconds });
    }
    for (const timeoutSeconds of TIMEOUTS) {
      const want = expectedStop(fixture.speech, timeoutSeconds);
      const errors: number[] = [];
      const empties = new Set<boolean>();
      let byTimeout = true;
      let recorded = 0;
      for (const { phase, audio, shiftSeconds } of runs) {
        const call = await simulateWithIo(
          {
            rcml: `<Response><Record action="/action" playBeep="false" maxLength="3600" timeout="${timeoutSeconds}"/></Response>`,
            input: { audio },
          },
          cachedIo,
        );
        const got = call.recordings[0]!;
        const shift = want.empty ? 0 : phase / SAMPLE_RATE_HZ + shiftSeconds;
        errors.push((got.durationSeconds - (want.durationSeconds + shift)) * 1000);
        empties.add(got.empty);
        byTimeout &&= got.reason === 'timeout';
        if (phase === 0) recorded = got.durationSeconds;
      }
      const low = Math.min(...errors);
      const high = Math.max(...errors);
      const error = Math.max(Math.abs(low), Math.abs(high));
      const goal = noisy ? GOAL_NOISY_MS : GOAL_CLEAN_MS;
      const emptyRight = empties.size === 1 && empties.has(want.empty);
      const ok = error <= goal && emptyRight && byTimeout;
      if (!ok) misses++;
      if (noisy) worst.noisy = Math.max(worst.noisy, error);
      else worst.clean = Math.max(worst.clean, error);
      console.log(
        [
          fixture.file.replace(/\.wav$/, '').padEnd(16),
          fixture.noise.padEnd(10),
          `${rateHz / 1000} kHz`.padEnd(9),
          `${timeoutSeconds} s`.padStart(7),
          want.durationSeconds.toFixed(3).padStart(9),
          recorded.toFixed(3).padStart(9),
          `${low.toFixed(0)}…${high.toFixed(0)}`.padStart(10),
          `${empties.size === 1 ? String([...empties][0]) : 'mixed'} (${want.empty})`.padStart(13),
          ok ? ' yes' : ` NO${byTimeout ? '' : ' (not stopped by timeout)'}`,
        ].join(' '),
      );
    }
  }
}
console.log('');
console.log(
  `worst |error|: clean ${worst.clean.toFixed(0)} ms (goal ≤ ${GOAL_CLEAN_MS}), in noise ${worst.noisy.toFixed(0)} ms (goal ≤ ${GOAL_NOISY_MS}); ${misses} case(s) miss a goal`,
);
