/** SPEC §7 in the engine: each row, in each profile, as a caller and the app's server would see it. */
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_PARSE_FAILURE,
  LOOP_GUARD,
  RECORD_ATTRIBUTE_INVALID,
  TRANSCRIPTION_LENGTH_OUT_OF_RANGE,
  UNCHECKED_VALUE,
  URL_NOT_FOUND,
  VERB_NOT_SUPPORTED,
} from '../rcml/codes.ts';
import { PROFILE_NAMES, type ProfileName } from '../rcml/types.ts';
import { describeCall, startCall, step, type CallState } from './call.ts';
import type { CallEffect, CallOptions } from './events.ts';
import { seededRandomHex } from './seeded-hex.ts';
import {
  BEEP_SECONDS,
  DEFAULT_START_TIME_MS,
  simulateCall,
  type SimulatedRequest,
  type SimulateOptions,
} from './simulate.ts';
import { DOC, rcml, routes } from './test-support.ts';

const hangup = rcml('<Hangup/>');

/** A call answered with `body` as its document, through the engine's own API (the effects are visible). */
function engineCall(profile: ProfileName, body: string, overrides: Partial<CallOptions> = {}) {
  const options: CallOptions = {
    documentUrl: DOC,
    profile,
    from: '+1',
    to: '+2',
    callerName: 'Ada',
    randomHex: seededRandomHex(3),
    ...overrides,
  };
  const start = startCall(options);
  const first = start.effects[0];
  if (first?.type !== 'http-request') throw new Error('expected the document request');
  const answered = step(start.state, {
    type: 'http-response',
    id: first.request.id,
    status: 200,
    contentType: 'text/xml',
    body,
  });
  return { state: answered.state, effects: answered.effects };
}

/** Answers the request the call waits for. */
function answer(state: CallState, effects: CallEffect[], status: number, contentType: string, body: string) {
  const request = effects.find((effect) => effect.type === 'http-request' && !effect.request.background);
  if (request?.type !== 'http-request') throw new Error('expected a request');
  return step(state, { type: 'http-response', id: request.request.id, status, contentType, body });
}

function notificationsOf(effects: CallEffect[]) {
  return effects.flatMap((effect) => (effect.type === 'notification' ? [effect.notification] : []));
}

async function recordCall(profile: ProfileName, record: string, more: Partial<SimulateOptions> = {}) {
  return simulateCall({
    profile,
    rcml: rcml(record),
    input: { speech: [[1, 4]] },
    respond: routes({ '/done': hangup, '/status': hangup, '/text': hangup }),
    ...more,
  });
}

function byPurpose(requests: SimulatedRequest[], purpose: SimulatedRequest['purpose']) {
  return requests.filter((request) => request.purpose === purpose);
}

