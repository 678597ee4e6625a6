import { describe, expect, it } from 'vitest';
import {
  ACTION_EMPTY,
  INVALID_URL,
  RECORD_ACTION_MISSING,
  RECORD_ATTRIBUTE_INVALID,
  RECORD_FINISH_ON_KEY_INVALID,
  RECORD_METHOD_INVALID,
  UNCHECKED_VALUE,
} from './codes.ts';
import { parseRcml } from './parse.ts';
import { positionOf, tuples, type DiagnosticTuple } from './test-helpers.ts';
import { PROFILE_NAMES, type ProfileName, type RecordVerb } from './types.ts';

/** A document whose only verb is `<Record action="/done" …>` on line 2, column 3. */
function recordDocument(attributes: string, withAction = true): string {
  return `<Response>\n  <Record ${withAction ? 'action="/done" ' : ''}${attributes}/>\n</Response>`;
}

interface Row {
  /** Attributes of the `<Record>` (besides `action="/done"`, unless `withAction` is false). */
  attributes: string;
  withAction?: boolean;
  profiles?: readonly ProfileName[];
  expected: Partial<RecordVerb>;
  /** `[severity, code, text at which the diagnostic points]`; `<Record` for the element. */
  diagnostics?: [DiagnosticTuple[0], number, string][];
}

const ALL = PROFILE_NAMES;
const NOT_TWILIO: ProfileName[] = ['restcomm', 'restcomm-connect'];
const NOT_RC: ProfileName[] = ['restcomm', 'twilio'];

const DEFAULTS: Partial<RecordVerb> = {
  method: 'POST',
  timeoutSeconds: 5,
  finishOnKey: '1234567890*#',
  maxLengthSeconds: 3600,
  playBeep: true,
  media: 'audio_only',
};

