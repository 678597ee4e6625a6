import { describe, expect, test } from 'vitest';
import { InspectorLog } from '../browser/inspector-log.ts';
import type { RecordingEntry } from '../browser/recording-library.ts';
import { timelineJson } from '../browser/timeline-export.ts';
import { describeRequest, readTimeline } from './timeline.ts';

/** A call as the inspector logs it: the document, a Record action answered, a live request refused. */
function loggedCall(): InspectorLog {
  const log = new InspectorLog();
  const base = { target: '', headers: {}, body: null, recordingSid: null, background: false };
  const doc = log.addRequest(
    {
      ...base,
      id: 1,
      method: 'POST',
      url: 'https://app.example.com/voice.xml',
      target: 'https://app.example.com/voice.xml',
      params: { CallStatus: 'ringing' },
      purpose: 'document',
    },
    0,
    0,
    null,
  );
  log.complete(doc, {
    response: {
      status: 200,
      contentType: 'text/xml',
      headers: {},
      body: '<Response><Record action="/handle-recording"/></Response>',
      ruleId: 'document',
      ruleLabel: null,
      durationMs: 3,
    },
    error: null,
  });
  const action = log.addRequest(
    {
      ...base,
      id: 2,
      method: 'POST',
      url: 'https://app.example.com/handle-recording',
      target: 'https://app.example.com/handle-recording',
      params: { Digits: '#', RecordingDuration: '3' },
      purpose: 'record-action',
      recordingSid: 'RE1',
    },
    32000,
    4000,
    null,
  );
  log.complete(action, {
    response: {
      status: 200,
      contentType: 'text/xml',
      headers: {},
      body: '<Response><Hangup/></Response>',
      ruleId: 'rule-1',
      ruleLabel: 'rule 1',
      durationMs: 2,
    },
    error: null,
  });
  const live = log.addRequest(
    {
      ...base,
      id: 3,
      method: 'GET',
      url: 'http://127.0.0.1:3000/next?Digits=1',
      target: 'http://127.0.0.1:3000/next',
      params: { Digits: '1' },
      purpose: 'redirect',
    },
    40000,
    5000,
    { target: 'http://127.0.0.1:3000/next', address: null },
  );
  log.complete(live, { response: null, error: { code: 19010, message: 'refused' } });
  log.notify(
    { severity: 'error', code: 19010, message: 'refused', line: 1, column: 1, url: null, requestId: 3 },
    40000,
  );
  return log;
}

const recording: RecordingEntry = {
  recordingSid: 'RE1',
  url: 'https://app.example.com/recordings/RE1.wav',
  publicUrl: 'https://app.example.com/recordings/RE1.wav',
  reason: 'finishOnKey',
  digits: '#',
  durationSeconds: 3.2,
  lengthSamples: 25600,
  empty: false,
  media: 'audio_only',
  durationParam: '3',
  requestNumber: 2,
  callSid: 'CA1',
  endSample: 32000,
  savedAtMs: 0,
  interrupted: false,
  wav: new Uint8Array(),
  objectUrl: 'blob:x',
  video: null,
};

describe("the kit reads the app's Export JSON", () => {
  test('requests: purpose, method, url, params, status, body, live and error, in order', () => {
    const exported = JSON.stringify(
      timelineJson(loggedCall().snapshot, [recording], 'CA1', new Date(0)),
      null,
      2,
    );
    const timeline = readTimeline(exported);
    expect(timeline.callSid).toBe('CA1');
    expect(timeline.requests.map((r) => [r.number, r.purpose, r.method, r.status, r.live])).toEqual([
      [1, 'document', 'POST', 200, false],
      [2, 'record-action', 'POST', 200, false],
      [3, 'redirect', 'GET', null, true],
    ]);
    expect(timeline.requests[1]).toMatchObject({
      url: 'https://app.example.com/handle-recording',
      params: { Digits: '#', RecordingDuration: '3' },
      responseBody: '<Response><Hangup/></Response>',
      error: null,
    });
    expect(timeline.requests[2]!.error).toEqual({ code: 19010, message: 'refused' });
    expect(describeRequest(timeline.requests[2]!)).toBe(
      '#3 GET http://127.0.0.1:3000/next?Digits=1 → error 19010: refused',
    );
    expect(timeline.notifications).toEqual([
      { severity: 'error', code: 19010, message: 'refused', line: 1, column: 1, url: null },
    ]);
  });

  test("recordings: sid, reason, digits and the file's duration", () => {
    const timeline = readTimeline(
      JSON.stringify(timelineJson(loggedCall().snapshot, [recording], 'CA1', new Date(0))),
    );
    expect(timeline.recordings).toEqual([
      { recordingSid: 'RE1', reason: 'finishOnKey', digits: '#', durationSeconds: 3.2, empty: false },
    ]);
  });

  test('a file of another format says which field is wrong', () => {
    expect(() => readTimeline('{"requests": [{"number": 1}], "recordings": []}')).toThrow(
      /Export JSON is not in the format this kit reads: requests\[0\]\.purpose is undefined/,
    );
    expect(() => readTimeline('not json')).toThrow(/the file is not JSON/);
  });
});
