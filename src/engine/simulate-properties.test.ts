import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJavaDouble } from './java-double.ts';
import { BEEP_SAMPLES, simulateCall } from './simulate.ts';
import { rcml, routes } from './test-support.ts';

const hangup = rcml('<Hangup/>');

describe('properties', () => {
  it('a finishing key cuts the file exactly at its sample; the file never exceeds maxLength', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: BEEP_SAMPLES + 1, max: 5 * 8000 }),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        async (keySample, maxLengthSeconds, playBeep) => {
          const call = await simulateCall({
            rcml: rcml(`<Record action="/done" maxLength="${maxLengthSeconds}" playBeep="${playBeep}"/>`),
            input: { speech: [[0, 10]], keys: [[keySample / 8000, '5']] },
            respond: routes({ '/done': hangup }),
          });
          const start = playBeep ? BEEP_SAMPLES : 0;
          const max = maxLengthSeconds * 8000;
          const recording = call.recordings[0];
          if (keySample - start < max) {
            expect(recording).toMatchObject({ reason: 'finishOnKey', digits: '5' });
            expect(recording?.samples.length).toBe(keySample - start);
          } else {
            expect(recording).toMatchObject({ reason: 'maxLength', digits: '' });
            expect(recording?.samples.length).toBe(max);
          }
          // Empty unless a (speech) VAD frame ended inside the recording: then no request is made.
          const stop = start + (recording?.samples.length ?? 0);
          const empty = Math.floor(stop / 256) * 256 <= start;
          expect(recording?.empty).toBe(empty);
          if (empty) expect(call.requests).toHaveLength(1);
          else expect(call.requests[1]?.params.Digits).toBe(recording?.digits);
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it('a hang-up cuts the file exactly at its sample', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 * 8000 }), async (hangupSample) => {
        const call = await simulateCall({
          rcml: rcml('<Record action="/done"/>'),
          input: { speech: [[0, 10]], hangupAtSeconds: hangupSample / 8000 },
          respond: routes({ '/done': hangup }),
        });
        const recorded = Math.max(0, hangupSample - BEEP_SAMPLES);
        expect(call.recordings[0]).toMatchObject({ reason: 'hangup', digits: 'hangup' });
        expect(call.recordings[0]?.samples.length).toBe(recorded);
        expect(call.endReason).toBe('caller-hangup');
        expect(call.durationSeconds).toBe(hangupSample / 8000);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('Java double formatting round-trips', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(Number(formatJavaDouble(value))).toBe(value);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe('hang-up and failing answers', () => {
  it('a 404 to the action after a hang-up is reported; the call ended because the caller hung up', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/missing"/>'),
      input: { speech: [[0, 10]], hangupAtSeconds: 2 },
      respond: routes({}),
    });
    expect(call.notifications.map((n) => n.code)).toEqual([21402]);
    expect(call.endReason).toBe('caller-hangup');
  });
});
