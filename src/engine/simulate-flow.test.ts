import { describe, expect, it } from 'vitest';
import { simulateCall, type SimulatedResponse } from './simulate.ts';
import { DOC, rcml, routes } from './test-support.ts';

const hangup = rcml('<Hangup/>');
const record = (attributes: string) => rcml(`<Record ${attributes}/>`);

describe('call flow', () => {
  it('Record → action → Say → Record → action → Hangup', async () => {
    const call = await simulateCall({
      rcml: record('action="/step2" finishOnKey="#"'),
      input: { speech: [[0, 20]], keys: [[1.5, '#']] },
      respond: routes({
        '/step2': rcml('<Say>Thanks</Say><Record action="step3" maxLength="2"/><Say>unreachable</Say>'),
        '/step3': hangup,
      }),
    });
    expect(call.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${DOC}`,
      'POST https://app.example.com/step2',
      'POST https://app.example.com/step3',
    ]);
    expect(call.recordings.map((r) => [r.reason, r.digits, r.samples.length])).toEqual([
      ['finishOnKey', '#', 8000],
      ['maxLength', '', 16000],
    ]);
    expect(call.requests[1]?.params.RecordingUrl).toContain(call.recordings[0]?.recordingSid);
    expect(call.requests[2]?.params.RecordingUrl).toContain(call.recordings[1]?.recordingSid);
    expect(call.recordings[0]?.recordingSid).not.toBe(call.recordings[1]?.recordingSid);
    expect(call.notifications).toEqual([]);
    expect(call.endReason).toBe('hangup');
  });

  it('GET puts the parameters in the query; POST sends them as the form', async () => {
    const call = await simulateCall({
      rcml: record('action="/save?session=9" method="GET" maxLength="2"'),
      input: { speech: [[0, 10]] },
      respond: routes({ '/save': rcml('<Redirect method="POST">/after?x=1</Redirect>'), '/after': hangup }),
    });
    const get = call.requests[1];
    expect(get?.method).toBe('GET');
    const url = new URL(get?.url ?? '');
    expect(url.pathname).toBe('/save');
    expect(url.searchParams.get('session')).toBe('9');
    expect(url.searchParams.get('Digits')).toBe('');
    expect(url.searchParams.get('RecordingDuration')).toBe('2');
    expect(get?.params).toEqual(Object.fromEntries(url.searchParams));
    const post = call.requests[2];
    expect(post?.method).toBe('POST');
    expect(post?.url).toBe('https://app.example.com/after?x=1');
    expect(post?.params).not.toHaveProperty('x');
    expect(post?.params.CallStatus).toBe('in-progress');
  });

  it('resolves relative actions against the URL of the document that holds the verb', async () => {
    const call = await simulateCall({
      rcml: rcml('<Redirect>/ivr/menu.xml</Redirect>'),
      input: { speech: [[0, 30]] },
      respond: routes({
        '/ivr/menu.xml': record('action="save" maxLength="2"'),
        '/ivr/save': record('action="../top?a=1" maxLength="2"'),
        '/top': record('action="https://other.example.org/abs" maxLength="2"'),
        '/abs': record('maxLength="2"'),
      }),
      maxSeconds: 20,
    });
    expect(call.requests.map((r) => r.url).slice(0, 6)).toEqual([
      DOC,
      'https://app.example.com/ivr/menu.xml',
      'https://app.example.com/ivr/save',
      'https://app.example.com/top?a=1',
      'https://other.example.org/abs',
      // no action: the holding document's URL again
      'https://other.example.org/abs',
    ]);
  });

  it('Record without action re-requests the document (warning 19001)', async () => {
    const call = await simulateCall({
      rcml: record('maxLength="2"'),
      input: { speech: [[0, 4]] },
    });
    expect(call.notifications.map((n) => n.code)).toContain(19001);
    expect(call.requests.slice(0, 2).map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${DOC}`,
      `POST ${DOC}`,
    ]);
    expect(call.requests[1]?.params.RecordingDuration).toBe('2');
  });

  it('Pause lasts its length on the sample clock', async () => {
    const call = await simulateCall({ rcml: rcml('<Pause length="3"/>') });
    expect(call.durationSeconds).toBe(3);
    expect(call.endReason).toBe('end-of-document');
    const two = await simulateCall({ rcml: rcml('<Pause/><Pause length="2"/>') });
    expect(two.durationSeconds).toBe(3);
  });

  it('Say lasts 0.4 s per word (at least 0.5 s) times loop; Play 1 s times loop', async () => {
    const say = await simulateCall({
      rcml: rcml('<Say loop="2">one two three four five</Say><Say>hi</Say>'),
    });
    expect(say.durationSeconds).toBe(4.5);
    const play = await simulateCall({ rcml: rcml('<Play loop="3">/tone.wav</Play>') });
    expect(play.durationSeconds).toBe(3);
  });

  it('Hangup ends the call; verbs after it do not run', async () => {
    const call = await simulateCall({ rcml: rcml('<Hangup/><Pause length="5"/>') });
    expect(call).toMatchObject({ endReason: 'hangup', durationSeconds: 0 });
  });

  it('hang-up during a Say ends the call with no request', async () => {
    const call = await simulateCall({
      rcml: rcml('<Say>a long sentence of many many words</Say><Record/>'),
      input: { hangupAtSeconds: 1 },
    });
    expect(call).toMatchObject({ endReason: 'caller-hangup', durationSeconds: 1, recordings: [] });
    expect(call.requests).toHaveLength(1);
  });

  it('Reject as the first verb rejects the call', async () => {
    const rejected = await simulateCall({ rcml: rcml('<Reject/><Say>never</Say>') });
    expect(rejected).toMatchObject({ endReason: 'rejected', durationSeconds: 0 });
    const busy = await simulateCall({ rcml: rcml('<Reject reason="busy"/>') });
    expect(busy.endReason).toBe('busy');
  });

  it('Reject after the call was answered is skipped with a warning', async () => {
    const call = await simulateCall({ rcml: rcml('<Say>Hi</Say><Reject/><Pause length="1"/>') });
    expect(call.endReason).toBe('end-of-document');
    expect(call.durationSeconds).toBe(1.5);
    expect(call.notifications.filter((n) => n.code === 19005)).toHaveLength(1);
    const later = await simulateCall({
      rcml: rcml('<Redirect>/next</Redirect>'),
      respond: routes({ '/next': rcml('<Reject/><Pause length="1"/>') }),
    });
    expect(later.endReason).toBe('end-of-document');
    expect(later.notifications).toMatchObject([
      { code: 19005, severity: 'warning', url: 'https://app.example.com/next', line: 1, column: 11 },
    ]);
  });
});