describe("restcomm-connect's extra parameters and CallSid (SPEC §7)", () => {
  it('restcomm-connect: InstanceId, ForwardedFrom=null, CallTimestamp, CallerName=null when empty, in its order', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: hangup,
      caller: { callerName: '' },
    });
    const params = call.requests[0]?.params ?? {};
    expect(Object.keys(params)).toEqual([
      'CallSid',
      'InstanceId',
      'AccountSid',
      'From',
      'To',
      'CallStatus',
      'ApiVersion',
      'Direction',
      'CallerName',
      'ForwardedFrom',
      'CallTimestamp',
    ]);
    expect(params.InstanceId).toMatch(/^ID[0-9a-f]{32}$/);
    expect(params.CallSid).toMatch(new RegExp(`^${params.InstanceId}-CA[0-9a-f]{32}$`));
    expect(params).toMatchObject({
      CallerName: 'null',
      ForwardedFrom: 'null',
      CallTimestamp: '2024-01-01T00:00:00.000Z',
    });
  });

  it('restcomm-connect: the call options set them (and the start time dates CallTimestamp)', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: hangup,
      startTimeMs: DEFAULT_START_TIME_MS + 90_061_001,
      extraParams: { InstanceId: 'ID0123456789abcdef0123456789abcdef', ForwardedFrom: '+15550100009' },
    });
    expect(call.requests[0]?.params).toMatchObject({
      InstanceId: 'ID0123456789abcdef0123456789abcdef',
      ForwardedFrom: '+15550100009',
      CallTimestamp: '2024-01-02T01:01:01.001Z',
      CallerName: 'Sandbox Caller',
    });
    expect(call.requests[0]?.params.CallSid).toMatch(/^ID0123456789abcdef0123456789abcdef-CA[0-9a-f]{32}$/);
    const stamped = await simulateCall({
      profile: 'restcomm-connect',
      rcml: hangup,
      extraParams: { CallTimestamp: '2019-01-11T17:14:04.123+02:00' },
    });
    expect(stamped.requests[0]?.params.CallTimestamp).toBe('2019-01-11T17:14:04.123+02:00');
  });

  it.each(['restcomm', 'twilio'] as const)(
    '%s: none of them, CA CallSid, CallerName as set',
    async (profile) => {
      const call = await simulateCall({
        profile,
        rcml: hangup,
        caller: { callerName: '' },
        extraParams: { InstanceId: 'IDx' },
      });
      const params = call.requests[0]?.params ?? {};
      expect(params).not.toHaveProperty('InstanceId');
      expect(params).not.toHaveProperty('ForwardedFrom');
      expect(params).not.toHaveProperty('CallTimestamp');
      expect(params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
      expect(params.CallerName).toBe('');
    },
  );

  it('simulateCall refuses extra parameters it does not know, and values that are not strings', async () => {
    await expect(
      simulateCall({ rcml: hangup, extraParams: { Foo: 'x' } as unknown as SimulateOptions['extraParams'] }),
    ).rejects.toThrow(/extraParams.Foo is not one of InstanceId, ForwardedFrom, CallTimestamp/);
    await expect(
      simulateCall({
        rcml: hangup,
        extraParams: { InstanceId: 5 } as unknown as SimulateOptions['extraParams'],
      }),
    ).rejects.toThrow(/extraParams.InstanceId must be a string/);
    await expect(simulateCall({ rcml: hangup, startTimeMs: 1.5 })).rejects.toThrow(/startTimeMs/);
  });
});

describe('a URL’s own query (SPEC §4, restcomm-connect as its code does)', () => {
  it('POST: restcomm-connect moves it into the body, after its parameters; the others keep it in the URL', async () => {
    for (const profile of PROFILE_NAMES) {
      const call = await simulateCall({
        profile,
        rcml: rcml('<Record action="/done?step=2" maxLength="2"/>'),
        input: { speech: [[0, 10]] },
        respond: routes({ '/done': hangup }),
      });
      const action = call.requests[1];
      const moved = profile === 'restcomm-connect';
      expect(action?.url).toBe(
        moved ? 'https://app.example.com/done' : 'https://app.example.com/done?step=2',
      );
      expect(action?.params.step === '2').toBe(moved);
      if (moved) expect(Object.keys(action?.params ?? {}).at(-1)).toBe('step');
    }
  });
});

describe('timeout and maxLength that restcomm-connect passes on unchecked (SPEC §7)', () => {
  it('restcomm-connect: timeout="0" is no silence detection, maxLength="-3" no length limit (19009)', async () => {
    const silence = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="/done" timeout="0" maxLength="4"/>'),
      input: { speech: [[1, 1.5]] },
      respond: routes({ '/done': hangup }),
    });
    expect(silence.recordings[0]?.reason).toBe('maxLength');
    expect(silence.notifications.map((n) => n.code)).toContain(UNCHECKED_VALUE);
    const endless = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="/done" timeout="0" maxLength="-3"/>'),
      input: { hangupAtSeconds: 30 },
      respond: routes({ '/done': hangup }),
    });
    expect(endless.recordings[0]).toMatchObject({ reason: 'hangup' });
    expect(endless.recordings[0]?.samples.length).toBe((30 - BEEP_SECONDS) * 8000);
  });

  it('restcomm: the same values are 13612 and the defaults (5 s of silence ends it)', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" timeout="0" maxLength="-3"/>'),
      input: { speech: [[1, 1.5]] },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]?.reason).toBe('timeout');
    expect(call.notifications.filter((n) => n.code === RECORD_ATTRIBUTE_INVALID)).toHaveLength(2);
  });

  it('twilio: maxLength above 14400 is 13612 and 14400; timeout="0" no silence detection', async () => {
    const { state } = engineCall('twilio', rcml('<Record maxLength="20000" timeout="0" playBeep="false"/>'));
    expect(describeCall(state).recording).toMatchObject({
      maxLengthSamples: 14400 * 8000,
      timeoutSamples: 0,
    });
  });

  it('restcomm-connect: no length limit shows as maxLengthSamples 0', () => {
    const { state } = engineCall('restcomm-connect', rcml('<Record maxLength="0"/>'));
    expect(describeCall(state).recording).toMatchObject({ maxLengthSamples: 0 });
  });
});

