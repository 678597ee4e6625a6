import { describe, expect, it } from 'vitest';
import {
  BEEP_SAMPLES,
  BEEP_SECONDS,
  describeCall,
  nextDeadlineSample,
  startCall,
  step,
  type CallState,
} from './call.ts';
import type { CallEffect, CallEvent, CallOptions } from './events.ts';
import { seededRandomHex } from './seeded-hex.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from './speech.ts';

const options: CallOptions = {
  documentUrl: 'https://app.example.com/voice.xml',
  profile: 'restcomm',
  from: '+1',
  to: '+2',
  callerName: 'Ada',
  randomHex: seededRandomHex(7),
};

function answered(
  body: string,
  overrides: Partial<CallOptions> = {},
): { state: CallState; effects: CallEffect[] } {
  const start = startCall({ ...options, ...overrides });
  const request = start.effects[0];
  if (request?.type !== 'http-request') throw new Error('expected the document request');
  return step(start.state, {
    type: 'http-response',
    id: request.request.id,
    status: 200,
    contentType: 'text/xml',
    body,
  });
}

function types(effects: CallEffect[]): string[] {
  return effects.map((e) => e.type);
}

describe('step', () => {
  it('starts with a POST of the document URL, CallStatus=ringing', () => {
    const { state, effects } = startCall(options);
    expect(effects).toHaveLength(1);
    const effect = effects[0];
    expect(effect?.type).toBe('http-request');
    if (effect?.type !== 'http-request') return;
    expect(effect.request).toMatchObject({
      method: 'POST',
      url: options.documentUrl,
      purpose: 'document',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(effect.request.params.CallStatus).toBe('ringing');
    expect(new URLSearchParams(effect.request.body ?? '').get('CallSid')).toBe(state.callSid);
    expect(describeCall(state)).toMatchObject({ status: 'connecting', verb: null, clockSamples: 0 });
  });

  it('runs a Record: beep on the sample clock, then recording, then maxLength', () => {
    expect(BEEP_SAMPLES).toBe(BEEP_SECONDS * 8000);
    const first = answered('<Response><Record action="/a" maxLength="2"/></Response>');
    const state = first.state;
    expect(types(first.effects)).toEqual(['verb-started', 'beep']);
    expect(describeCall(state)).toMatchObject({
      status: 'recording',
      recording: {
        lengthSamples: 0,
        maxLengthSamples: 16000,
        beepRemainingSamples: BEEP_SAMPLES,
        timeoutSamples: 40000,
      },
    });
    expect(nextDeadlineSample(state)).toBe(BEEP_SAMPLES);
    // A key during the beep does nothing.
    expect(step(state, { type: 'key', key: '#' }).effects).toEqual([]);
    const chunk = new Int16Array(3000).fill(100);
    expect(types(step(state, { type: 'audio', samples: chunk }).effects)).toEqual([]);
    const started = step(state, { type: 'audio', samples: chunk }).effects;
    expect(started).toEqual([{ type: 'recording-started', atSample: BEEP_SAMPLES, media: 'audio_only' }]);
    expect(describeCall(state).recording).toMatchObject({ lengthSamples: 2000, beepRemainingSamples: 0 });
    step(state, { type: 'vad', endSample: 6000, speechProbability: SPEECH_PROBABILITY_THRESHOLD });
    const big = new Int16Array(20000).fill(5);
    const done = step(state, { type: 'audio', samples: big }).effects;
    expect(types(done)).toEqual(['recording-finished', 'http-request']);
    const finished = done[0];
    if (finished?.type !== 'recording-finished') throw new Error('expected a recording');
    expect(finished.recording).toMatchObject({ reason: 'maxLength', digits: '', empty: false });
    expect(finished.recording.samples.length).toBe(16000);
    expect(finished.recording.samples[0]).toBe(100);
    expect(finished.recording.samples[15999]).toBe(5);
    // The rest of the chunk passed while the request is pending.
    expect(state.clockSamples).toBe(6000 + 20000);
    expect(describeCall(state)).toMatchObject({ status: 'running', verb: null, recording: null });
  });

  it('a speech frame below the threshold does not count as speech', () => {
    const { state } = answered(
      '<Response><Record action="/a" playBeep="false" timeout="1"/><Pause/></Response>',
    );
    step(state, { type: 'audio', samples: new Int16Array(8000) });
    const { effects } = step(state, { type: 'vad', endSample: 8000, speechProbability: 0.49 });
    const finished = effects.find((e) => e.type === 'recording-finished');
    expect(finished).toMatchObject({ recording: { reason: 'timeout', empty: true } });
    expect(types(effects)).toEqual(['recording-finished', 'verb-started']);
  });

  it('a VAD frame that lags the audio cuts the file where the silence reached the timeout', () => {
    const { state } = answered('<Response><Record action="/a" playBeep="false" timeout="1"/></Response>');
    step(state, { type: 'audio', samples: new Int16Array(2000) });
    step(state, { type: 'vad', endSample: 1000, speechProbability: 0.9 });
    step(state, { type: 'audio', samples: new Int16Array(10000) });
    expect(describeCall(state).recording?.silenceSamples).toBe(0);
    step(state, { type: 'vad', endSample: 5000, speechProbability: 0.1 });
    expect(describeCall(state).recording?.silenceSamples).toBe(4000);
    const { effects } = step(state, { type: 'vad', endSample: 9500, speechProbability: 0.1 });
    const finished = effects.find((e) => e.type === 'recording-finished');
    if (finished?.type !== 'recording-finished') throw new Error('expected a recording');
    expect(finished.recording).toMatchObject({ reason: 'timeout', empty: false });
    expect(finished.recording.samples.length).toBe(9000);
  });

  it('ignores stale responses and events after the end', () => {
    const { state } = answered('<Response><Redirect>/next</Redirect></Response>');
    const stale: CallEvent = {
      type: 'http-response',
      id: 999,
      status: 200,
      contentType: 'text/xml',
      body: '',
    };
    expect(step(state, stale).effects).toEqual([]);
    const id = state.pending?.request.id ?? -1;
    const end = step(state, {
      type: 'http-response',
      id,
      status: 200,
      contentType: 'text/xml',
      body: '<Response/>',
    });
    expect(end.effects).toEqual([{ type: 'call-ended', reason: 'end-of-document' }]);
    expect(describeCall(state)).toMatchObject({ status: 'ended', endReason: 'end-of-document' });
    expect(step(state, { type: 'hangup' }).effects).toEqual([]);
  });

  it('Say: an effect with an id, finished by media-finished; hang-up stops it', () => {
    const { state, effects } = answered(
      '<Response><Say voice="woman" loop="2">Hello</Say><Say>Bye</Say></Response>',
    );
    const say = effects[1];
    expect(say).toMatchObject({ type: 'say', text: 'Hello', voice: 'woman', loop: 2 });
    if (say?.type !== 'say') return;
    expect(step(state, { type: 'media-finished', id: say.id + 100 }).effects).toEqual([]);
    const next = step(state, { type: 'media-finished', id: say.id }).effects;
    expect(types(next)).toEqual(['verb-started', 'say']);
    const second = next[1];
    if (second?.type !== 'say') return;
    expect(step(state, { type: 'hangup' }).effects).toEqual([
      { type: 'stop-media', id: second.id },
      { type: 'call-ended', reason: 'caller-hangup' },
    ]);
  });

  it('Play resolves its URL against the document URL', () => {
    const { effects } = answered('<Response><Play loop="2">sounds/tone.wav</Play></Response>');
    expect(effects[1]).toMatchObject({
      type: 'play',
      url: 'https://app.example.com/sounds/tone.wav',
      loop: 2,
    });
  });

  it('Gather: a key during a prompt stops it (stop-media) and counts', () => {
    const { state, effects } = answered(
      '<Response><Gather action="/g" numDigits="2"><Say>Press</Say><Play>/a.wav</Play></Gather></Response>',
    );
    const say = effects[1];
    if (say?.type !== 'say') throw new Error('expected say');
    expect(step(state, { type: 'key', key: '4' }).effects).toEqual([{ type: 'stop-media', id: say.id }]);
    const submit = step(state, { type: 'key', key: '2' }).effects;
    expect(submit[0]).toMatchObject({ type: 'http-request', request: { purpose: 'gather-action' } });
    if (submit[0]?.type !== 'http-request') return;
    expect(submit[0].request.params.Digits).toBe('42');
  });

  it('network error on the document: 11200 at no position, the call ends', () => {
    const { state, effects } = startCall(options);
    const request = effects[0];
    if (request?.type !== 'http-request') throw new Error('expected a request');
    const result = step(state, { type: 'http-error', id: request.request.id, message: 'offline' });
    expect(result.effects).toMatchObject([
      {
        type: 'notification',
        notification: { code: 11200, severity: 'error', line: 0, column: 0, requestId: request.request.id },
      },
      { type: 'call-ended', reason: 'http-error' },
    ]);
  });

  it('a GET has no body and no content type; its params are its whole query', () => {
    const { state } = answered('<Response><Redirect method="GET">/next?a=1</Redirect></Response>');
    const request = state.pending?.request;
    expect(request).toMatchObject({ method: 'GET', body: null, headers: {}, purpose: 'redirect' });
    expect(request?.url.startsWith('https://app.example.com/next?a=1&CallSid=CA')).toBe(true);
    expect(request?.params).toMatchObject({ a: '1', CallStatus: 'in-progress', Direction: 'inbound' });
  });

  it('the speech threshold is an option', () => {
    const { state } = answered('<Response><Record action="/a" playBeep="false" timeout="1"/></Response>', {
      speechProbabilityThreshold: 0.3,
    });
    step(state, { type: 'audio', samples: new Int16Array(8000) });
    step(state, { type: 'vad', endSample: 256, speechProbability: 0.35 });
    const { effects } = step(state, { type: 'vad', endSample: 8000, speechProbability: 0.1 });
    expect(effects).toEqual([]);
    expect(describeCall(state).recording?.silenceSamples).toBe(8000 - 256);
  });
});
