import { describe, expect, it } from 'vitest';
import { BEEP_SAMPLES, simulateCall } from './simulate.ts';
import { RC_RECORDINGS_PATH } from './recording-params.ts';
import { DOC, firstSpeechFrameStart, lastSpeechFrameEnd, rcml, routes } from './test-support.ts';

const hangup = rcml('<Hangup/>');

describe('profiles', () => {
  it('restcomm: RecordingUrl .wav on the document origin, whole seconds, ApiVersion 2012-04-24', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" finishOnKey="#"/>'),
      documentUrl: 'http://localhost:5173/app/voice.xml',
      input: { speech: [[0, 10]], keys: [[1.7, '#']] },
      respond: routes({ '/done': hangup }),
    });
    const params = call.requests[1]?.params ?? {};
    const sid = call.recordings[0]?.recordingSid;
    expect(params.RecordingUrl).toBe(
      `http://localhost:5173/2012-04-24/Accounts/${params.AccountSid}/Recordings/${sid}.wav`,
    );
    expect(params.RecordingDuration).toBe('1'); // 1.2 s
    expect(params.ApiVersion).toBe('2012-04-24');
    expect(params).not.toHaveProperty('PublicRecordingUrl');
    expect(call.recordings[0]?.url).toBe(params.RecordingUrl);
    expect(call.recordings[0]?.durationSeconds).toBe(1.2);
  });

  it('RecordingDuration rounds to the nearest second, at least 1', async () => {
    const durations: string[] = [];
    for (const keyAt of [0.6, 2.0, 2.1]) {
      const call = await simulateCall({
        rcml: rcml('<Record action="/done"/>'),
        input: { speech: [[0, 10]], keys: [[keyAt, '1']] },
        respond: routes({ '/done': hangup }),
      });
      durations.push(call.requests[1]?.params.RecordingDuration ?? '');
    }
    expect(durations).toEqual(['1', '2', '2']); // 0.1 s, 1.5 s, 1.6 s
  });

  it('twilio: RecordingUrl without extension under 2010-04-01; ApiVersion 2010-04-01', async () => {
    const call = await simulateCall({
      profile: 'twilio',
      rcml: rcml('<Record action="/done" maxLength="2"/>'),
      input: { speech: [[0, 10]] },
      respond: routes({ '/done': hangup }),
    });
    const params = call.requests[1]?.params ?? {};
    const sid = call.recordings[0]?.recordingSid;
    expect(params.RecordingUrl).toBe(
      `https://app.example.com/2010-04-01/Accounts/${params.AccountSid}/Recordings/${sid}`,
    );
    expect(call.requests.map((r) => r.params.ApiVersion)).toEqual(['2010-04-01', '2010-04-01']);
    expect(params.RecordingDuration).toBe('2');
  });

  it('twilio trim-silence: silence before the first and after the last speech frame is cut', async () => {
    const input = { speech: [[1, 2]] as [number, number][] };
    const options = {
      rcml: rcml('<Record action="/done" timeout="2"/>'),
      input,
      respond: routes({ '/done': hangup }),
    };
    const trimmed = await simulateCall({ ...options, profile: 'twilio' });
    const kept = lastSpeechFrameEnd(2) - firstSpeechFrameStart(1);
    expect(trimmed.recordings[0]?.samples.length).toBe(kept);
    expect(trimmed.recordings[0]?.durationSeconds).toBe(kept / 8000);
    expect(trimmed.requests[1]?.params.RecordingDuration).toBe('1');
    const plain = await simulateCall({ ...options, profile: 'restcomm' });
    expect(plain.recordings[0]?.samples.length).toBe(lastSpeechFrameEnd(2) + 16000 - BEEP_SAMPLES);
    expect(plain.requests[1]?.params.RecordingDuration).toBe('3');
    const untrimmed = await simulateCall({
      ...options,
      profile: 'twilio',
      rcml: rcml('<Record action="/done" timeout="2" trim="do-not-trim"/>'),
    });
    expect(untrimmed.recordings[0]?.samples.length).toBe(plain.recordings[0]?.samples.length);
    // The trimmed file is the middle of the untrimmed one.
    const offset = firstSpeechFrameStart(1) - BEEP_SAMPLES;
    expect(trimmed.recordings[0]?.samples).toEqual(
      untrimmed.recordings[0]?.samples.subarray(offset, offset + kept),
    );
  });

  it('twilio timeout="0" disables silence detection', async () => {
    const call = await simulateCall({
      profile: 'twilio',
      rcml: rcml('<Record action="/done" timeout="0" maxLength="20"/>'),
      input: { speech: [[1, 2]] },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]?.reason).toBe('maxLength');
  });

  it('restcomm-connect: file:// RecordingUrl, PublicRecordingUrl, WavUtils duration (float division)', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="/done" maxLength="5"/>'),
      input: { speech: [[0, 10]] },
      respond: routes({ '/done': hangup }),
    });
    const params = call.requests[1]?.params ?? {};
    const sid = call.recordings[0]?.recordingSid ?? '';
    expect(params.RecordingUrl).toBe(`file://${RC_RECORDINGS_PATH}/${sid}.wav`);
    expect(params.RecordingUrl).toMatch(/^file:\/\/\/.*\/RE[0-9a-f]{32}\.wav$/);
    expect(params.PublicRecordingUrl).toBe(
      `https://app.example.com/2012-04-24/Accounts/${params.AccountSid}/Recordings/${sid}.wav`,
    );
    // (44 + 2 × 40000) bytes / 8000f in Java float, then / 2.0: 5.002749919891357, not 5.00275 (SPEC §4).
    expect(params.RecordingDuration).toBe('5.002749919891357');
    expect(params.ApiVersion).toBe('2012-04-24');
    expect(call.recordings[0]?.publicUrl).toBe(params.PublicRecordingUrl);
  });

  it('restcomm-connect: a recording with samples but no speech is not empty (the file exists), SPEC §7', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="/done" timeout="1"/><Say>unreachable</Say>'),
      respond: routes({ '/done': rcml('<Pause length="2"/>') }),
    });
    expect(call.recordings[0]).toMatchObject({ empty: false, reason: 'timeout' });
    expect(call.recordings[0]?.samples.length).toBe(8000);
    expect(call.requests).toHaveLength(2);
    const params = call.requests[1]?.params ?? {};
    // (44 + 2 × 8000) / 8000f / 2.0, as WavUtils computes it.
    expect(params.RecordingDuration).toBe('1.002750039100647');
    expect(params.RecordingUrl).toBe(call.recordings[0]?.url);
    expect(params.PublicRecordingUrl).toBe(call.recordings[0]?.publicUrl);
    expect(params.Digits).toBe('');
    // The timeout is known at the end of the VAD frame that reaches it (12032, frames end every 256 samples).
    expect(call.durationSeconds).toBe(12032 / 8000 + 2);
  });

  it('restcomm-connect: a recording stopped at once after the beep still has a file (header only)', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="/done" finishOnKey="#"/>'),
      input: { keys: [[0.5, '#']] },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]).toMatchObject({ empty: false, reason: 'finishOnKey' });
    expect(call.recordings[0]?.samples.length).toBe(0);
    expect(call.requests[1]?.params).toMatchObject({
      RecordingDuration: '0.002749999985098839',
      Digits: '#',
      RecordingUrl: call.recordings[0]?.url,
    });
  });

  it('restcomm: an empty recording makes no request and the next verb runs', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" timeout="1"/><Pause length="2"/>'),
      respond: routes({ '/done': hangup }),
    });
    expect(call.requests).toHaveLength(1);
    expect(call.recordings[0]?.samples.length).toBe(8000);
    expect(call.durationSeconds).toBe(12032 / 8000 + 2);
    expect(call.endReason).toBe('end-of-document');
  });

  it('restcomm-connect: hang-up during the beep still requests the action (empty)', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record action="/done"/>'),
      input: { hangupAtSeconds: 0.2 },
      respond: routes({ '/done': rcml('<Say>not run</Say>') }),
    });
    expect(call.recordings[0]).toMatchObject({ empty: true, reason: 'hangup' });
    expect(call.requests[1]?.params).toMatchObject({
      Digits: 'hangup',
      CallStatus: 'completed',
      RecordingDuration: '0.0',
    });
    expect(call.requests[1]?.params).not.toHaveProperty('RecordingUrl');
    expect(call.requests[1]?.params).not.toHaveProperty('PublicRecordingUrl');
    expect(call.endReason).toBe('caller-hangup');
  });

  it('restcomm-connect without action: no request, the next verb runs', async () => {
    const call = await simulateCall({
      profile: 'restcomm-connect',
      rcml: rcml('<Record maxLength="2"/><Pause length="1"/>'),
      input: { speech: [[0, 10]] },
    });
    expect(call.requests).toHaveLength(1);
    expect(call.recordings).toMatchObject([{ reason: 'maxLength', empty: false }]);
    expect(call.durationSeconds).toBe(3.5);
  });

  it('restcomm without action: the document is requested again', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record maxLength="2"/>'),
      input: { speech: [[0, 2.5]] },
    });
    expect(call.requests.map((r) => r.url)).toEqual([DOC, DOC]);
  });

  it('GET: restcomm-connect moves the action URL’s own query after its parameters; the others keep it first', async () => {
    const names: Record<string, string[]> = {};
    for (const profile of ['restcomm', 'restcomm-connect', 'twilio'] as const) {
      const call = await simulateCall({
        profile,
        rcml: rcml('<Record action="/save?session=9&amp;lang=en" method="get" maxLength="2"/>'),
        input: { speech: [[0, 10]] },
        respond: routes({ '/save': hangup }),
      });
      const url = new URL(call.requests[1]?.url ?? '');
      expect(url.pathname).toBe('/save');
      expect(url.searchParams.get('session')).toBe('9');
      expect(call.requests[1]?.params).toMatchObject({ session: '9', lang: 'en', Digits: '' });
      names[profile] = [...url.searchParams.keys()];
    }
    expect(names.restcomm?.slice(0, 3)).toEqual(['session', 'lang', 'CallSid']);
    expect(names.twilio?.slice(0, 3)).toEqual(['session', 'lang', 'CallSid']);
    expect(names['restcomm-connect']?.slice(-3)).toEqual(['Digits', 'session', 'lang']);
  });
});
