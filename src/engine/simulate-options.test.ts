import { describe, expect, it } from 'vitest';
import { simulateCall, type SimulateOptions } from './simulate.ts';
import { rcml } from './test-support.ts';

const RECORD = rcml('<Record action="/a" maxLength="5"/>');

describe('simulateCall checks every option before the call starts', () => {
  const cases: [string, Partial<SimulateOptions>, RegExp][] = [
    ['maxSeconds NaN', { maxSeconds: NaN }, /maxSeconds must be a finite number of seconds > 0, got NaN/],
    ['maxSeconds 0', { maxSeconds: 0 }, /maxSeconds must be .* > 0, got 0/],
    ['maxSeconds Infinity', { maxSeconds: Infinity }, /maxSeconds .* got Infinity/],
    [
      'hangupAtSeconds NaN',
      { input: { hangupAtSeconds: NaN } },
      /input\.hangupAtSeconds must be a finite number of seconds ≥ 0, got NaN/,
    ],
    ['a key at NaN', { input: { keys: [[NaN, '#']] } }, /input\.keys\[0\]\[0\] must be .* got NaN/],
    [
      'a key at −1 s',
      {
        input: {
          keys: [
            [1, '1'],
            [-1, '#'],
          ],
        },
      },
      /input\.keys\[1\]\[0\] .* got -1/,
    ],
    ['a key that is no key', { input: { keys: [[1, 'x']] } }, /input\.keys\[0\]\[1\] must be one DTMF key/],
    [
      'speech ending before it starts',
      { input: { speech: [[3, 2]] } },
      /input\.speech\[0\]\[1\] .* ≥ 3, got 2/,
    ],
    ['speech at NaN', { input: { speech: [[NaN, 2]] } }, /input\.speech\[0\]\[0\] .* got NaN/],
    ['a seed that is not whole', { seed: 1.5 }, /seed must be a whole number, got 1.5/],
    ['a start time that is not whole', { startTimeMs: NaN }, /startTimeMs must be whole milliseconds/],
    ['a threshold of 2', { speechProbabilityThreshold: 2 }, /speechProbabilityThreshold .* got 2/],
    [
      'an unknown profile',
      { profile: 'plivo' as never },
      /profile must be one of restcomm, restcomm-connect, twilio/,
    ],
    ['an HTTP timeout of NaN', { httpTimeoutSeconds: NaN }, /httpTimeoutSeconds .* got NaN/],
  ];
  for (const [what, options, message] of cases) {
    it(`${what}: a RangeError naming the option`, async () => {
      await expect(simulateCall({ rcml: RECORD, ...options })).rejects.toThrow(RangeError);
      await expect(simulateCall({ rcml: RECORD, ...options })).rejects.toThrow(message);
    });
  }

  it('wrong types: a TypeError naming the option', async () => {
    await expect(simulateCall({ rcml: 42 as never })).rejects.toThrow(/rcml must be a string, got 42/);
    await expect(simulateCall({ rcml: RECORD, respond: 'x' as never })).rejects.toThrow(
      /respond must be a function/,
    );
    await expect(
      simulateCall({ rcml: RECORD, input: { speech: [[0, 1]], audio: new Uint8Array(4) } }),
    ).rejects.toThrow(/input.speech and input.audio cannot be used together/);
    await expect(simulateCall({ rcml: RECORD, transcripts: ['hello'] as never })).rejects.toThrow(
      /transcripts must be an object \(recording SID → text\) or a function, got an array/,
    );
    await expect(simulateCall({ rcml: RECORD, transcripts: { RE1: 5 } as never })).rejects.toThrow(
      /transcripts\.RE1 must be a string, got 5/,
    );
  });

  it('input.audio without the Node entry point says where to get it', async () => {
    await expect(simulateCall({ rcml: RECORD, input: { audio: 'caller.wav' } })).rejects.toThrow(
      /input\.audio needs the package's Node entry point/,
    );
  });
});

describe('what respond returns is checked, never a crash', () => {
  it('a contentType that is not a string is an 11200 that says so', async () => {
    const call = await simulateCall({
      rcml: RECORD,
      input: { speech: [[0, 10]] },
      respond: () => ({ body: '<Response/>', contentType: 42 as never }),
    });
    expect(call.endReason).toBe('http-error');
    expect(call.notifications).toMatchObject([
      { code: 11200, message: expect.stringMatching(/contentType of type number, not a string/) },
    ]);
  });

  it('a status out of range and a missing body are 11200 too', async () => {
    for (const bad of [{ status: 42, body: '' }, { status: 200 }, null]) {
      const call = await simulateCall({
        rcml: RECORD,
        input: { speech: [[0, 10]] },
        respond: () => bad as never,
      });
      expect(call.notifications.map((n) => n.code)).toEqual([11200]);
    }
  });
});

describe('maxSeconds', () => {
  it('keeps the recording in progress: the caller hangs up at the bound', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/a" playBeep="false" timeout="60" maxLength="100"/>'),
      input: { speech: [[0, 30]] },
      maxSeconds: 4,
    });
    expect(call.endReason).toBe('max-seconds');
    expect(call.recordings).toHaveLength(1);
    expect(call.recordings[0]).toMatchObject({ reason: 'hangup', digits: 'hangup', empty: false });
    expect(call.recordings[0]?.samples.length).toBe(4 * 8000);
    expect(call.requests.at(-1)?.params).toMatchObject({ Digits: 'hangup', CallStatus: 'completed' });
  });
});

describe('which URLs serve the document', () => {
  it('a POST to the document URL with another query goes to respond, as in the browser', async () => {
    const asked: string[] = [];
    const call = await simulateCall({
      rcml: rcml('<Redirect>/voice.xml?step=2</Redirect>'),
      respond: (request) => {
        asked.push(request.url);
        return { body: '<Response><Hangup/></Response>' };
      },
    });
    expect(asked).toEqual(['https://app.example.com/voice.xml?step=2']);
    expect(call.endReason).toBe('hangup');
  });
});

describe('each recording names its action request', () => {
  it('the request carries the recording SID, the recording the request id and what was sent', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/a" finishOnKey="#"/>'),
      input: { speech: [[1, 3]], keys: [[4, '#']] },
    });
    const [recording] = call.recordings;
    const action = call.requests[1];
    expect(action?.purpose).toBe('record-action');
    expect(action?.recordingSid).toBe(recording?.recordingSid);
    expect(recording?.actionRequestId).toBe(2);
    expect(recording?.durationParam).toBe(action?.params.RecordingDuration);
  });

  it('an empty recording sends nothing: no request id, no duration', async () => {
    const call = await simulateCall({ rcml: rcml('<Record action="/a" timeout="1"/><Hangup/>') });
    expect(call.recordings[0]).toMatchObject({ empty: true, actionRequestId: null, durationParam: null });
    expect(call.requests).toHaveLength(1);
  });
});
