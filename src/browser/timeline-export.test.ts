import { describe, expect, it } from 'vitest';
import type { InspectorRequest, InspectorSnapshot } from './inspector-log.ts';
import type { RecordingEntry } from './recording-library.ts';
import { timelineHar, timelineItems, timelineJson } from './timeline-export.ts';

function request(number: number, clockSamples: number): InspectorRequest {
  return {
    number,
    engineId: number,
    purpose: number === 1 ? 'document' : 'record-action',
    method: 'POST',
    url: `https://app.example.com/${number}?a=1`,
    target: `https://app.example.com/${number}?a=1`,
    params: { CallSid: 'CA1', Digits: '#' },
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'CallSid=CA1&Digits=%23',
    recordingSid: null,
    background: false,
    clockSamples,
    startedAtMs: 123,
    resendOf: null,
    response: {
      status: 200,
      contentType: 'text/xml',
      headers: { 'content-type': 'text/xml' },
      body: '<Response/>',
      ruleId: 'catch-all',
      ruleLabel: '“Catch-all”',
      durationMs: 4,
    },
    error: null,
    live: null,
  };
}

const log: InspectorSnapshot = {
  requests: [request(1, 0), request(2, 16000)],
  notifications: [
    {
      severity: 'warning',
      code: 19001,
      message: 'm',
      line: 1,
      column: 2,
      url: null,
      requestId: null,
      requestNumber: null,
      clockSamples: 8000,
    },
  ],
};
const recording = {
  recordingSid: 'RE1',
  endSample: 12000,
  lengthSamples: 8000,
  reason: 'finishOnKey',
  digits: '#',
  durationParam: '1',
  empty: false,
  media: 'audio_only',
  url: 'u',
  requestNumber: 2,
} as RecordingEntry;

describe('the timeline', () => {
  it('orders requests, notifications and recordings by call-clock time', () => {
    expect(timelineItems(log, [recording]).map((i) => i.kind)).toEqual([
      'request',
      'notification',
      'recording',
      'request',
    ]);
  });

  it('exports JSON with the requests (as numbered), notifications and recordings', () => {
    const json = timelineJson(log, [recording], 'CA1', new Date('2026-12-01T00:00:00Z'));
    expect(json.exportedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(json.requests.map((r) => [r.number, r.purpose, r.response?.status])).toEqual([
      [1, 'document', 200],
      [2, 'record-action', 200],
    ]);
    expect(json.requests[0]).not.toHaveProperty('startedAtMs');
    expect(json.recordings).toEqual([
      {
        recordingSid: 'RE1',
        reason: 'finishOnKey',
        digits: '#',
        durationSeconds: 1,
        startSeconds: 0.5,
        endSeconds: 1.5,
        durationParam: '1',
        empty: false,
        media: 'audio_only',
        url: 'u',
        requestNumber: 2,
      },
    ]);
  });

  it('exports HAR 1.2 that devtools read: one entry per request, with query, form and response', () => {
    const har = timelineHar(log, new Date('2026-12-01T00:00:00Z'), '1') as {
      log: {
        version: string;
        entries: {
          startedDateTime: string;
          request: { queryString: unknown[]; postData: { params: unknown[] } };
          response: { status: number; content: { text: string } };
        }[];
      };
    };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(2);
    const second = har.log.entries[1]!;
    expect(second.startedDateTime).toBe('2026-12-01T00:00:02.000Z');
    expect(second.request.queryString).toEqual([{ name: 'a', value: '1' }]);
    expect(second.request.postData.params).toEqual([
      { name: 'CallSid', value: 'CA1' },
      { name: 'Digits', value: '#' },
    ]);
    expect(second.response).toMatchObject({ status: 200, content: { text: '<Response/>' } });
  });
});
