/** SPEC §7 in the parser: each row, in each profile, as the platform's own code and documents have it. */
import { describe, expect, it } from 'vitest';
import {
  BARE_AMPERSAND,
  DOCUMENT_PARSE_FAILURE,
  GATHER_ACTION_ON_EMPTY_RESULT_INVALID,
  INVALID_URL,
  PLAY_DIGITS_INVALID,
  RECORD_ATTRIBUTE_INVALID,
  RECORD_METHOD_INVALID,
  RECORDING_STATUS_CALLBACK_INVALID,
  RECORDING_STATUS_EVENT_INVALID,
  SCHEMA_VIOLATION,
  TRANSCRIBE_CALLBACK_INVALID,
  VERB_NOT_SUPPORTED,
} from './codes.ts';
import { parseRcml } from './parse.ts';
import { positionOf, tuples } from './test-helpers.ts';
import { PROFILE_NAMES, type ProfileName } from './types.ts';

const E = 'error';
const W = 'warning';

function verbsOf(text: string, profile: ProfileName) {
  return parseRcml(text, { profile }).document?.verbs ?? null;
}

describe('a bare & (SPEC §7)', () => {
  const oneInUrl = '<Response>\n  <Play>https://example.com/a.wav?a=1&b=2</Play>\n</Response>';
  const twoInUrl = '<Response>\n  <Play>https://example.com/a.wav?a=1&b=2&c=3</Play>\n</Response>';
  const header = '<Response><Say>sip:alice@example.com?mycustomheader=foo&myotherheader=bar</Say></Response>';

  it('restcomm: taken literally, with warning 19008 at each one', () => {
    const result = parseRcml(twoInUrl, { profile: 'restcomm' });
    const first = positionOf(twoInUrl, '&b');
    const second = positionOf(twoInUrl, '&c');
    expect(tuples(result.diagnostics)).toEqual([
      [W, BARE_AMPERSAND, first.line, first.column],
      [W, BARE_AMPERSAND, second.line, second.column],
    ]);
    expect(result.document?.verbs[0]).toMatchObject({ url: 'https://example.com/a.wav?a=1&b=2&c=3' });
  });

  it('restcomm: in an attribute value too, and a hundred warnings at most, then one for the rest', () => {
    const text = `<Response><Redirect method="GET">/x?${'&a=1'.repeat(150)}</Redirect></Response>`;
    const result = parseRcml(text, { profile: 'restcomm' });
    expect(result.diagnostics).toHaveLength(100);
    expect(result.diagnostics.every((d) => d.code === BARE_AMPERSAND && d.severity === W)).toBe(true);
    expect(result.diagnostics[99]?.message).toMatch(/^51 more bare "&"/);
    const attribute = '<Response><Record action="/done?a=1&b=2"/></Response>';
    expect(parseRcml(attribute).document?.verbs[0]).toMatchObject({ action: '/done?a=1&b=2' });
  });

  it('restcomm-connect: the first bare & before the next ";" is taken literally, without a word', () => {
    const result = parseRcml(oneInUrl, { profile: 'restcomm-connect' });
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs[0]).toMatchObject({ url: 'https://example.com/a.wav?a=1&b=2' });
    expect(parseRcml(header, { profile: 'restcomm-connect' }).diagnostics).toEqual([]);
  });

  it('restcomm-connect: a second bare & before the next ";" stays bare, and the document fails (12100)', () => {
    const result = parseRcml(twoInUrl, { profile: 'restcomm-connect' });
    const second = positionOf(twoInUrl, '&c');
    expect(tuples(result.diagnostics)).toEqual([[E, DOCUMENT_PARSE_FAILURE, second.line, second.column]]);
    expect(result.diagnostics[0]?.message).toContain('only the first bare & before the next ";"');
    const twoSays = '<Response><Say>Tom & Jerry</Say><Say>x & y</Say></Response>';
    expect(tuples(parseRcml(twoSays, { profile: 'restcomm-connect' }).diagnostics)).toEqual([
      [E, DOCUMENT_PARSE_FAILURE, 1, 40],
    ]);
    // The ";" of a reference ends the stretch: the next bare & is escaped again.
    const separated = '<Response><Say>Tom & Jerry</Say><Say>x &amp; y</Say><Say>p & q</Say></Response>';
    expect(verbsOf(separated, 'restcomm-connect')).toMatchObject([
      { text: 'Tom & Jerry' },
      { text: 'x & y' },
      { text: 'p & q' },
    ]);
  });

  it('restcomm-connect: the rewrite reaches into comments and CDATA sections as Java runs it', () => {
    // A bare & in a comment with no ";" after it swallows the rest: the & in the URL stays bare.
    const comment = '<Response><!-- R&D --><Play>https://example.com/a.wav?a=1&b=2</Play></Response>';
    expect(tuples(parseRcml(comment, { profile: 'restcomm-connect' }).diagnostics)).toEqual([
      [E, DOCUMENT_PARSE_FAILURE, 1, 58],
    ]);
    expect(verbsOf('<Response><Say><![CDATA[a & b]]></Say></Response>', 'restcomm-connect')).toMatchObject([
      { text: 'a &amp; b' },
    ]);
  });

  it('twilio: error 12100 at the first one', () => {
    const result = parseRcml(oneInUrl, { profile: 'twilio' });
    const at = positionOf(oneInUrl, '&b');
    expect(tuples(result.diagnostics)).toEqual([[E, DOCUMENT_PARSE_FAILURE, at.line, at.column]]);
    expect(result.document).toBeNull();
  });

  it.each(PROFILE_NAMES)(
    '%s: an undefined entity (&eacute;, &#0;) is 12100, never taken literally',
    (profile) => {
      for (const text of [
        '<Response><Say>caf&eacute;</Say></Response>',
        '<Response><Say>&#0;</Say></Response>',
      ]) {
        expect(tuples(parseRcml(text, { profile }).diagnostics)).toEqual([
          [E, DOCUMENT_PARSE_FAILURE, 1, text.indexOf('&') + 1],
        ]);
      }
    },
  );
});

