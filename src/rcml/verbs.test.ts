import { describe, expect, it } from 'vitest';
import {
  ACTION_EMPTY,
  GATHER_FINISH_ON_KEY_INVALID,
  GATHER_METHOD_INVALID,
  GATHER_NUM_DIGITS_INVALID,
  GATHER_TIMEOUT_INVALID,
  INVALID_URL,
  PAUSE_LENGTH_INVALID,
  PLAY_LOOP_INVALID,
  REDIRECT_METHOD_INVALID,
  REJECT_NOT_FIRST,
  REJECT_REASON_INVALID,
  SAY_LOOP_INVALID,
  SAY_VOICE_INVALID,
  SCHEMA_VIOLATION,
  VERB_NOT_SUPPORTED,
} from './codes.ts';
import { parseRcml } from './parse.ts';
import { positionOf, tuples, type DiagnosticTuple } from './test-helpers.ts';
import { PROFILE_NAMES, type ProfileName, type Verb } from './types.ts';
import { LOOP_UNTIL_HANGUP } from './verbs.ts';

interface Row {
  /** The verb as written; it sits on line 2, column 3. */
  verb: string;
  expected: Partial<Verb> & Record<string, unknown>;
  /** `[severity, code, text at which the diagnostic points]`. */
  diagnostics?: [DiagnosticTuple[0], number, string][];
  /** Every profile when absent. */
  profiles?: readonly ProfileName[];
}