describe('action="" (SPEC §7)', () => {
  it('restcomm-connect: no request after the recording, nothing more runs; the call waits for a hang-up', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="" maxLength="2"/><Say>never</Say>'),
      input: { speech: [[0, 10]], hangupAtSeconds: 20 },
    });
    expect(call.requests).toHaveLength(1);
    expect(call.recordings).toMatchObject([{ reason: 'maxLength', actionRequestId: null }]);
    expect(call.endReason).toBe('caller-hangup');
    expect(call.durationSeconds).toBe(20);
    const { state } = engineCall(
      'restcomm-connect',
      rcml('<Record action="" maxLength="2" playBeep="false"/>'),
    );
    step(state, { type: 'audio', samples: new Int16Array(16000) });
    expect(describeCall(state)).toMatchObject({ status: 'running', waitingForHangup: true });
  });

  it.each(['restcomm', 'twilio'] as const)('%s: the document URL is requested (19002)', async (profile) => {
    const call = await simulateCall({
      profile,
      rcml: rcml('<Record action="" maxLength="2"/>'),
      input: { speech: [[0, 10]] },
      respond: () => ({ body: hangup }),
      maxSeconds: 10,
    });
    expect(call.requests[1]?.url).toBe(DOC);
    expect(call.requests[1]?.purpose).toBe('record-action');
  });
});

describe('a hang-up during <Record> (SPEC §7)', () => {
  const response = rcml('<Sms to="+1">hi</Sms><Say>bye</Say><Email to="a@b.c">x</Email><Play>/a.wav</Play>');

  it('restcomm-connect: the action’s response is parsed; Sms and Email run, the rest does not', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="/done"/>'),
      input: { speech: [[0, 3]], hangupAtSeconds: 2 },
      respond: routes({ '/done': response }),
    });
    expect(call.requests[1]?.params).toMatchObject({ Digits: 'hangup', CallStatus: 'completed' });
    const walked = call.notifications.filter((n) => n.requestId === 2 && /hang-up|hung up/.test(n.message));
    expect(walked.map((n) => [n.code, n.column, /runs after the hang-up/.test(n.message)])).toEqual([
      [VERB_NOT_SUPPORTED, 11, true],
      [VERB_NOT_SUPPORTED, 32, false],
      [VERB_NOT_SUPPORTED, 46, true],
      [VERB_NOT_SUPPORTED, 73, false],
    ]);
    expect(call.endReason).toBe('caller-hangup');
  });

  it('restcomm-connect without action: the rest of the document is walked the same way', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record/><Sms to="+1">hi</Sms><Say>bye</Say>'),
      input: { hangupAtSeconds: 2 },
    });
    expect(call.requests).toHaveLength(1);
    expect(call.notifications.filter((n) => /hang-up|hung up/.test(n.message)).map((n) => n.column)).toEqual([
      20, 41,
    ]);
  });

  it.each(['restcomm', 'twilio'] as const)(
    '%s: the action is requested, its response is not read',
    async (profile) => {
      const call = await simulateCall({
        profile,
        rcml: rcml('<Record action="/done"/>'),
        input: { speech: [[0, 3]], hangupAtSeconds: 2 },
        respond: routes({ '/done': response }),
      });
      expect(call.requests[1]?.params).toMatchObject({ Digits: 'hangup', CallStatus: 'completed' });
      expect(call.notifications.filter((n) => n.requestId === 2)).toEqual([]);
      expect(call.endReason).toBe('caller-hangup');
    },
  );
});

