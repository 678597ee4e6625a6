// The phone network in DSP (src/audio/network-line.ts, what simulateCall applies; SPEC §11), on the speech
// fixtures:
//  1. the segmental SNR each codec leaves of the caller's speech (the fixture's own 8 kHz samples as the
//     reference), without loss and, for PCMU, with 5/10/20 % loss (lost packets concealed);
//  2. the silence timeout's error under 0/5/10/20 % loss with PCMU: the line's output is heard by the real
//     Silero v5 (src/node/hear-audio.ts) and replayed through the browser's frame clock and the engine
//     (src/engine/vad-replay.ts), as bench/silence.ts does; error = recorded duration − (end of the last
//     speech + timeout) by the fixture's JSON ground truth, min…max over three loss seeds.
// Run: node --import tsx bench/network.ts
import { readdirSync, readFileSync } from 'node:fs';
import { NetworkLine, type NetworkCodec } from '../src/audio/network-line.ts';
import { segmentalSnr } from '../src/audio/segmental-snr.ts';
import { decodeWav } from '../src/audio/wav.ts';
import { SAMPLE_RATE_HZ } from '../src/engine/events.ts';
import { expectedStop, replayRecord } from '../src/engine/vad-replay.ts';
import { hearCallerAudio } from '../src/node/hear-audio.ts';

const SNR_FIXTURES = [
  'e2e/fixtures/speech.wav',
  ...readdirSync('e2e/fixtures/talk-off')
    .filter((f) => f.endsWith('.wav') && !['music.wav', 'whistle.wav'].includes(f))
    .sort()
    .map((f) => `e2e/fixtures/talk-off/${f}`),
  'e2e/fixtures/vad/one-utterance.wav',
  'e2e/fixtures/vad/quiet-speaker.wav',
  'e2e/fixtures/vad/speech-in-noise.wav',
];
const VAD_DIR = 'e2e/fixtures/vad';
const LOSSES = [0, 5, 10, 20];
const SEEDS = [1, 2, 3];
const TIMEOUTS = [1, 2];
const GOAL_SNR_DB = 30;
const GOAL_ERROR_MS = 150;
/** Digital silence after each file, as Chromium's fake microphone plays after a `%noloop` file. */
const TAIL_SECONDS = Math.max(...TIMEOUTS) + 2;

function read8k(path: string): Int16Array {
  const wav = decodeWav(new Uint8Array(readFileSync(path)));
  if (wav.sampleRateHz !== SAMPLE_RATE_HZ || wav.channels !== 1) throw new Error(`${path}: not 8 kHz mono`);
  return wav.samples;
}

function throughLine(samples: Int16Array, codec: NetworkCodec, lossPercent: number, seed: number) {
  const line = new NetworkLine({ codec, lossPercent, seed });
  return { output: line.process(samples), stats: line.stats };
}