const ROWS: Row[] = [
  // Say
  {
    verb: '<Say>Hello there</Say>',
    expected: { kind: 'Say', text: 'Hello there', voice: 'man', language: 'en', loop: 1 },
  },
  { verb: '<Say>\n   Hello  &amp; bye \n</Say>', expected: { text: 'Hello  & bye' } },
  {
    verb: '<Say><![CDATA[a < b & c]]></Say>',
    profiles: ['restcomm', 'twilio'],
    expected: { text: 'a < b & c' },
  },
  // Restcomm-Connect rewrites the text before parsing, CDATA sections included (SPEC §7).
  {
    verb: '<Say><![CDATA[a < b & c]]></Say>',
    profiles: ['restcomm-connect'],
    expected: { text: 'a < b &amp; c' },
  },
  { verb: '<Say/>', expected: { kind: 'Say', text: '' } },
  {
    verb: '<Say voice="woman" language="fr-FR" loop="3">x</Say>',
    expected: { voice: 'woman', language: 'fr-FR', loop: 3 },
  },
  { verb: '<Say voice=" alice ">x</Say>', expected: { voice: 'alice' } },
  { verb: '<Say voice="Polly.Joanna">x</Say>', expected: { voice: 'Polly.Joanna' } },
  { verb: '<Say language="">x</Say>', expected: { language: 'en' } },
  { verb: '<Say loop="0">x</Say>', expected: { loop: LOOP_UNTIL_HANGUP } },
  {
    verb: '<Say voice="robot">x</Say>',
    expected: { voice: 'man' },
    diagnostics: [['warning', SAY_VOICE_INVALID, 'voice=']],
  },
  {
    verb: '<Say loop="-1">x</Say>',
    expected: { loop: 1 },
    diagnostics: [['warning', SAY_LOOP_INVALID, 'loop=']],
  },
  {
    verb: '<Say loop="two">x</Say>',
    expected: { loop: 1 },
    diagnostics: [['warning', SAY_LOOP_INVALID, 'loop=']],
  },
  // Play
  {
    verb: '<Play>https://example.com/a.wav</Play>',
    expected: { kind: 'Play', url: 'https://example.com/a.wav', loop: 1 },
  },
  { verb: '<Play loop="2"> /media/beep.wav </Play>', expected: { url: '/media/beep.wav', loop: 2 } },
  { verb: '<Play loop="0">a.wav</Play>', expected: { loop: LOOP_UNTIL_HANGUP } },
  {
    verb: '<Play loop="x">a.wav</Play>',
    expected: { loop: 1 },
    diagnostics: [['warning', PLAY_LOOP_INVALID, 'loop=']],
  },
  {
    verb: '<Play>ftp://example.com/a.wav</Play>',
    expected: {},
    diagnostics: [['error', INVALID_URL, '<Play']],
  },
  { verb: '<Play>  </Play>', expected: {}, diagnostics: [['error', INVALID_URL, '<Play']] },
  { verb: '<Play/>', expected: {}, diagnostics: [['error', INVALID_URL, '<Play']] },
  // Pause
  { verb: '<Pause/>', expected: { kind: 'Pause', lengthSeconds: 1 } },
  { verb: '<Pause length="4"/>', expected: { lengthSeconds: 4 } },
  {
    verb: '<Pause length="0"/>',
    expected: { lengthSeconds: 1 },
    diagnostics: [['warning', PAUSE_LENGTH_INVALID, 'length=']],
  },
  {
    verb: '<Pause length="1.5"/>',
    expected: { lengthSeconds: 1 },
    diagnostics: [['warning', PAUSE_LENGTH_INVALID, 'length=']],
  },
  // Gather
  {
    verb: '<Gather/>',
    expected: {
      kind: 'Gather',
      action: '',
      method: 'POST',
      timeoutSeconds: 5,
      finishOnKey: '#',
      numDigits: null,
      children: [],
    },
  },
  {
    verb: '<Gather action="/menu" method="get" timeout="3" finishOnKey="*" numDigits="4"/>',
    expected: { action: '/menu', method: 'GET', timeoutSeconds: 3, finishOnKey: '*', numDigits: 4 },
  },
  { verb: '<Gather finishOnKey=""/>', expected: { finishOnKey: '' } },
  {
    verb: '<Gather action=""/>',
    expected: { action: '' },
    diagnostics: [['warning', ACTION_EMPTY, 'action=']],
  },
  { verb: '<Gather action="mailto:a@b.c"/>', expected: {}, diagnostics: [['error', INVALID_URL, 'action=']] },
  {
    verb: '<Gather method="DELETE"/>',
    expected: { method: 'POST' },
    diagnostics: [['warning', GATHER_METHOD_INVALID, 'method=']],
  },
  {
    verb: '<Gather timeout="0"/>',
    expected: { timeoutSeconds: 5 },
    diagnostics: [['warning', GATHER_TIMEOUT_INVALID, 'timeout=']],
  },
  ...['##', 'A', '-1'].map((value): Row => ({
    verb: `<Gather finishOnKey="${value}"/>`,
    expected: { finishOnKey: '#' },
    diagnostics: [['warning', GATHER_FINISH_ON_KEY_INVALID, 'finishOnKey=']],
  })),
  ...['0', 'many', '-2'].map((value): Row => ({
    verb: `<Gather numDigits="${value}"/>`,
    expected: { numDigits: null },
    diagnostics: [['warning', GATHER_NUM_DIGITS_INVALID, 'numDigits=']],
  })),
  {
    verb: '<Gather numDigits="1"><Say>Press 1</Say><Play>a.wav</Play><Pause length="2"/></Gather>',
    expected: {
      children: [
        { kind: 'Say', text: 'Press 1', position: { line: 2, column: 25 } },
        { kind: 'Play', url: 'a.wav', position: { line: 2, column: 43 } },
        { kind: 'Pause', lengthSeconds: 2, position: { line: 2, column: 61 } },
      ],
    } as Row['expected'],
  },
  {
    verb: '<Gather><Say loop="x">a</Say></Gather>',
    expected: { children: [{ kind: 'Say', loop: 1 }] } as Row['expected'],
    diagnostics: [['warning', SAY_LOOP_INVALID, 'loop=']],
  },
  // Hangup
  { verb: '<Hangup/>', expected: { kind: 'Hangup', position: { line: 2, column: 3 } } },
  // Redirect
  {
    verb: '<Redirect>/next.xml</Redirect>',
    expected: { kind: 'Redirect', url: '/next.xml', method: 'POST' },
  },
  { verb: '<Redirect method="get">https://example.com/x</Redirect>', expected: { method: 'GET' } },
  {
    verb: '<Redirect method="PATCH">/x</Redirect>',
    expected: { method: 'POST' },
    diagnostics: [['warning', REDIRECT_METHOD_INVALID, 'method=']],
  },
  { verb: '<Redirect/>', expected: {}, diagnostics: [['error', INVALID_URL, '<Redirect']] },
  {
    verb: '<Redirect>file:///etc/passwd</Redirect>',
    expected: {},
    diagnostics: [['error', INVALID_URL, '<Redirect']],
  },
  // Reject
  { verb: '<Reject/>', expected: { kind: 'Reject', reason: 'rejected' } },
  { verb: '<Reject reason="busy"/>', expected: { reason: 'busy' } },
  {
    verb: '<Reject reason="later"/>',
    expected: { reason: 'rejected' },
    diagnostics: [['warning', REJECT_REASON_INVALID, 'reason=']],
  },
];