describe('response content types (SPEC §5, §7)', () => {
  const redirect = rcml('<Redirect>/next?x=1</Redirect>');

  function redirected(profile: ProfileName, status: number, contentType: string, body: string) {
    const { state, effects } = engineCall(profile, redirect);
    return answer(state, effects, status, contentType, body);
  }

  it('restcomm-connect: text/html is parsed as RCML', () => {
    const { effects } = redirected(
      'restcomm-connect',
      200,
      'text/html; charset=utf-8',
      '<Response><Say>hi</Say></Response>',
    );
    expect(effects.find((e) => e.type === 'say')).toMatchObject({ text: 'hi' });
  });

  it('restcomm-connect: audio/wav with no body plays the URL requested, without its query', () => {
    const { effects } = redirected('restcomm-connect', 200, 'audio/wav', '');
    expect(effects.find((e) => e.type === 'play')).toMatchObject({ url: 'https://app.example.com/next' });
    const mpeg = redirected('restcomm-connect', 200, 'audio/mpeg', '');
    expect(mpeg.effects.find((e) => e.type === 'play')).toBeUndefined();
  });

  it('restcomm-connect: every body with a length must be XML first, whatever its type or status', () => {
    for (const [status, type, body] of [
      [200, 'audio/wav', 'RIFF....WAVEfmt '],
      [200, 'text/plain', 'Hello there'],
      [404, 'text/plain', 'not found'],
    ] as const) {
      const { state, effects } = redirected('restcomm-connect', status, type, body);
      expect(notificationsOf(effects).map((n) => [n.severity, n.code])).toEqual([
        ['error', DOCUMENT_PARSE_FAILURE],
      ]);
      expect(notificationsOf(effects)[0]?.message).toMatch(/every response body as XML first/);
      expect(state.endReason).toBe('document-error');
    }
    const notFound = redirected('restcomm-connect', 404, 'text/plain', '');
    expect(notificationsOf(notFound.effects).map((n) => n.code)).toEqual([URL_NOT_FOUND]);
  });

  it('restcomm-connect: text/plain says the body (wrapped in <Say> as it is)', () => {
    const { effects } = redirected('restcomm-connect', 200, 'text/plain', '<p>Hi</p>');
    expect(effects.find((e) => e.type === 'say')).toBeDefined();
  });

  it('restcomm-connect: another type (or Text/XML: the match is case-sensitive) runs nothing; the call waits', () => {
    for (const type of ['application/json', 'Text/XML']) {
      const { state, effects } = redirected(
        'restcomm-connect',
        200,
        type,
        '<Response><Say>x</Say></Response>',
      );
      expect(notificationsOf(effects).map((n) => [n.severity, n.code])).toEqual([
        ['warning', DOCUMENT_PARSE_FAILURE],
      ]);
      expect(describeCall(state)).toMatchObject({ status: 'running', waitingForHangup: true });
      expect(step(state, { type: 'hangup' }).state.endReason).toBe('caller-hangup');
    }
  });

  it('restcomm-connect: no Content-Type hangs up', () => {
    const { state } = redirected('restcomm-connect', 200, '', '<Response><Say>x</Say></Response>');
    expect(state.ended).toBe(true);
  });

  it.each(['restcomm', 'twilio'] as const)(
    '%s: only XML is run; text/html, audio and text are 12100',
    (profile) => {
      for (const type of ['text/html', 'audio/wav', 'text/plain']) {
        const { state, effects } = redirected(profile, 200, type, '<Response><Say>x</Say></Response>');
        expect(notificationsOf(effects).map((n) => n.code)).toEqual([DOCUMENT_PARSE_FAILURE]);
        expect(state.endReason).toBe('document-error');
      }
      const xml = redirected(profile, 200, 'Application/XML', '<Response><Say>x</Say></Response>');
      expect(xml.effects.find((e) => e.type === 'say')).toBeDefined();
      const notFound = redirected(profile, 404, 'text/plain', 'not found');
      expect(notificationsOf(notFound.effects).map((n) => n.code)).toEqual([URL_NOT_FOUND]);
    },
  );
});

