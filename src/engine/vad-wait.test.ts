import { describe, expect, it } from 'vitest';
import { describeCall, startCall, step, type CallState } from './call.ts';
import type { CallEffect, CallOptions } from './events.ts';
import { seededRandomHex } from './seeded-hex.ts';

const options: CallOptions = {
  documentUrl: 'https://app.example.com/voice.xml',
  profile: 'restcomm',
  from: '+1',
  to: '+2',
  callerName: 'Ada',
  randomHex: seededRandomHex(3),
};

function answered(body: string, overrides: Partial<CallOptions> = {}): CallState {
  const start = startCall({ ...options, ...overrides });
  const request = start.effects[0];
  if (request?.type !== 'http-request') throw new Error('expected the document request');
  return step(start.state, {
    type: 'http-response',
    id: request.request.id,
    status: 200,
    contentType: 'text/xml',
    body,
  }).state;
}

const finished = (effects: CallEffect[]) => effects.find((e) => e.type === 'recording-finished');

describe('voice activity that arrives late (the browser scores audio captured before its model was ready)', () => {
  const rcml = '<Response><Record action="/a" playBeep="false" maxLength="2"/></Response>';

  it('without vadFrameSamples a recording is judged with what is known when it stops', () => {
    const state = answered(rcml);
    const { effects } = step(state, { type: 'audio', samples: new Int16Array(16000) });
    expect(finished(effects)).toMatchObject({ recording: { reason: 'maxLength', empty: true } });
  });

  it('with vadFrameSamples the verdict waits for the frames, which the recording then uses', () => {
    const state = answered(rcml, { vadFrameSamples: 256 });
    const stop = step(state, { type: 'audio', samples: new Int16Array(16000).fill(900) });
    expect(finished(stop.effects)).toBeUndefined();
    expect(describeCall(state).status).toBe('recording');
    // Audio after the stop passes the clock but is not recorded.
    step(state, { type: 'audio', samples: new Int16Array(800).fill(7) });
    expect(describeCall(state).clockSamples).toBe(16800);
    const frames: CallEffect[] = [];
    for (let end = 256; end <= 16000; end += 256) {
      const probability = end > 4000 && end <= 8000 ? 0.9 : 0.05;
      frames.push(...step(state, { type: 'vad', endSample: end, speechProbability: probability }).effects);
      if (end < 15744) expect(finished(frames)).toBeUndefined();
    }
    const done = finished(frames);
    expect(done).toMatchObject({ recording: { reason: 'maxLength', empty: false, endSample: 16000 } });
    if (done?.type !== 'recording-finished') return;
    expect(done.recording.samples.length).toBe(16000);
    expect(done.recording.samples[15999]).toBe(900);
    expect(frames.at(-1)).toMatchObject({ type: 'http-request', request: { purpose: 'record-action' } });
  });

  it('a key stops it at once; later keys are ignored while the verdict waits', () => {
    const state = answered('<Response><Record action="/a" playBeep="false" finishOnKey="#*"/></Response>', {
      vadFrameSamples: 256,
    });
    step(state, { type: 'audio', samples: new Int16Array(4000).fill(50) });
    expect(finished(step(state, { type: 'key', key: '#' }).effects)).toBeUndefined();
    step(state, { type: 'key', key: '*' });
    step(state, { type: 'audio', samples: new Int16Array(1000) });
    const { effects } = step(state, { type: 'vad', endSample: 4096, speechProbability: 0.95 });
    expect(finished(effects)).toMatchObject({
      recording: { reason: 'finishOnKey', digits: '#', empty: false },
    });
    if (finished(effects)?.type !== 'recording-finished') return;
  });
});

describe('a Play that cannot be played', () => {
  it('is a warning 11200 at the verb, and the next verb runs', () => {
    const start = startCall(options);
    const request = start.effects[0];
    if (request?.type !== 'http-request') throw new Error('expected the document request');
    const { state, effects } = step(start.state, {
      type: 'http-response',
      id: request.request.id,
      status: 200,
      contentType: 'text/xml',
      body: '<Response>\n  <Play>/missing.wav</Play>\n  <Hangup/>\n</Response>',
    });
    const play = effects.find((e) => e.type === 'play');
    if (play?.type !== 'play') throw new Error('expected a play');
    const after = step(state, {
      type: 'media-finished',
      id: play.id,
      error: 'GET https://app.example.com/missing.wav answered 404',
    });
    expect(after.effects).toMatchObject([
      {
        type: 'notification',
        notification: {
          severity: 'warning',
          code: 11200,
          line: 2,
          column: 3,
          message: 'GET https://app.example.com/missing.wav answered 404: skipped.',
        },
      },
      { type: 'verb-started', verb: { kind: 'Hangup' } },
      { type: 'call-ended', reason: 'hangup' },
    ]);
  });
});
