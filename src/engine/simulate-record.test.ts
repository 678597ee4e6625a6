import { describe, expect, it } from 'vitest';
import { BEEP_SAMPLES, BEEP_SECONDS, simulateCall } from './simulate.ts';
import { CALL_PARAM_NAMES, DOC, lastSpeechFrameEnd, rcml, routes } from './test-support.ts';

const hangup = rcml('<Hangup/>');

describe('<Record> stop reasons (restcomm)', () => {
  it('maxLength: exactly maxLength × 8000 samples in the file', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" maxLength="2" timeout="10"/>'),
      input: { speech: [[0, 60]] },
      respond: routes({ '/done': hangup }),
    });
    expect(BEEP_SECONDS).toBe(0.5);
    expect(BEEP_SAMPLES).toBe(4000);
    expect(call.recordings).toHaveLength(1);
    const [recording] = call.recordings;
    expect(recording?.samples.length).toBe(16000);
    expect(recording).toMatchObject({ reason: 'maxLength', digits: '', empty: false, durationSeconds: 2 });
    expect(call.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${DOC}`,
      'POST https://app.example.com/done',
    ]);
    const action = call.requests[1]?.params;
    expect(action).toMatchObject({ Digits: '', RecordingDuration: '2', CallStatus: 'in-progress' });
    expect(action?.RecordingUrl).toBe(
      `https://app.example.com/2012-04-24/Accounts/${action?.AccountSid}/Recordings/${recording?.recordingSid}.wav`,
    );
    expect(call.endReason).toBe('hangup');
  });

  it('maxLength splits the chunk that crosses the limit (odd lengths, no beep)', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/next" maxLength="3" playBeep="false"/>'),
      input: { speech: [[0, 60]] },
      respond: routes({ '/next': rcml('<Record action="/done" maxLength="2"/>'), '/done': hangup }),
    });
    expect(call.recordings.map((r) => r.samples.length)).toEqual([24000, 16000]);
  });

  it('finishOnKey: Digits is the key, the file ends at the key press', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done"/>'),
      input: { speech: [[0, 10]], keys: [[1.25, '7']] },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]).toMatchObject({ reason: 'finishOnKey', digits: '7', empty: false });
    expect(call.recordings[0]?.samples.length).toBe(10000 - BEEP_SAMPLES);
    expect(call.requests[1]?.params).toMatchObject({ Digits: '7', RecordingDuration: '1' });
  });

  it('keys not in finishOnKey are ignored and not reported', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" finishOnKey="#*"/>'),
      input: {
        speech: [[0, 10]],
        keys: [
          [1, '5'],
          [1.5, '1'],
          [2, '*'],
        ],
      },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings).toHaveLength(1);
    expect(call.recordings[0]).toMatchObject({ reason: 'finishOnKey', digits: '*' });
    expect(call.recordings[0]?.samples.length).toBe(16000 - BEEP_SAMPLES);
    expect(call.requests[1]?.params.Digits).toBe('*');
  });

  it('finishOnKey="-1": no key ends the recording', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" finishOnKey="-1" maxLength="2"/>'),
      input: {
        speech: [[0, 10]],
        keys: [
          [1, '#'],
          [1.5, '1'],
        ],
      },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]).toMatchObject({ reason: 'maxLength', digits: '' });
  });

  it('keys during the beep are ignored', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" maxLength="2"/>'),
      input: {
        speech: [[0, 10]],
        keys: [
          [0.1, '1'],
          [0.49, '#'],
        ],
      },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]).toMatchObject({ reason: 'maxLength', digits: '' });
    expect(call.recordings[0]?.samples.length).toBe(16000);
  });

  it('timeout after leading silence: empty recording, no request, the next verb runs', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" timeout="3"/><Say>Nothing heard</Say>'),
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings).toHaveLength(1);
    expect(call.recordings[0]).toMatchObject({ reason: 'timeout', digits: '', empty: true });
    expect(call.recordings[0]?.samples.length).toBe(24000);
    expect(call.requests).toHaveLength(1);
    expect(call.endReason).toBe('end-of-document');
    // beep + 3 s of silence + the Say (2 words: 0.8 s), to within one VAD frame.
    expect(call.durationSeconds).toBeGreaterThanOrEqual(4.3);
    expect(call.durationSeconds).toBeLessThan(4.3 + 0.033);
  });

  it('timeout after speech: counted from the end of the last speech; trailing silence stays in the file', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" timeout="2"/>'),
      input: { speech: [[1, 2]] },
      respond: routes({ '/done': hangup }),
    });
    const expected = lastSpeechFrameEnd(2) + 2 * 8000 - BEEP_SAMPLES;
    expect(call.recordings[0]).toMatchObject({ reason: 'timeout', digits: '', empty: false });
    expect(call.recordings[0]?.samples.length).toBe(expected);
    expect(call.requests[1]?.params).toMatchObject({
      Digits: '',
      RecordingDuration: String(Math.round(expected / 8000)),
    });
  });

  it('silence between two utterances shorter than timeout does not stop it', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" timeout="2"/>'),
      input: {
        speech: [
          [1, 2],
          [3.5, 4],
        ],
      },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]?.samples.length).toBe(lastSpeechFrameEnd(4) + 16000 - BEEP_SAMPLES);
  });

  it('hang-up while recording: Digits=hangup, CallStatus=completed, the response is not run', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done"/><Say>unreachable</Say>'),
      input: { speech: [[0, 10]], hangupAtSeconds: 2 },
      respond: routes({ '/done': rcml('<Say>never</Say><Pause length="5"/>') }),
    });
    expect(call.recordings[0]).toMatchObject({ reason: 'hangup', digits: 'hangup', empty: false });
    expect(call.recordings[0]?.samples.length).toBe(16000 - BEEP_SAMPLES);
    expect(call.requests).toHaveLength(2);
    expect(call.requests[1]?.params).toMatchObject({ Digits: 'hangup', CallStatus: 'completed' });
    expect(call.endReason).toBe('caller-hangup');
    expect(call.durationSeconds).toBe(2);
  });

  it('hang-up during the beep: empty recording, no request, the call ends', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done"/><Say>unreachable</Say>'),
      input: { speech: [[0, 10]], hangupAtSeconds: 0.25 },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings).toHaveLength(1);
    expect(call.recordings[0]).toMatchObject({ reason: 'hangup', digits: 'hangup', empty: true });
    expect(call.recordings[0]?.samples.length).toBe(0);
    expect(call.requests).toHaveLength(1);
    expect(call.endReason).toBe('caller-hangup');
  });

  it('playBeep="false": recording starts at once', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" playBeep="false"/>'),
      input: { speech: [[0, 10]], keys: [[1, '#']] },
      respond: routes({ '/done': hangup }),
    });
    expect(call.recordings[0]?.samples.length).toBe(8000);
  });

  it('the file holds the caller audio (the beep is not in it)', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" maxLength="2"/>'),
      input: { speech: [[0.5, 10]] },
      respond: routes({ '/done': hangup }),
    });
    const samples = call.recordings[0]?.samples ?? new Int16Array(0);
    expect(samples.some((s) => s !== 0)).toBe(true);
    expect(samples[8]).not.toBe(0);
  });

  it('every parameter of SPEC §4 is in every request', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" maxLength="2"/>'),
      caller: { from: '+15551112222', to: '+15553334444', callerName: 'Ada' },
      input: { speech: [[0, 10]] },
      respond: routes({ '/done': rcml('<Redirect method="GET">/next</Redirect>'), '/next': hangup }),
    });
    expect(call.requests).toHaveLength(3);
    for (const request of call.requests) {
      for (const name of CALL_PARAM_NAMES) expect(request.params).toHaveProperty(name);
      expect(request.params).toMatchObject({
        From: '+15551112222',
        To: '+15553334444',
        CallerName: 'Ada',
        ApiVersion: '2012-04-24',
        Direction: 'inbound',
      });
      expect(request.params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
      expect(request.params.AccountSid).toMatch(/^AC[0-9a-f]{32}$/);
      expect(request.params.CallSid).toBe(call.requests[0]?.params.CallSid);
    }
    expect(call.requests.map((r) => r.params.CallStatus)).toEqual(['ringing', 'in-progress', 'in-progress']);
    expect(Object.keys(call.requests[1]?.params ?? {})).toEqual([
      ...CALL_PARAM_NAMES,
      'RecordingUrl',
      'RecordingDuration',
      'Digits',
    ]);
    expect(call.recordings[0]?.recordingSid).toMatch(/^RE[0-9a-f]{32}$/);
  });

  it('is deterministic', async () => {
    const options = {
      rcml: rcml('<Record action="/done" timeout="2"/>'),
      input: { speech: [[1, 2]] as [number, number][] },
      respond: routes({ '/done': hangup }),
    };
    const a = await simulateCall(options);
    const b = await simulateCall(options);
    expect(b.requests).toEqual(a.requests);
    expect(b.recordings).toEqual(a.recordings);
  });
});