describe('"empty recording" (SPEC §3.4, §7)', () => {
  it.each(['restcomm', 'twilio'] as const)(
    '%s: samples but no speech is empty: no action request',
    async (profile) => {
      const call = await simulateCall({
        profile,
        rcml: rcml('<Record action="/done" timeout="1"/><Pause length="1"/>'),
        respond: routes({ '/done': hangup }),
      });
      expect(call.recordings[0]).toMatchObject({ empty: true, reason: 'timeout' });
      expect(call.requests).toHaveLength(1);
    },
  );
  // restcomm-connect: simulate-profiles.test.ts (a silent recording sends its RecordingUrl and duration).
});

describe('<Say> with SSML (SPEC §7)', () => {
  it('twilio: what is said is the SSML’s text', () => {
    const { effects } = engineCall(
      'twilio',
      rcml('<Say>Your code is <say-as interpret-as="digits">1234</say-as>.<break/>Bye</Say>'),
    );
    expect(effects.find((e) => e.type === 'say')).toMatchObject({ text: 'Your code is 1234. Bye' });
  });
});

describe('<Play digits> (SPEC §7)', () => {
  it('twilio: a play effect with the digits and no URL', () => {
    const { effects } = engineCall('twilio', rcml('<Play digits="w12#" loop="2"/>'));
    expect(effects.find((e) => e.type === 'play')).toMatchObject({ url: '', digits: 'w12#', loop: 2 });
  });

  it('twilio: simulateCall plays each key 0.1 s + 0.1 s, w 0.5 s, W 1 s, times loop', async () => {
    const call = await simulateCall({ profile: 'twilio', rcml: rcml('<Play digits="ww12W" loop="2"/>') });
    expect(call.durationSeconds).toBeCloseTo(2 * (0.5 + 0.5 + 0.2 + 0.2 + 1), 10);
    const nested = await simulateCall({
      profile: 'twilio',
      rcml: rcml('<Gather timeout="1"><Play digits="123"/></Gather>'),
    });
    expect(nested.durationSeconds).toBeCloseTo(0.6 + 1, 10);
  });

  it.each(['restcomm', 'restcomm-connect'] as const)(
    '%s: digits is not read (the body URL plays)',
    (profile) => {
      const { effects } = engineCall(profile, rcml('<Play digits="12">/tone.wav</Play>'));
      expect(effects.find((e) => e.type === 'play')).toMatchObject({
        url: 'https://app.example.com/tone.wav',
      });
      expect(effects.find((e) => e.type === 'play')).not.toHaveProperty('digits');
    },
  );
});

describe('<Gather actionOnEmptyResult> (SPEC §7)', () => {
  it('twilio: no input still requests the action, with Digits=""', async () => {
    const call = await simulateCall({
      profile: 'twilio',
      rcml: rcml('<Gather action="/menu" timeout="1" actionOnEmptyResult="true"/>'),
      respond: routes({ '/menu': hangup }),
    });
    expect(call.requests.map((r) => [r.purpose, r.params.Digits])).toEqual([
      ['document', undefined],
      ['gather-action', ''],
    ]);
  });

  it.each(['restcomm', 'restcomm-connect'] as const)(
    '%s: no input goes on with the next verb',
    async (profile) => {
      const call = await simulateCall({
        profile,
        rcml: rcml('<Gather action="/menu" timeout="1" actionOnEmptyResult="true"/>'),
        respond: routes({ '/menu': hangup }),
      });
      expect(call.requests).toHaveLength(1);
      expect(call.endReason).toBe('end-of-document');
    },
  );
});

describe('RecordingSid on the Record action (SPEC §7)', () => {
  it.each(PROFILE_NAMES)('%s', async (profile) => {
    const call = await recordCall(profile, '<Record action="/done"/>');
    const params = call.requests[1]?.params ?? {};
    if (profile === 'twilio') expect(params.RecordingSid).toBe(call.recordings[0]?.recordingSid);
    else expect(params).not.toHaveProperty('RecordingSid');
  });
});

