import { describe, expect, it } from 'vitest';
import type { Notification, RecordingResult } from '../engine/events.ts';
import type { SimulatedCall, SimulatedRequest } from '../engine/simulate.ts';
import type { Answer } from './cli-respond.ts';
import {
  alignAnswers,
  callToJson,
  endedInError,
  formatNotification,
  formatRecording,
  formatTimeline,
} from './cli-timeline.ts';

const DOC = 'https://app.example.com/voice.xml';
const SID = `RE${'a'.repeat(32)}`;

function request(
  url: string,
  purpose: SimulatedRequest['purpose'],
  params: Record<string, string> = {},
): SimulatedRequest {
  return { method: 'POST', url, params, headers: {}, purpose, recordingSid: params.RecordingSid ?? null };
}

function recording(overrides: Partial<RecordingResult> = {}): RecordingResult {
  return {
    recordingSid: SID,
    samples: new Int16Array(8000),
    reason: 'timeout',
    digits: '',
    durationSeconds: 1,
    empty: false,
    media: 'audio_only',
    startSample: 4000,
    endSample: 12000,
    url: `https://app.example.com/Recordings/${SID}.wav`,
    publicUrl: `https://app.example.com/Recordings/${SID}.wav`,
    durationParam: '1',
    actionRequestId: 3,
    awaitsTranscript: false,
    ...overrides,
  };
}

const hangup: Answer = {
  kind: 'response',
  status: 200,
  contentType: 'text/xml',
  body: '<Response><Hangup/></Response>',
  rule: '“Catch-all”',
};

describe('alignAnswers', () => {
  it('pairs the answers respond gave with the requests, in order; the document requests get null', () => {
    const requests = [
      request(DOC, 'document'),
      request('https://app.example.com/a', 'redirect'),
      request(DOC, 'redirect'),
      request('https://app.example.com/b', 'redirect'),
    ];
    const answers = alignAnswers(requests, [
      { method: 'POST', url: 'https://app.example.com/a', params: {}, answer: hangup },
      {
        method: 'POST',
        url: 'https://app.example.com/b',
        params: {},
        answer: { kind: 'error', message: 'boom' },
      },
    ]);
    expect(answers).toEqual([null, hangup, null, { kind: 'error', message: 'boom' }]);
  });
});

describe('the timeline', () => {
  it('shows a recording before the request that carries it, with its span, reason and file', () => {
    const call: SimulatedCall = {
      requests: [
        request(DOC, 'document', { CallStatus: 'ringing' }),
        request('https://app.example.com/done', 'record-action', { RecordingSid: SID, Digits: '' }),
      ],
      recordings: [recording()],
      notifications: [],
      endReason: 'hangup',
      durationSeconds: 1.5,
      network: null,
    };
    const text = formatTimeline({
      call,
      answers: [null, hangup],
      documentUrl: DOC,
      documentName: 'voice.xml',
      recordingFiles: { [SID]: `out/${SID}.wav` },
    });
    expect(text).toBe(
      [
        '#1 POST https://app.example.com/voice.xml (document) → 200 text/xml, the document (voice.xml)',
        '     CallStatus  ringing',
        `   recording ${SID} by timeout: 1.000 s (0.500–1.500 s on the call clock) → out/${SID}.wav`,
        '#2 POST https://app.example.com/done (record-action) → 200 text/xml, rule “Catch-all”: "<Response><Hangup/></Response>"',
        `     RecordingSid  ${SID}`,
        '     Digits        ',
        'call ended: hangup after 1.500 s',
        '',
      ].join('\n'),
    );
  });

  it('lists a recording no request carries (empty: no action) after the requests, then the notifications and an error end', () => {
    const notification: Notification = {
      severity: 'error',
      code: 11200,
      message: 'HTTP retrieval failure: no response\nwithin 15 s',
      line: 3,
      column: 5,
      url: DOC,
      requestId: 2,
    };
    const call: SimulatedCall = {
      requests: [request(DOC, 'document'), request('https://app.example.com/next', 'redirect')],
      recordings: [
        recording({
          empty: true,
          reason: 'finishOnKey',
          digits: '#',
          durationParam: null,
          actionRequestId: null,
        }),
      ],
      notifications: [notification],
      endReason: 'http-error',
      durationSeconds: 2,
      network: null,
    };
    const text = formatTimeline({
      call,
      answers: [null, { kind: 'error', message: 'no response within 15 s' }],
      documentUrl: DOC,
      documentName: 'voice.xml',
    });
    expect(text.split('\n')).toEqual([
      '#1 POST https://app.example.com/voice.xml (document) → 200 text/xml, the document (voice.xml)',
      '#2 POST https://app.example.com/next (redirect) → no response: no response within 15 s',
      `   recording ${SID} by finishOnKey, Digits "#": 1.000 s (0.500–1.500 s on the call clock), empty (no speech)`,
      'notifications:',
      '   error 11200 voice.xml:3:5 HTTP retrieval failure: no response within 15 s',
      'call ended: http-error (an error) after 2.000 s',
      '',
    ]);
  });

  it('names positions in other documents by their URL, and those without a position by the URL alone', () => {
    const base = { severity: 'warning' as const, code: 21402, message: 'URL not found', requestId: null };
    expect(
      formatNotification({ ...base, line: 2, column: 1, url: 'https://app.example.com/next' }, DOC, 'v.xml'),
    ).toBe('   warning 21402 https://app.example.com/next:2:1 URL not found');
    expect(
      formatNotification({ ...base, line: 0, column: 0, url: 'https://app.example.com/next' }, DOC, 'v.xml'),
    ).toBe('   warning 21402 https://app.example.com/next URL not found');
    expect(formatRecording(recording({ reason: 'hangup', digits: 'hangup' }))).toBe(
      `   recording ${SID} by hangup, Digits "hangup": 1.000 s (0.500–1.500 s on the call clock)`,
    );
  });

  it('counts document, HTTP, not-found and loop-guard ends as errors, the others not', () => {
    expect(['document-error', 'http-error', 'not-found', 'loop-guard'].every(endedInError)).toBe(true);
    expect(
      ['hangup', 'caller-hangup', 'end-of-document', 'rejected', 'busy', 'max-seconds'].some(endedInError),
    ).toBe(false);
  });

  it('--json leaves the samples out and says where each recording was written', () => {
    const call: SimulatedCall = {
      requests: [request(DOC, 'document')],
      recordings: [recording()],
      notifications: [],
      endReason: 'hangup',
      durationSeconds: 1.5,
      network: null,
    };
    const json = callToJson({
      call,
      answers: [null],
      documentUrl: DOC,
      documentName: 'v.xml',
      recordingFiles: { [SID]: 'x.wav' },
    }) as {
      recordings: Record<string, unknown>[];
    };
    expect(json.recordings[0]).toMatchObject({
      recordingSid: SID,
      samplesLength: 8000,
      startSeconds: 0.5,
      endSeconds: 1.5,
      file: 'x.wav',
    });
    expect(json.recordings[0]).not.toHaveProperty('samples');
  });
});