describe('responses (SPEC §5)', () => {
  const cases: [string, SimulatedResponse | Error, number, string, string][] = [
    ['200 not XML', { contentType: 'text/plain', body: 'hello' }, 12100, 'error', 'document-error'],
    ['200 XML that does not parse', { body: '<Response><Say>' }, 12100, 'error', 'document-error'],
    ['404', { status: 404, contentType: 'text/html', body: 'gone' }, 21402, 'warning', 'not-found'],
    ['500', { status: 500, body: 'oops' }, 11200, 'error', 'http-error'],
    ['302', { status: 302, body: '' }, 11200, 'error', 'http-error'],
    ['a network error', new Error('connection refused'), 11200, 'error', 'http-error'],
  ];
  for (const [name, response, code, severity, endReason] of cases) {
    it(`${name} → ${code}, the call ends`, async () => {
      const call = await simulateCall({
        rcml: rcml('\n  <Record action="/done" maxLength="2"/>'),
        input: { speech: [[0, 10]] },
        respond: () => {
          if (response instanceof Error) throw response;
          return response;
        },
      });
      expect(call.requests).toHaveLength(2);
      expect(call.endReason).toBe(endReason);
      const notification = call.notifications.find((n) => n.code === code);
      expect(notification).toMatchObject({ code, severity, requestId: expect.any(Number) });
      if (code === 12100 && name.includes('parse')) {
        expect(notification).toMatchObject({ url: 'https://app.example.com/done', line: 1 });
      } else if (code !== 12100) {
        // HTTP failures point at the verb that made the request.
        expect(notification).toMatchObject({ url: DOC, line: 2, column: 3 });
      }
    });
  }

  it('application/xml with a charset is XML', async () => {
    const call = await simulateCall({
      rcml: rcml('<Redirect>/next</Redirect>'),
      respond: () => ({ contentType: 'application/xml; charset=utf-8', body: rcml('<Pause length="1"/>') }),
    });
    expect(call).toMatchObject({ endReason: 'end-of-document', durationSeconds: 1, notifications: [] });
  });

  it('a response with no verbs hangs up', async () => {
    const call = await simulateCall({
      rcml: rcml('<Redirect>/next</Redirect><Pause/>'),
      respond: () => ({ body: '<Response></Response>' }),
    });
    expect(call).toMatchObject({ endReason: 'end-of-document', durationSeconds: 0 });
  });

  it('warnings in a response are notified with its URL, and the call runs on', async () => {
    const call = await simulateCall({
      rcml: rcml('<Redirect>/next</Redirect>'),
      respond: () => ({ body: '<Response>\n<Pause length="x"/></Response>' }),
    });
    expect(call.notifications).toMatchObject([
      { code: 13910, severity: 'warning', url: 'https://app.example.com/next', line: 2 },
    ]);
    expect(call.durationSeconds).toBe(1);
  });

  it('errors in the first document: notified, the call does not start', async () => {
    const call = await simulateCall({ rcml: '<Response><Record action="ftp://x/y"/></Response>' });
    expect(call.notifications.map((n) => [n.code, n.severity, n.url])).toEqual([[11100, 'error', DOC]]);
    expect(call).toMatchObject({ endReason: 'document-error', durationSeconds: 0, recordings: [] });
    expect(call.requests).toHaveLength(1);
    const broken = await simulateCall({ rcml: '<Response><Say>' });
    expect(broken.notifications[0]).toMatchObject({ code: 12100, severity: 'error' });
    expect(broken.endReason).toBe('document-error');
  });

  it('an invalid URL in a response document ends the call (11100)', async () => {
    const call = await simulateCall({
      rcml: rcml('<Redirect>/next</Redirect>'),
      respond: () => ({ body: rcml('<Play>javascript:alert(1)</Play>') }),
    });
    expect(call.notifications.map((n) => n.code)).toEqual([11100]);
    expect(call.endReason).toBe('document-error');
  });
});