describe('recordingStatusCallback (SPEC §7)', () => {
  const record =
    '<Record action="/done" recordingStatusCallback="/status" recordingStatusCallbackEvent="in-progress completed absent"/>';

  it('twilio: in-progress when recording starts, completed after the action request, with their parameters', async () => {
    const startTimeMs = Date.UTC(2018, 8, 25, 22, 59, 59, 600);
    const call = await recordCall('twilio', record, { startTimeMs });
    expect(call.requests.map((r) => r.purpose)).toEqual([
      'document',
      'recording-status',
      'record-action',
      'recording-status',
    ]);
    const sid = call.recordings[0]?.recordingSid ?? '';
    const [inProgress, completed] = byPurpose(call.requests, 'recording-status');
    const action = call.requests[2]?.params ?? {};
    expect(completed?.params).toEqual({
      AccountSid: action.AccountSid,
      CallSid: action.CallSid,
      RecordingSid: sid,
      RecordingUrl: action.RecordingUrl,
      RecordingStatus: 'completed',
      RecordingDuration: action.RecordingDuration,
      RecordingChannels: '1',
      RecordingSource: 'RecordVerb',
      // The call started 0.4 s before 23:00; recording starts after the beep.
      RecordingStartTime: 'Tue, 25 Sep 2018 23:00:00 +0000',
    });
    expect(inProgress?.params).toMatchObject({ RecordingStatus: 'in-progress', RecordingSid: sid });
    expect(inProgress?.recordingSid).toBe(sid);
    expect(completed?.method).toBe('POST');
  });

  it('twilio: absent for an empty recording: ErrorCode 16102 when silent, 16101 with no samples; GET', async () => {
    const silent = await recordCall(
      'twilio',
      '<Record action="/done" timeout="1" recordingStatusCallback="/status" recordingStatusCallbackEvent="absent" recordingStatusCallbackMethod="GET"/>',
      { input: {} },
    );
    const [absent] = byPurpose(silent.requests, 'recording-status');
    expect(absent?.method).toBe('GET');
    expect(absent?.params).toMatchObject({
      RecordingStatus: 'absent',
      ErrorCode: '16102',
      RecordingDuration: '0',
    });
    const beep = await recordCall(
      'twilio',
      '<Record action="/done" recordingStatusCallback="/status" recordingStatusCallbackEvent="absent"/>',
      { input: { hangupAtSeconds: 0.2 } },
    );
    expect(byPurpose(beep.requests, 'recording-status')[0]?.params).toMatchObject({ ErrorCode: '16101' });
  });

  it('twilio: only the events asked for (completed by default); callbacks do not count for the loop guard', async () => {
    const plain = await recordCall('twilio', '<Record action="/done" recordingStatusCallback="/status"/>');
    expect(byPurpose(plain.requests, 'recording-status').map((r) => r.params.RecordingStatus)).toEqual([
      'completed',
    ]);
    // Twelve records in a row, each re-requesting the document: the loop guard counts the flow's requests.
    const looped = await simulateCall({
      profile: 'twilio',
      rcml: rcml(
        '<Record maxLength="2" recordingStatusCallback="https://hooks.example.com/s" recordingStatusCallbackEvent="in-progress completed"/>',
      ),
      input: { speech: [[0, 1000]] },
      respond: () => ({ body: 'ignored' }),
      maxSeconds: 60,
    });
    expect(looped.notifications.map((n) => n.code)).not.toContain(LOOP_GUARD);
    expect(byPurpose(looped.requests, 'recording-status').length).toBeGreaterThan(20);
  });

  it.each(['restcomm', 'restcomm-connect'] as const)('%s: no status callbacks', async (profile) => {
    const call = await recordCall(profile, record);
    expect(byPurpose(call.requests, 'recording-status')).toEqual([]);
  });
});