describe('<Record media> (SPEC §10: simulateCall records no video)', () => {
  it('each recording says its media; a video one holds the audio clock and its RecordingUrl ends in .mp4', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/video" maxLength="2" media="audio_video"/>'),
      input: { speech: [[0, 60]] },
      respond: routes({
        '/video': rcml('<Record action="/still" maxLength="3" media="video_only"/>'),
        '/still': rcml('<Record action="/done" maxLength="2"/>'),
        '/done': hangup,
      }),
    });
    expect(call.notifications.filter((n) => n.code === 19003)).toEqual([]);
    expect(call.recordings.map((r) => [r.media, r.samples.length, r.reason])).toEqual([
      ['audio_video', 16000, 'maxLength'],
      ['video_only', 24000, 'maxLength'],
      ['audio_only', 16000, 'maxLength'],
    ]);
    const urls = call.requests.slice(1).map((r) => r.params.RecordingUrl);
    expect(urls.map((url) => url?.slice(url.lastIndexOf('.')))).toEqual(['.mp4', '.mp4', '.wav']);
    expect(call.requests[1]?.params.RecordingDuration).toBe('2');
  });

  it('restcomm-connect: the file: RecordingUrl and the PublicRecordingUrl of a video end in .mp4', async () => {
    const call = await simulateCall({
      rcml: rcml('<Record action="/done" maxLength="2" media="video_only"/>'),
      profile: 'restcomm-connect',
      input: { speech: [[0, 60]] },
      respond: routes({ '/done': hangup }),
    });
    const params = call.requests[1]?.params;
    expect(params?.RecordingUrl).toMatch(/^file:\/\/\/.*\/RE[0-9a-f]{32}\.mp4$/);
    expect(params?.PublicRecordingUrl).toMatch(/^https:\/\/app\.example\.com\/.*\/RE[0-9a-f]{32}\.mp4$/);
    expect(call.recordings[0]?.media).toBe('video_only');
  });
});