describe('loop guard (19004)', () => {
  it('a Redirect to the document itself: 10 requests in a row without caller input', async () => {
    const call = await simulateCall({ rcml: rcml('<Redirect>voice.xml</Redirect>') });
    expect(call.requests).toHaveLength(10);
    expect(call.requests.every((r) => r.url === DOC)).toBe(true);
    expect(call.notifications.filter((n) => n.code === 19004)).toMatchObject([{ severity: 'error' }]);
    expect(call.endReason).toBe('loop-guard');
  });

  it('a Gather that falls through to a Redirect in silence', async () => {
    const call = await simulateCall({
      rcml: rcml('<Gather timeout="1"/><Redirect>voice.xml</Redirect>'),
      maxSeconds: 60,
    });
    expect(call.endReason).toBe('loop-guard');
    expect(call.requests).toHaveLength(10);
    expect(call.durationSeconds).toBe(10);
  });

  it('caller input resets the count, but more than 100 requests end the call', async () => {
    const call = await simulateCall({
      rcml: record('maxLength="2"'),
      input: { speech: [[0, 1000]] },
      maxSeconds: 1000,
    });
    expect(call.requests).toHaveLength(100);
    expect(call.recordings).toHaveLength(100);
    expect(call.endReason).toBe('loop-guard');
  });

  it('a Record without action in silence does not loop: the empty recording goes on to the next verb', async () => {
    const call = await simulateCall({ rcml: record('timeout="1"') });
    expect(call.requests).toHaveLength(1);
    expect(call.recordings).toMatchObject([{ empty: true, reason: 'timeout' }]);
    expect(call.endReason).toBe('end-of-document');
  });
});

describe('<Gather>', () => {
  it('numDigits: a key during the prompt stops it and counts', async () => {
    const call = await simulateCall({
      rcml: rcml('<Gather action="/g" numDigits="3"><Say>Enter your code now please</Say></Gather>'),
      input: {
        keys: [
          [0.5, '1'],
          [1, '2'],
          [1.25, '3'],
        ],
      },
      respond: routes({ '/g': hangup }),
    });
    expect(call.requests[1]).toMatchObject({ method: 'POST', url: 'https://app.example.com/g' });
    expect(call.requests[1]?.params.Digits).toBe('123');
    expect(call.durationSeconds).toBe(1.25);
  });

  it('finishOnKey submits the digits without the key', async () => {
    const call = await simulateCall({
      rcml: rcml('<Gather action="/g" method="GET"/>'),
      input: {
        keys: [
          [1, '4'],
          [2, '2'],
          [3, '#'],
        ],
      },
      respond: routes({ '/g': hangup }),
    });
    expect(call.requests[1]?.method).toBe('GET');
    expect(call.requests[1]?.params.Digits).toBe('42');
  });

  it('a timeout after some digits submits them', async () => {
    const call = await simulateCall({
      rcml: rcml('<Gather action="/g" timeout="2"><Pause length="1"/></Gather>'),
      input: { keys: [[0.5, '9']] },
      respond: routes({ '/g': hangup }),
    });
    expect(call.requests[1]?.params.Digits).toBe('9');
    expect(call.durationSeconds).toBe(2.5);
  });

  it('no input: the next verb runs; the timeout counts after the prompts', async () => {
    const call = await simulateCall({
      rcml: rcml(
        '<Gather action="/g" timeout="2"><Say>one two three four five</Say></Gather><Pause length="1"/>',
      ),
      respond: routes({ '/g': hangup }),
    });
    expect(call.requests).toHaveLength(1);
    expect(call.durationSeconds).toBe(5);
    expect(call.endReason).toBe('end-of-document');
  });

  it('without action the digits go to the document URL', async () => {
    const call = await simulateCall({
      rcml: rcml('<Gather numDigits="1"/>'),
      input: { keys: [[0.5, '5']] },
      maxSeconds: 5,
    });
    expect(call.requests[1]).toMatchObject({ method: 'POST', url: DOC });
    expect(call.requests[1]?.params.Digits).toBe('5');
  });
});