describe('transcribe and transcribeCallback (SPEC §7)', () => {
  const record = '<Record action="/done" transcribeCallback="/text"/>';

  it('twilio: a POST with the transcript from simulateCall’s transcripts (by recording SID), after the action', async () => {
    const probe = await recordCall('twilio', record);
    const sid = probe.recordings[0]?.recordingSid ?? '';
    const call = await recordCall('twilio', record, { transcripts: { [sid]: 'Hello there' } });
    expect(call.requests.map((r) => r.purpose)).toEqual(['document', 'record-action', 'transcription']);
    const posted = call.requests[2];
    expect(posted?.method).toBe('POST');
    expect(posted?.url).toBe('https://app.example.com/text');
    expect(posted?.params).toMatchObject({
      TranscriptionText: 'Hello there',
      TranscriptionStatus: 'completed',
      RecordingSid: sid,
      RecordingUrl: call.recordings[0]?.url,
      CallSid: call.requests[1]?.params.CallSid,
    });
    expect(posted?.params.TranscriptionSid).toMatch(/^TR[0-9a-f]{32}$/);
    expect(posted?.params.TranscriptionUrl).toBe(
      `https://app.example.com/2010-04-01/Accounts/${posted?.params.AccountSid}/Transcriptions/${posted?.params.TranscriptionSid}`,
    );
    expect(posted?.recordingSid).toBe(sid);
  });

  it('twilio: a function gives the text; without one (or null) the transcription failed', async () => {
    const given = await recordCall('twilio', record, {
      transcripts: (recording) => `${recording.samples.length} samples`,
    });
    expect(byPurpose(given.requests, 'transcription')[0]?.params.TranscriptionText).toBe(
      `${given.recordings[0]?.samples.length} samples`,
    );
    const failed = await recordCall('twilio', record);
    expect(byPurpose(failed.requests, 'transcription')[0]?.params).toMatchObject({
      TranscriptionStatus: 'failed',
      TranscriptionText: '',
    });
  });

  it('twilio: a recording of 2 s or less cannot be transcribed: 13617, failed at once', async () => {
    const call = await recordCall('twilio', record, { input: { speech: [[0.6, 1.5]] } });
    expect(call.notifications.map((n) => n.code)).toContain(TRANSCRIPTION_LENGTH_OUT_OF_RANGE);
    expect(byPurpose(call.requests, 'transcription')[0]?.params.TranscriptionStatus).toBe('failed');
  });

  it('twilio engine: the callback waits for a transcript event, taken even after the call ended', () => {
    const { state } = engineCall(
      'twilio',
      rcml(`<Record transcribeCallback="/text" playBeep="false"/><Hangup/>`),
    );
    const effects: CallEffect[] = [];
    for (let i = 0; i < 10; i += 1) {
      effects.push(...step(state, { type: 'audio', samples: new Int16Array(8000) }).effects);
      effects.push(
        ...step(state, { type: 'vad', endSample: (i + 1) * 8000, speechProbability: i < 4 ? 0.9 : 0.1 })
          .effects,
      );
    }
    const finished = effects.find((e) => e.type === 'recording-finished');
    expect(finished).toMatchObject({ recording: { awaitsTranscript: true } });
    answer(state, effects, 200, 'text/xml', hangup);
    expect(state.ended).toBe(true);
    const sid = finished?.type === 'recording-finished' ? finished.recording.recordingSid : '';
    const late = step(state, { type: 'transcript', recordingSid: sid, text: 'late words' }).effects;
    expect(late).toMatchObject([
      {
        type: 'http-request',
        request: {
          purpose: 'transcription',
          background: true,
          params: { TranscriptionText: 'late words', CallStatus: 'completed' },
        },
      },
    ]);
    expect(step(state, { type: 'transcript', recordingSid: sid, text: 'again' }).effects).toEqual([]);
  });

  it.each(['restcomm', 'restcomm-connect'] as const)('%s: no transcription', async (profile) => {
    const call = await recordCall(
      profile,
      '<Record action="/done" transcribe="true" transcribeCallback="/text"/>',
      {
        transcripts: () => 'x',
      },
    );
    expect(byPurpose(call.requests, 'transcription')).toEqual([]);
    expect(call.recordings[0]?.awaitsTranscript).toBe(false);
  });
});

describe('restcomm-connect: a document URL with a query', () => {
  it('is still answered with the document: its query travels after the parameters in the body', async () => {
    const call = await simulateCall({
      rcml: '<Response><Gather numDigits="1" action="/menu"/></Response>',
      documentUrl: 'https://app.example.com/voice.xml?step=1',
      profile: 'restcomm-connect',
      input: { keys: [[0.5, '3']] },
      respond: () => ({ body: '<Response><Hangup/></Response>' }),
    });
    const [document, menu] = call.requests;
    expect(document?.url).toBe('https://app.example.com/voice.xml');
    expect(document?.params.step).toBe('1');
    // The pasted document ran (its Gather sent the key), rather than `respond` answering the document.
    expect(menu?.url).toBe('https://app.example.com/menu');
    expect(menu?.params.Digits).toBe('3');
  });
});