const ROWS: Row[] = [
  // Defaults
  { attributes: '', expected: { ...DEFAULTS, action: '/done' } },
  { attributes: '', profiles: NOT_TWILIO, expected: { trim: 'do-not-trim' } },
  { attributes: '', profiles: ['twilio'], expected: { trim: 'trim-silence' } },
  // action
  {
    attributes: '',
    withAction: false,
    profiles: NOT_RC,
    expected: { ...DEFAULTS, action: '' },
    diagnostics: [['warning', RECORD_ACTION_MISSING, '<Record']],
  },
  {
    attributes: '',
    withAction: false,
    profiles: ['restcomm-connect'],
    expected: { ...DEFAULTS, action: null },
  },
  {
    attributes: 'action=""',
    withAction: false,
    profiles: NOT_RC,
    expected: { action: '', waitsForHangup: false },
    diagnostics: [['warning', ACTION_EMPTY, 'action=']],
  },
  // restcomm-connect: no request, nothing more runs, the call waits for a hang-up (SPEC §7).
  {
    attributes: 'action=""',
    withAction: false,
    profiles: ['restcomm-connect'],
    expected: { action: '', waitsForHangup: true },
    diagnostics: [['warning', ACTION_EMPTY, 'action=']],
  },
  {
    attributes: 'action="   "',
    withAction: false,
    expected: { action: '' },
    diagnostics: [['warning', ACTION_EMPTY, 'action=']],
  },
  {
    attributes: 'action=" https://example.com/vm?a=1&amp;b=2 "',
    withAction: false,
    expected: { action: 'https://example.com/vm?a=1&b=2' },
  },
  { attributes: 'action="next.xml"', withAction: false, expected: { action: 'next.xml' } },
  {
    attributes: 'action="../up/next?x=1#frag"',
    withAction: false,
    expected: { action: '../up/next?x=1#frag' },
  },
  {
    attributes: 'action="//cdn.example.com/x"',
    withAction: false,
    expected: { action: '//cdn.example.com/x' },
  },
  {
    attributes: 'action="HTTP://EXAMPLE.COM/A"',
    withAction: false,
    expected: { action: 'HTTP://EXAMPLE.COM/A' },
  },
  {
    attributes: 'action="ftp://example.com/a"',
    withAction: false,
    diagnostics: [['error', INVALID_URL, 'action=']],
    expected: {},
  },
  {
    attributes: 'action="javascript:alert(1)"',
    withAction: false,
    diagnostics: [['error', INVALID_URL, 'action=']],
    expected: {},
  },
  {
    attributes: 'action="http://exa mple.com/"',
    withAction: false,
    diagnostics: [['error', INVALID_URL, 'action=']],
    expected: {},
  },
  {
    attributes: 'action="http://[::1/x"',
    withAction: false,
    diagnostics: [['error', INVALID_URL, 'action=']],
    expected: {},
  },
  // method
  { attributes: 'method="GET"', expected: { method: 'GET' } },
  { attributes: 'method="get"', expected: { method: 'GET' } },
  { attributes: 'method=" pOsT "', expected: { method: 'POST' } },
  {
    attributes: 'method="PUT"',
    expected: { method: 'POST' },
    diagnostics: [['warning', RECORD_METHOD_INVALID, 'method=']],
  },
  {
    attributes: 'method=""',
    profiles: NOT_RC,
    expected: { method: 'POST' },
    diagnostics: [['warning', RECORD_METHOD_INVALID, 'method=']],
  },
  // restcomm-connect reads an empty value as its default, silently (SPEC §7).
  { attributes: 'method=""', profiles: ['restcomm-connect'], expected: { method: 'POST' } },
  // timeout
  { attributes: 'timeout="10"', expected: { timeoutSeconds: 10 } },
  { attributes: 'timeout=" 7 "', expected: { timeoutSeconds: 7 } },
  { attributes: 'timeout="1"', expected: { timeoutSeconds: 1 } },
  {
    attributes: 'timeout="0"',
    profiles: ['restcomm'],
    expected: { timeoutSeconds: 5 },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'timeout=']],
  },
  { attributes: 'timeout="0"', profiles: ['twilio'], expected: { timeoutSeconds: 0 } },
  ...['-1', 'abc', '1.5', '', '5s', '1e3', '+5'].map((value): Row => ({
    attributes: `timeout="${value}"`,
    profiles: NOT_RC,
    expected: { timeoutSeconds: 5 },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'timeout=']],
  })),
  // restcomm-connect: whatever Integer.parseInt reads is used as it is; ≤ 0 is said with 19009 (SPEC §7).
  ...(
    [
      ['0', 0],
      ['-1', -1],
    ] as const
  ).map(([value, seconds]): Row => ({
    attributes: `timeout="${value}"`,
    profiles: ['restcomm-connect'],
    expected: { timeoutSeconds: seconds },
    diagnostics: [['warning', UNCHECKED_VALUE, 'timeout=']],
  })),
  ...(
    [
      ['+5', 5],
      ['007', 7],
      ['\u0665', 5],
      ['', 5],
      ['2147483647', 2147483647],
    ] as const
  ).map(([value, seconds]): Row => ({
    attributes: `timeout="${value}"`,
    profiles: ['restcomm-connect'],
    expected: { timeoutSeconds: seconds },
  })),
  ...['abc', '1.5', '5s', '1e3', '2147483648', '+-1'].map((value): Row => ({
    attributes: `timeout="${value}"`,
    profiles: ['restcomm-connect'],
    expected: { timeoutSeconds: 5 },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'timeout=']],
  })),
  // finishOnKey
  { attributes: 'finishOnKey="#"', expected: { finishOnKey: '#' } },
  { attributes: 'finishOnKey=" * "', expected: { finishOnKey: '*' } },
  { attributes: 'finishOnKey="1234567890*#"', expected: { finishOnKey: '1234567890*#' } },
  { attributes: 'finishOnKey="-1"', expected: { finishOnKey: '' } },
  ...['', ' '].map((value): Row => ({
    attributes: `finishOnKey="${value}"`,
    profiles: NOT_RC,
    expected: { finishOnKey: '#' },
    diagnostics: [['warning', RECORD_FINISH_ON_KEY_INVALID, 'finishOnKey=']],
  })),
  ...['', ' '].map((value): Row => ({
    attributes: `finishOnKey="${value}"`,
    profiles: ['restcomm-connect'],
    expected: { finishOnKey: '#' },
  })),
  ...['-1#', 'A', '1234567890*#1', '#,*'].map((value): Row => ({
    attributes: `finishOnKey="${value}"`,
    expected: { finishOnKey: '#' },
    diagnostics: [['warning', RECORD_FINISH_ON_KEY_INVALID, 'finishOnKey=']],
  })),
  // maxLength
  { attributes: 'maxLength="2"', expected: { maxLengthSeconds: 2 } },
  { attributes: 'maxLength="30"', expected: { maxLengthSeconds: 30 } },
  ...['1', '0', '-5', 'abc', '', '2.5'].map((value): Row => ({
    attributes: `maxLength="${value}"`,
    profiles: NOT_RC,
    expected: { maxLengthSeconds: 3600 },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'maxLength=']],
  })),
  { attributes: 'maxLength="14400"', expected: { maxLengthSeconds: 14400 } },
  // twilio: at most 14400 (4 hours) (SPEC §7).
  {
    attributes: 'maxLength="14401"',
    profiles: ['twilio'],
    expected: { maxLengthSeconds: 14400 },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'maxLength=']],
  },
  { attributes: 'maxLength="86400"', profiles: NOT_TWILIO, expected: { maxLengthSeconds: 86400 } },
  { attributes: 'maxLength="1"', profiles: ['restcomm-connect'], expected: { maxLengthSeconds: 1 } },
  { attributes: 'maxLength=""', profiles: ['restcomm-connect'], expected: { maxLengthSeconds: 3600 } },
  ...(
    [
      ['0', 0],
      ['-5', -5],
    ] as const
  ).map(([value, seconds]): Row => ({
    attributes: `maxLength="${value}"`,
    profiles: ['restcomm-connect'],
    expected: { maxLengthSeconds: seconds },
    diagnostics: [['warning', UNCHECKED_VALUE, 'maxLength=']],
  })),
  ...['abc', '2.5'].map((value): Row => ({
    attributes: `maxLength="${value}"`,
    profiles: ['restcomm-connect'],
    expected: { maxLengthSeconds: 3600 },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'maxLength=']],
  })),
  // playBeep
  { attributes: 'playBeep="false"', expected: { playBeep: false } },
  { attributes: 'playBeep="FALSE"', expected: { playBeep: false } },
  { attributes: 'playBeep="True"', expected: { playBeep: true } },
  { attributes: 'playBeep=" true "', expected: { playBeep: true } },
  ...['yes', '', '0', '1'].flatMap((value): Row[] => [
    {
      attributes: `playBeep="${value}"`,
      profiles: NOT_RC,
      expected: { playBeep: true },
      diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'playBeep=']],
    },
    {
      attributes: `playBeep="${value}"`,
      profiles: ['restcomm-connect'],
      // Empty is the default (true), silently; anything else but true is false (Boolean.parseBoolean).
      expected: { playBeep: value === '' },
    },
  ]),
  // media
  { attributes: 'media="audio_only"', expected: { media: 'audio_only' } },
  // Video values are recorded with the camera: no warning at parse time (19003 is the call's, without one).
  { attributes: 'media="video_only"', expected: { media: 'video_only' } },
  { attributes: 'media="audio_video"', expected: { media: 'audio_video' } },
  ...['video', 'AUDIO_ONLY', ''].map((value): Row => ({
    attributes: `media="${value}"`,
    profiles: value === '' ? NOT_RC : ALL,
    expected: { media: 'audio_only' },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'media=']],
  })),
  { attributes: 'media=""', profiles: ['restcomm-connect'], expected: { media: 'audio_only' } },
  // trim (twilio only)
  { attributes: 'trim="do-not-trim"', profiles: ['twilio'], expected: { trim: 'do-not-trim' } },
  { attributes: 'trim="trim-silence"', profiles: ['twilio'], expected: { trim: 'trim-silence' } },
  {
    attributes: 'trim="bogus"',
    profiles: ['twilio'],
    expected: { trim: 'trim-silence' },
    diagnostics: [['warning', RECORD_ATTRIBUTE_INVALID, 'trim=']],
  },
  { attributes: 'trim="trim-silence"', profiles: NOT_TWILIO, expected: { trim: 'do-not-trim' } },
  { attributes: 'trim="bogus"', profiles: NOT_TWILIO, expected: { trim: 'do-not-trim' } },
  // Several at once: each reported at its own attribute, in document order
  {
    attributes: 'maxLength="x" method="PUT" timeout="y"',
    expected: { maxLengthSeconds: 3600, method: 'POST', timeoutSeconds: 5 },
    diagnostics: [
      ['warning', RECORD_ATTRIBUTE_INVALID, 'maxLength='],
      ['warning', RECORD_METHOD_INVALID, 'method='],
      ['warning', RECORD_ATTRIBUTE_INVALID, 'timeout='],
    ],
  },
];

