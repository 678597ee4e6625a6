// Silence timeout and empty-recording decision with the real Silero v5 model, offline: each fixture in
// e2e/fixtures/vad is scored in Node (onnxruntime-web, wasm) and replayed through the browser's frame
// clock and the engine for timeout = 1…5 s. Error = recorded duration − (end of last speech + timeout),
// the ground truth coming from the fixture's JSON. Goals: |error| ≤ 100 ms, empty decision right.
// Run: node --import tsx bench/silence.ts [--write-traces]
//   --write-traces  also writes e2e/fixtures/vad/<name>.trace.json (the unit tests replay them)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { decodeWav } from '../src/audio/wav.ts';
import { SAMPLE_RATE_HZ } from '../src/engine/events.ts';
import { DEFAULT_SPEECH_THRESHOLDS, SILERO_FRAME_SAMPLES_8K } from '../src/engine/vad-frames.ts';
import { expectedStop, replayRecord } from '../src/engine/vad-replay.ts';
import { loadSileroNode } from './_silero-node.ts';

const DIR = 'e2e/fixtures/vad';
const TIMEOUTS = [1, 2, 3, 4, 5];
const GOAL_ERROR_MS = 100;
/** Digital silence added after each file, as Chromium's fake microphone plays after a `%noloop` file. */
const TAIL_SECONDS = Math.max(...TIMEOUTS) + 1;

interface Fixture {
  file: string;
  durationSeconds: number;
  speech: [number, number][];
}

const writeTraces = process.argv.includes('--write-traces');
/**
 * Where the speech falls on the model's 32 ms frame grid changes the error by up to a frame; in the
 * browser it is anyone's guess. Each fixture is scored with 0, 8, 16 and 24 ms of silence put before it.
 */
const PHASES_SAMPLES = [0, 64, 128, 192];
const { score, loadMs } = await loadSileroNode();
console.log(`Silero v5 loaded in Node in ${loadMs.toFixed(0)} ms`);
console.log(
  `thresholds: positive ${DEFAULT_SPEECH_THRESHOLDS.positiveSpeechThreshold}, negative ${DEFAULT_SPEECH_THRESHOLDS.negativeSpeechThreshold}; ` +
    `frame grid phases ${PHASES_SAMPLES.map((p) => p / 8).join(', ')} ms (error: min…max over them)`,
);
console.log('');
console.log('fixture            timeout  expected  recorded      error ms  empty (want)  ok');

let misses = 0;
let worstMs = 0;
let scoredSeconds = 0;
let scoringMs = 0;
for (const name of readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.trace.json'))
  .sort()) {
  const fixture = JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as Fixture;
  const wav = decodeWav(new Uint8Array(readFileSync(`${DIR}/${fixture.file}`)));
  if (wav.sampleRateHz !== SAMPLE_RATE_HZ || wav.channels !== 1)
    throw new Error(`${fixture.file}: not 8 kHz mono`);
  const runs: { phase: number; samples: Int16Array; probabilities: Float32Array }[] = [];
  for (const phase of PHASES_SAMPLES) {
    const samples = new Int16Array(phase + wav.samples.length + TAIL_SECONDS * SAMPLE_RATE_HZ);
    samples.set(wav.samples, phase);
    const started = performance.now();
    const probabilities = await score(samples);
    scoringMs += performance.now() - started;
    scoredSeconds += samples.length / SAMPLE_RATE_HZ;
    runs.push({ phase, samples, probabilities });
  }
  if (writeTraces) {
    const { probabilities } = runs[0]!;
    const trace = {
      file: fixture.file,
      model: 'silero_vad_v5',
      frameSamples8k: SILERO_FRAME_SAMPLES_8K,
      tailSeconds: TAIL_SECONDS,
      probabilities: Array.from(probabilities, (p) => Math.round(p * 1e4) / 1e4),
    };
    writeFileSync(`${DIR}/${name.replace(/\.json$/, '.trace.json')}`, `${JSON.stringify(trace)}\n`);
  }
  for (const timeoutSeconds of TIMEOUTS) {
    const want = expectedStop(fixture.speech, timeoutSeconds);
    const errors: number[] = [];
    const empties = new Set<boolean>();
    let stoppedByTimeout = true;
    let recorded = 0;
    for (const { phase, samples, probabilities } of runs) {
      const got = replayRecord({ samples, probabilities, timeoutSeconds });
      // The silence put before the fixture shifts its speech, and (from the start) the expected stop.
      const shift = want.empty ? 0 : phase / SAMPLE_RATE_HZ;
      errors.push((got.durationSeconds - (want.durationSeconds + shift)) * 1000);
      empties.add(got.empty);
      stoppedByTimeout &&= got.reason === 'timeout';
      if (phase === 0) recorded = got.durationSeconds;
    }
    const low = Math.min(...errors);
    const high = Math.max(...errors);
    const worst = Math.max(Math.abs(low), Math.abs(high));
    const emptyRight = empties.size === 1 && empties.has(want.empty);
    const ok = worst <= GOAL_ERROR_MS && emptyRight && stoppedByTimeout;
    if (!ok) misses++;
    worstMs = Math.max(worstMs, worst);
    console.log(
      [
        fixture.file.replace(/\.wav$/, '').padEnd(18),
        `${timeoutSeconds} s`.padStart(7),
        want.durationSeconds.toFixed(3).padStart(9),
        recorded.toFixed(3).padStart(9),
        `${low.toFixed(0)}…${high.toFixed(0)}`.padStart(13),
        `${empties.size === 1 ? String([...empties][0]) : 'mixed'} (${want.empty})`.padStart(13),
        ok ? ' yes' : ` NO${stoppedByTimeout ? '' : ' (not stopped by timeout)'}`,
      ].join(' '),
    );
  }
}
console.log('');
console.log(
  `scored ${scoredSeconds.toFixed(0)} s of audio in ${(scoringMs / 1000).toFixed(1)} s (Node, one thread)`,
);
console.log(
  `worst |error| ${worstMs.toFixed(0)} ms (goal ≤ ${GOAL_ERROR_MS} ms); ${misses} case(s) miss a goal`,
);