describe('blanks before <?xml …?> (SPEC §7)', () => {
  const text = '\n\n   \t<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Hangup/>\n</Response>\n  ';

  it.each(PROFILE_NAMES)('%s: allowed, positions stay those of the text as written', (profile) => {
    const result = parseRcml(text, { profile });
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs).toMatchObject([{ kind: 'Hangup', position: { line: 5, column: 3 } }]);
  });

  it('restcomm and twilio trim a byte order mark too; restcomm-connect (Java trim) does not', () => {
    const bom = '\uFEFF  <?xml version="1.0"?><Response><Hangup/></Response>';
    expect(parseRcml(bom, { profile: 'restcomm' }).diagnostics).toEqual([]);
    expect(parseRcml(bom, { profile: 'twilio' }).diagnostics).toEqual([]);
    const rc = parseRcml(bom, { profile: 'restcomm-connect' });
    expect(rc.diagnostics.map((d) => [d.severity, d.code])).toEqual([[E, DOCUMENT_PARSE_FAILURE]]);
  });

  it('restcomm-connect trims attribute values as Java does: a no-break space stays', () => {
    const text = '<Response><Redirect method="\u00A0GET">/x</Redirect></Response>';
    expect(verbsOf(text, 'restcomm')).toMatchObject([{ method: 'GET' }]);
    const rc = parseRcml(text, { profile: 'restcomm-connect' });
    expect(rc.document?.verbs).toMatchObject([{ method: 'POST' }]);
    expect(rc.diagnostics.map((d) => d.severity)).toEqual([W]);
  });
});