describe('verbs: defaults and bad values', () => {
  const cases = ROWS.flatMap((row) =>
    (row.profiles ?? PROFILE_NAMES).map((profile) => ({ ...row, profile })),
  );
  it.each(cases)('$profile: $verb', ({ verb, expected, diagnostics, profile }) => {
    const text = `<Response>\n  ${verb}\n</Response>`;
    const result = parseRcml(text, { profile });
    const expectedTuples = (diagnostics ?? []).map(([severity, code, at]): DiagnosticTuple => {
      const { line, column } = positionOf(text, at);
      return [severity, code, line, column];
    });
    expect(tuples(result.diagnostics)).toEqual(expectedTuples);
    if (expectedTuples.some(([severity]) => severity === 'error')) {
      expect(result.document).toBeNull();
      return;
    }
    expect(result.document?.verbs).toHaveLength(1);
    expect(result.document?.verbs[0]).toMatchObject({ position: { line: 2, column: 3 }, ...expected });
  });

  it('names the verb, attribute and value in messages', () => {
    const text =
      '<Response><Say voice="robot" loop="x">a</Say><Gather numDigits="many"/><Play>ftp://h/a</Play></Response>';
    const messages = parseRcml(text).diagnostics.map((diagnostic) => diagnostic.message);
    expect(messages).toEqual([
      expect.stringContaining('<Say> voice="robot"'),
      expect.stringContaining('<Say> loop="x"'),
      expect.stringContaining('<Gather> numDigits="many"'),
      expect.stringMatching(/<Play> URL "ftp:\/\/h\/a".*ftp/),
    ]);
  });
});

describe('verbs the sandbox does not run', () => {
  it.each([
    'Dial',
    'Sms',
    'Email',
    'Fax',
    'Conference',
    'Message',
    'Enqueue',
    'Leave',
    'Queue',
    'Refer',
    'Hold',
  ])('<%s> is a warning (12300) and is skipped, with its nouns', (name) => {
    for (const profile of PROFILE_NAMES) {
      const text = `<Response>\n  <Say>a</Say>\n  <${name} x="1"><Number>123</Number></${name}>\n  <Hangup/>\n</Response>`;
      const result = parseRcml(text, { profile });
      expect(tuples(result.diagnostics)).toEqual([['warning', VERB_NOT_SUPPORTED, 3, 3]]);
      expect(result.diagnostics[0]?.message).toContain(`<${name}>`);
      expect(result.document?.verbs.map((verb) => verb.kind)).toEqual(['Say', 'Hangup']);
    }
  });
});

describe('<Reject> after the first verb', () => {
  it('is a warning at the <Reject>', () => {
    const text = '<Response>\n  <Say>a</Say>\n  <Reject reason="busy"/>\n</Response>';
    const result = parseRcml(text);
    expect(tuples(result.diagnostics)).toEqual([['warning', REJECT_NOT_FIRST, 3, 3]]);
    expect(result.document?.verbs.map((verb) => verb.kind)).toEqual(['Say', 'Reject']);
  });

  it('is not reported as the first verb', () => {
    expect(parseRcml('<Response><Reject/><Say>a</Say></Response>').diagnostics).toEqual([]);
  });
});

describe('nesting inside verbs', () => {
  it('Gather takes only Say, Play and Pause', () => {
    const text = '<Response>\n<Gather>\n  <Record/>\n  <Gather/>\n  <Dial/>\n</Gather>\n</Response>';
    expect(tuples(parseRcml(text).diagnostics)).toEqual([
      ['error', SCHEMA_VIOLATION, 3, 3],
      ['error', SCHEMA_VIOLATION, 4, 3],
      ['error', SCHEMA_VIOLATION, 5, 3],
    ]);
    const rc = parseRcml(text, { profile: 'restcomm-connect' });
    expect(tuples(rc.diagnostics).map(([severity]) => severity)).toEqual(['warning', 'warning', 'warning']);
    expect(rc.document?.verbs).toMatchObject([{ kind: 'Gather', children: [] }]);
  });

  it.each(['Say', 'Play', 'Pause', 'Hangup', 'Redirect', 'Reject'])(
    '<%s> takes no nested elements',
    (name) => {
      const text = `<Response><${name}>/a.wav<Pause/></${name}></Response>`;
      const result = parseRcml(text);
      expect(tuples(result.diagnostics)).toEqual([['error', SCHEMA_VIOLATION, 1, 19 + name.length]]);
      expect(result.diagnostics[0]?.message).toContain(`<Pause> is nested inside <${name}>`);
    },
  );
});
