import { describe, expect, it } from 'vitest';
import { SILERO_FRAME_SAMPLES_8K } from './vad-frames.ts';
import { expectedStop, replayRecord } from './vad-replay.ts';

// Speech probabilities the real Silero v5 model gave for each fixture (bench/silence.ts --write-traces),
// replayed through the frame clock and the engine: the silence timeout and the empty-recording decision
// against the fixture's ground truth, far faster than real time.
const GOAL_ERROR_SECONDS = 0.1;
const TIMEOUTS = [1, 2, 3, 4, 5];

interface Trace {
  file: string;
  frameSamples8k: number;
  probabilities: number[];
}

const traces = import.meta.glob<Trace>('../../e2e/fixtures/vad/*.trace.json', {
  eager: true,
  import: 'default',
});
const truths = import.meta.glob<{ speech: [number, number][] }>('../../e2e/fixtures/vad/*.json', {
  eager: true,
  import: 'default',
});

const fixtures = Object.keys(traces)
  .sort()
  .map((path) => {
    const trace = traces[path] as Trace;
    const truth = truths[path.replace('.trace.json', '.json')];
    if (!truth) throw new Error(`${path}: no ground truth beside it`);
    // The engine decides from the VAD frames alone; the audio only fills the file, so silence will do.
    const samples = new Int16Array(trace.probabilities.length * trace.frameSamples8k);
    return { name: trace.file.replace('.wav', ''), trace, speech: truth.speech, samples };
  });

describe('Silero traces through the engine', () => {
  it('covers every fixture', () => {
    expect(fixtures.map((f) => f.name)).toEqual([
      'long-gap',
      'one-utterance',
      'pink-noise',
      'quiet-speaker',
      'short-gap',
      'silence',
      'speech-in-noise',
      'white-noise',
    ]);
    for (const f of fixtures) expect(f.trace.frameSamples8k).toBe(SILERO_FRAME_SAMPLES_8K);
  });

  for (const fixture of fixtures) {
    for (const timeoutSeconds of TIMEOUTS) {
      it(`${fixture.name}, timeout ${timeoutSeconds} s: stops within 100 ms of last speech + timeout`, () => {
        const want = expectedStop(fixture.speech, timeoutSeconds);
        for (const lagFrames of [0, 3, 20]) {
          const got = replayRecord({
            samples: fixture.samples,
            probabilities: fixture.trace.probabilities,
            timeoutSeconds,
            lagFrames,
          });
          expect(got.reason).toBe('timeout');
          expect(got.empty).toBe(want.empty);
          expect(Math.abs(got.durationSeconds - want.durationSeconds)).toBeLessThanOrEqual(
            GOAL_ERROR_SECONDS,
          );
        }
      });
    }
  }
});

describe('expectedStop', () => {
  it('counts the timeout from the start, or from the end of the last speech before a long silence', () => {
    expect(expectedStop([], 2)).toEqual({ durationSeconds: 2, lastSpeechEndSeconds: 0, empty: true });
    expect(expectedStop([[3, 4]], 2)).toEqual({ durationSeconds: 2, lastSpeechEndSeconds: 0, empty: true });
    expect(
      expectedStop(
        [
          [0.5, 1],
          [2, 3],
        ],
        2,
      ),
    ).toEqual({ durationSeconds: 5, lastSpeechEndSeconds: 3, empty: false });
    expect(
      expectedStop(
        [
          [0.5, 1],
          [4, 5],
        ],
        2,
      ),
    ).toEqual({ durationSeconds: 3, lastSpeechEndSeconds: 1, empty: false });
  });
});