describe('<Say> children: SSML (SPEC §7)', () => {
  const ssml =
    '<Response><Say voice="Polly.Joanna">Hi<break time="100ms"/><emphasis level="moderate">there</emphasis><p>a <sub alias="World Wide Web">WWW</sub> page</p><prosody rate="85%">slowly</prosody></Say></Response>';

  it('twilio: allowed; the text is what is said (a <sub> says its alias)', () => {
    const result = parseRcml(ssml, { profile: 'twilio' });
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs).toMatchObject([
      { kind: 'Say', text: 'Hi there a World Wide Web page slowly' },
    ]);
  });

  it('twilio: SSML nested where SSML forbids it, or a verb inside <Say>, is 12200', () => {
    const text =
      '<Response><Say><s>one<p>two</p></s><say-as interpret-as="digits"><w>1</w></say-as><Play>x</Play></Say></Response>';
    expect(tuples(parseRcml(text, { profile: 'twilio' }).diagnostics)).toEqual([
      [E, SCHEMA_VIOLATION, 1, 22],
      [E, SCHEMA_VIOLATION, 1, 66],
      [E, SCHEMA_VIOLATION, 1, 83],
    ]);
  });

  it('restcomm: text only, an SSML element is 12200 (an error); restcomm-connect: a warning, ignored', () => {
    const at = positionOf(ssml, '<break');
    expect(tuples(parseRcml(ssml, { profile: 'restcomm' }).diagnostics)[0]).toEqual([
      E,
      SCHEMA_VIOLATION,
      at.line,
      at.column,
    ]);
    const rc = parseRcml(ssml, { profile: 'restcomm-connect' });
    expect(rc.diagnostics.every((d) => d.severity === W && d.code === SCHEMA_VIOLATION)).toBe(true);
    expect(rc.document?.verbs).toMatchObject([{ kind: 'Say', text: 'Hi' }]);
  });
});

describe('<Parameter name value/> (SPEC §7)', () => {
  const text =
    '<Response>\n  <Hangup>\n    <Parameter name="reason" value="done"/>\n  </Hangup>\n</Response>';
  const reject = '<Response><Reject><Parameter name="reason" value="busy"/></Reject></Response>';

  it('twilio: allowed in <Hangup> and <Reject>, no effect', () => {
    expect(parseRcml(text, { profile: 'twilio' }).diagnostics).toEqual([]);
    expect(verbsOf(text, 'twilio')).toMatchObject([{ kind: 'Hangup' }]);
    expect(parseRcml(reject, { profile: 'twilio' }).diagnostics).toEqual([]);
  });

  it('twilio: still 12200 inside a verb that takes none (<Say>, <Record>)', () => {
    const say = '<Response><Record><Parameter name="a" value="b"/></Record></Response>';
    expect(tuples(parseRcml(say, { profile: 'twilio' }).diagnostics)).toContainEqual([
      E,
      SCHEMA_VIOLATION,
      1,
      19,
    ]);
  });

  it('restcomm: error 12200; restcomm-connect: warning 12200, ignored', () => {
    expect(tuples(parseRcml(text, { profile: 'restcomm' }).diagnostics)).toEqual([
      [E, SCHEMA_VIOLATION, 3, 5],
    ]);
    const rc = parseRcml(text, { profile: 'restcomm-connect' });
    expect(tuples(rc.diagnostics)).toEqual([[W, SCHEMA_VIOLATION, 3, 5]]);
    expect(rc.document?.verbs).toMatchObject([{ kind: 'Hangup' }]);
  });
});

describe('<Play digits> (SPEC §7)', () => {
  const text = '<Response><Play digits="ww1234#"/></Response>';

  it('twilio: the keys to play, no URL needed', () => {
    const result = parseRcml(text, { profile: 'twilio' });
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs).toMatchObject([{ kind: 'Play', url: '', digits: 'ww1234#', loop: 1 }]);
  });

  it('twilio: A-D and W are keys too; other characters are warning 13430 and left out', () => {
    const result = parseRcml('<Response><Play digits="1A W-x9"/></Response>', { profile: 'twilio' });
    expect(tuples(result.diagnostics)).toEqual([[W, PLAY_DIGITS_INVALID, 1, 17]]);
    expect(result.document?.verbs).toMatchObject([{ digits: '1AW9' }]);
  });

  it('restcomm and restcomm-connect: digits is not read; a <Play> without a URL is 11100', () => {
    for (const profile of ['restcomm', 'restcomm-connect'] as const) {
      expect(tuples(parseRcml(text, { profile }).diagnostics)).toEqual([[E, INVALID_URL, 1, 11]]);
    }
    expect(verbsOf('<Response><Play digits="1">/a.wav</Play></Response>', 'restcomm')).toMatchObject([
      { url: '/a.wav', digits: null },
    ]);
  });
});