const name = (path: string) => path.replace(/^.*\//, '').replace(/\.wav$/, '');

console.log(
  '1. Segmental SNR of the line against the caller’s speech (dB; 20 ms segments, clamped to −10…35)',
);
console.log(`   goal for G.711 without loss: ≥ ${GOAL_SNR_DB} dB; seed 1 for the lossy columns`);
console.log('');
console.log('fixture            pcmu   pcma   opus*  pcmu 5 %  pcmu 10 %  pcmu 20 %');
const snrColumns: number[][] = [];
for (const path of SNR_FIXTURES) {
  const samples = read8k(path);
  const row = [
    segmentalSnr(samples, throughLine(samples, 'pcmu', 0, 1).output).snrDb,
    segmentalSnr(samples, throughLine(samples, 'pcma', 0, 1).output).snrDb,
    segmentalSnr(samples, throughLine(samples, 'opus', 0, 1).output).snrDb,
    ...[5, 10, 20].map((loss) => segmentalSnr(samples, throughLine(samples, 'pcmu', loss, 1).output).snrDb),
  ];
  snrColumns.push(row);
  console.log(
    [
      name(path).padEnd(16),
      ...row.slice(0, 3).map((v) => v.toFixed(1).padStart(6)),
      ...row.slice(3).map((v) => v.toFixed(1).padStart(9)),
    ].join(' '),
  );
}
const mean = (i: number) => snrColumns.reduce((sum, row) => sum + row[i]!, 0) / snrColumns.length;
console.log(
  [
    'mean'.padEnd(16),
    ...[0, 1, 2].map((i) => mean(i).toFixed(1).padStart(6)),
    ...[3, 4, 5].map((i) => mean(i).toFixed(1).padStart(9)),
  ].join(' '),
);
console.log(
  '* the DSP line has no Opus encoder (network-line.ts): it applies loss only, so Opus is bit-exact here.',
);
console.log('');

console.log(
  '2. Silence-timeout error with PCMU under loss (Silero v5 in Node; ms, min…max over seeds 1, 2, 3)',
);
console.log('');
console.log(
  `fixture          timeout  ${LOSSES.map((l) => `${l} % loss`.padStart(13)).join(' ')}  empty right`,
);
let worstMs = 0;
let misses = 0;
const started = performance.now();
let scoredSeconds = 0;
for (const file of readdirSync(VAD_DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.trace.json'))
  .sort()) {
  const truth = JSON.parse(readFileSync(`${VAD_DIR}/${file}`, 'utf8')) as {
    file: string;
    speech: [number, number][];
  };
  const fixture = read8k(`${VAD_DIR}/${truth.file}`);
  const input = new Int16Array(fixture.length + TAIL_SECONDS * SAMPLE_RATE_HZ);
  input.set(fixture);
  // Score each (loss, seed) once; the timeouts replay the same probabilities.
  const heard = new Map<string, { samples: Int16Array; probabilities: Float32Array }>();
  for (const loss of LOSSES) {
    for (const seed of loss === 0 ? [1] : SEEDS) {
      const { output } = throughLine(input, 'pcmu', loss, seed);
      const result = await hearCallerAudio({
        samples: Float32Array.from(output, (v) => v / 32768),
        rateHz: SAMPLE_RATE_HZ,
      });
      scoredSeconds += output.length / SAMPLE_RATE_HZ;
      heard.set(`${loss}/${seed}`, { samples: result.samples8k, probabilities: result.probabilities });
    }
  }
  for (const timeoutSeconds of TIMEOUTS) {
    const want = expectedStop(truth.speech, timeoutSeconds);
    const cells: string[] = [];
    let emptyRight = true;
    for (const loss of LOSSES) {
      const errors: number[] = [];
      for (const seed of loss === 0 ? [1] : SEEDS) {
        const { samples, probabilities } = heard.get(`${loss}/${seed}`)!;
        const got = replayRecord({ samples, probabilities, timeoutSeconds });
        emptyRight &&= got.empty === want.empty;
        errors.push((got.durationSeconds - want.durationSeconds) * 1000);
      }
      const low = Math.min(...errors);
      const high = Math.max(...errors);
      if (!want.empty) {
        const worst = Math.max(Math.abs(low), Math.abs(high));
        worstMs = Math.max(worstMs, worst);
        if (worst > GOAL_ERROR_MS) misses++;
      }
      cells.push(
        (want.empty
          ? 'empty'
          : low === high
            ? low.toFixed(0)
            : `${low.toFixed(0)}…${high.toFixed(0)}`
        ).padStart(13),
      );
    }
    if (!emptyRight) misses++;
    console.log(
      [
        name(truth.file).padEnd(16),
        `${timeoutSeconds} s`.padStart(7),
        ...cells,
        `  ${emptyRight ? 'yes' : 'NO'}`,
      ].join(' '),
    );
  }
}
console.log('');
console.log(
  `scored ${scoredSeconds.toFixed(0)} s of audio in ${((performance.now() - started) / 1000).toFixed(1)} s (Node, one thread)`,
);
console.log(
  `worst |error| ${worstMs.toFixed(0)} ms (goal ≤ ${GOAL_ERROR_MS} ms); ${misses} case(s) miss a goal`,
);