const CASES = ROWS.flatMap((row) => (row.profiles ?? ALL).map((profile) => ({ ...row, profile })));

describe('<Record> attributes (SPEC §2)', () => {
  it.each(CASES)(
    '$profile: <Record $attributes>',
    ({ attributes, withAction, profile, expected, diagnostics }) => {
      const text = recordDocument(attributes, withAction);
      const result = parseRcml(text, { profile });
      const expectedTuples = (diagnostics ?? []).map(([severity, code, at]): DiagnosticTuple => {
        const { line, column } = positionOf(text, at);
        return [severity, code, line, column];
      });
      expect(tuples(result.diagnostics)).toEqual(expectedTuples);
      const hasError = expectedTuples.some(([severity]) => severity === 'error');
      if (hasError) {
        expect(result.document).toBeNull();
        return;
      }
      expect(result.document?.verbs).toHaveLength(1);
      expect(result.document?.verbs[0]).toMatchObject({
        kind: 'Record',
        position: { line: 2, column: 3 },
        ...expected,
      });
    },
  );

  it('names the verb, the attribute and the bad value in each message', () => {
    const text = recordDocument(
      'timeout="abc" finishOnKey="A" method="PUT" maxLength="1" playBeep="maybe" media="tape"',
    );
    const messages = parseRcml(text).diagnostics.map((diagnostic) => diagnostic.message);
    expect(messages).toEqual([
      expect.stringMatching(/<Record> timeout="abc".*5/),
      expect.stringMatching(/<Record> finishOnKey="A".*#/),
      expect.stringMatching(/<Record> method="PUT".*POST/),
      expect.stringMatching(/<Record> maxLength="1".*3600/),
      expect.stringMatching(/<Record> playBeep="maybe".*true/),
      expect.stringMatching(/<Record> media="tape".*audio_only/),
    ]);
    const urlMessage = parseRcml(recordDocument('action="ftp://x/y"', false)).diagnostics[0]?.message;
    expect(urlMessage).toMatch(/<Record> action="ftp:\/\/x\/y".*ftp/);
  });

  it('points at attributes on continuation lines, in single quotes, and after CRLF line ends', () => {
    const text =
      "<Response>\r\n\t<Record\r\n\t\taction='/a'\r\n\t\ttimeout = 'x' maxLength=\"1\"/>\r\n</Response>";
    const result = parseRcml(text);
    expect(tuples(result.diagnostics)).toEqual([
      ['warning', RECORD_ATTRIBUTE_INVALID, 4, 3],
      ['warning', RECORD_ATTRIBUTE_INVALID, 4, 17],
    ]);
    expect(result.document?.verbs[0]?.position).toEqual({ line: 2, column: 2 });
  });

  it('reads values written with references', () => {
    const text = recordDocument('finishOnKey="&#x23;&#42;" method="&#71;ET"');
    expect(parseRcml(text).document?.verbs[0]).toMatchObject({ finishOnKey: '#*', method: 'GET' });
  });

  it('treats attribute names as case-sensitive', () => {
    const text = recordDocument('Timeout="x" MAXLENGTH="1"');
    const result = parseRcml(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs[0]).toMatchObject({ timeoutSeconds: 5, maxLengthSeconds: 3600 });
  });
});