describe('<Gather actionOnEmptyResult> (SPEC §7)', () => {
  it('twilio: read (true/false, any case; else 13338 and false)', () => {
    expect(verbsOf('<Response><Gather actionOnEmptyResult="TRUE"/></Response>', 'twilio')).toMatchObject([
      { actionOnEmptyResult: true },
    ]);
    const bad = parseRcml('<Response><Gather actionOnEmptyResult="yes"/></Response>', { profile: 'twilio' });
    expect(tuples(bad.diagnostics)).toEqual([[W, GATHER_ACTION_ON_EMPTY_RESULT_INVALID, 1, 19]]);
    expect(bad.document?.verbs).toMatchObject([{ actionOnEmptyResult: false }]);
  });

  it.each(['restcomm', 'restcomm-connect'] as const)('%s: not read', (profile) => {
    const result = parseRcml('<Response><Gather actionOnEmptyResult="true"/></Response>', { profile });
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs).toMatchObject([{ actionOnEmptyResult: false }]);
  });
});

describe('recordingStatusCallback and transcribe (SPEC §7)', () => {
  const attributes =
    'recordingStatusCallback="/status" recordingStatusCallbackMethod="get" recordingStatusCallbackEvent="absent in-progress" transcribe="true" transcribeCallback="/text"';
  const text = `<Response><Record action="/done" ${attributes}/></Response>`;

  it('twilio: read, events in the order they happen', () => {
    const result = parseRcml(text, { profile: 'twilio' });
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs).toMatchObject([
      {
        statusCallback: { url: '/status', method: 'GET', events: ['in-progress', 'absent'] },
        transcription: { callback: '/text' },
      },
    ]);
  });

  it('twilio: defaults POST and completed; transcribeCallback alone implies transcribe', () => {
    const plain =
      '<Response><Record recordingStatusCallback="https://h/s" transcribeCallback="/t"/></Response>';
    expect(verbsOf(plain, 'twilio')).toMatchObject([
      { statusCallback: { method: 'POST', events: ['completed'] }, transcription: { callback: '/t' } },
    ]);
    expect(verbsOf('<Response><Record transcribe="true"/></Response>', 'twilio')).toMatchObject([
      { statusCallback: null, transcription: { callback: null } },
    ]);
    expect(verbsOf('<Response><Record/></Response>', 'twilio')).toMatchObject([{ transcription: null }]);
  });

  it('twilio: bad values are warnings (13256, 13610, 13621, 13257, 13612) and the call goes on', () => {
    const bad =
      '<Response><Record action="/d" recordingStatusCallback="ftp://x" recordingStatusCallbackMethod="PUT" recordingStatusCallbackEvent="done completed" transcribe="maybe" transcribeCallback="javascript:x"/></Response>';
    const result = parseRcml(bad, { profile: 'twilio' });
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      [W, RECORDING_STATUS_CALLBACK_INVALID],
      [W, RECORD_METHOD_INVALID],
      [W, RECORDING_STATUS_EVENT_INVALID],
      [W, RECORD_ATTRIBUTE_INVALID],
      [W, TRANSCRIBE_CALLBACK_INVALID],
    ]);
    expect(result.document?.verbs).toMatchObject([{ statusCallback: null, transcription: null }]);
  });

  it.each(['restcomm', 'restcomm-connect'] as const)('%s: not read at all', (profile) => {
    const result = parseRcml(text, { profile });
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs).toMatchObject([{ statusCallback: null, transcription: null }]);
  });
});

describe('<Geolocation>, a Restcomm verb the sandbox does not run', () => {
  const text =
    '<Response>\n  <Geolocation>\n    <Immediate deviceIdentifier="5989" action="http://h/a"/>\n  </Geolocation>\n  <Hangup/>\n</Response>';

  it.each(PROFILE_NAMES)('%s: warning 12300, skipped, its nouns with it', (profile) => {
    const result = parseRcml(text, { profile });
    expect(tuples(result.diagnostics)).toEqual([[W, VERB_NOT_SUPPORTED, 2, 3]]);
    expect(result.document?.verbs).toMatchObject([{ kind: 'Hangup' }]);
    expect(result.document?.skipped).toEqual([{ name: 'Geolocation', position: { line: 2, column: 3 } }]);
  });

  it('its nouns standing alone are 12200', () => {
    const alone = '<Response><Notification deviceIdentifier="1"/></Response>';
    expect(tuples(parseRcml(alone).diagnostics)).toEqual([[E, SCHEMA_VIOLATION, 1, 11]]);
  });
});
