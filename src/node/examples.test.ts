// Every example of the gallery, run as the sandbox runs it with its sample caller (the shipped WAV in
// public/callers, started when the example says), within 20 s of call clock: each shows its point.
import { describe, expect, it } from 'vitest';
import { EXAMPLES, type Example } from '../engine/examples.ts';
import type { SimulatedCall } from '../engine/simulate.ts';
import { respondWithRules } from './respond-with-rules.ts';
import { simulateCall } from './simulate-call.ts';

const DEMO_SECONDS = 20;
const repo = (path: string): string => new URL(`../../${path}`, import.meta.url).pathname;

function run(example: Example): Promise<SimulatedCall> {
  return simulateCall({
    rcml: example.rcml,
    respond: respondWithRules(example.rules),
    ...(example.profile ? { profile: example.profile } : {}),
    input: example.caller
      ? { audio: repo(`public/callers/${example.caller.sample}`), audioStarts: example.caller.starts }
      : {},
    maxSeconds: DEMO_SECONDS,
  });
}

const paths = (call: SimulatedCall): string[] =>
  call.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** What each example is for, as a user watching the demo would check it. */
const POINTS: Record<string, (call: SimulatedCall) => void> = {
  voicemail(call) {
    expect(call.recordings).toMatchObject([{ reason: 'finishOnKey', digits: '#', empty: false }]);
    expect(paths(call)).toEqual(['POST /voice.xml', 'POST /handle-recording']);
    expect(call.requests[1]!.params).toMatchObject({ Digits: '#' });
    expect(call.requests[1]!.params.RecordingUrl).toMatch(/\.wav$/);
  },
  'finish-on-star'(call) {
    // The sample caller presses no key: the silence timeout ends it, and Digits is empty.
    expect(call.recordings).toMatchObject([{ reason: 'timeout', digits: '', empty: false }]);
    expect(paths(call)).toEqual(['POST /voice.xml', 'POST /recorded']);
  },
  'get-action'(call) {
    const action = call.requests[1]!;
    expect(action.method).toBe('GET');
    const query = new URL(action.url).searchParams;
    expect(query.get('box')).toBe('7');
    expect(query.get('RecordingUrl')).toMatch(/\.wav$/);
    expect(Number(query.get('RecordingDuration'))).toBeGreaterThan(1);
  },
  'no-action'(call) {
    expect(call.notifications.map((n) => n.code)).toContain(19001);
    expect(paths(call).slice(0, 2)).toEqual(['POST /voice.xml', 'POST /voice.xml']);
    expect(call.recordings.at(-1)).toMatchObject({ empty: true });
    expect(call.endReason).toBe('end-of-document');
  },
  'loop-guard'(call) {
    expect(call.notifications.map((n) => n.code)).toEqual([19004]);
    expect(call.endReason).toBe('loop-guard');
  },
  'empty-recording'(call) {
    expect(call.recordings).toMatchObject([{ empty: true }]);
    expect(paths(call)).toEqual(['POST /voice.xml']);
    expect(call.endReason).toBe('hangup');
  },
  'gather-then-record'(call) {
    expect(paths(call)).toEqual(['POST /voice.xml', 'POST /menu', 'POST /handle-recording']);
    expect(call.requests[1]!.params).toMatchObject({ Digits: '1' });
    expect(call.recordings).toMatchObject([{ reason: 'finishOnKey', digits: '#', empty: false }]);
  },
  'bad-attributes'(call) {
    const codes = new Set(call.notifications.map((n) => n.code));
    expect(codes.size).toBeGreaterThanOrEqual(3);
    expect(call.notifications.every((n) => n.severity === 'warning')).toBe(true);
    // The defaults at work: POST (not PUT), # ends it (not A), the maxLength of 1 s not taken.
    expect(call.requests[1]).toMatchObject({ method: 'POST', params: { Digits: '#' } });
    expect(call.recordings[0]!.durationSeconds).toBeGreaterThan(2);
  },
};

describe('the examples, with their sample callers', { timeout: 120_000 }, () => {
  it('every example has its point checked here', () => {
    expect(EXAMPLES.map((e) => e.id).sort()).toEqual(Object.keys(POINTS).sort());
  });

  for (const example of EXAMPLES) {
    it(`${example.title}: shows its point within ${DEMO_SECONDS} s`, async () => {
      const call = await run(example);
      expect(call.endReason, 'the call ends by itself within the demo').not.toBe('max-seconds');
      expect(call.durationSeconds).toBeLessThanOrEqual(DEMO_SECONDS);
      POINTS[example.id]?.(call);
    });
  }
});
