import { describe, expect, it } from 'vitest';
import { DOCUMENT_PARSE_FAILURE, SCHEMA_VIOLATION, VERB_NOT_SUPPORTED } from './codes.ts';
import { parseRcml } from './parse.ts';
import { MAX_NESTING_DEPTH } from './prescan.ts';
import { tuples, type DiagnosticTuple } from './test-helpers.ts';
import { PROFILE_NAMES, type ProfileName } from './types.ts';

const E = 'error';
const W = 'warning';

interface Row {
  name: string;
  rcml: string;
  profiles?: readonly ProfileName[];
  diagnostics: DiagnosticTuple[];
  /** Kinds of the verbs read (when the document is not null). */
  verbs?: string[];
}

const STRICT: ProfileName[] = ['restcomm', 'twilio'];
const RC: ProfileName[] = ['restcomm-connect'];

const ROWS: Row[] = [
  // Well-formedness (12100, every profile)
  { name: 'empty text', rcml: '', diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 1]] },
  { name: 'blank text', rcml: '\n  \n', diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 1]] },
  { name: 'not XML', rcml: 'Hello', diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 1]] },
  {
    name: 'text before the root',
    rcml: '\n  oops<Response/>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 3]],
  },
  {
    name: 'mismatched end tag',
    rcml: '<Response>\n  <Say>a</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 9]],
  },
  {
    name: 'case of an end tag',
    rcml: '<Response></response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 11]],
  },
  {
    name: 'unclosed root',
    rcml: '<Response>\n  <Say>a</Say>\n',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 1]],
  },
  {
    name: 'several unclosed elements',
    rcml: '<Response>\n  <Gather>\n    <Say>a',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 3, 5]],
  },
  {
    name: 'unquoted attribute',
    rcml: '<Response>\n  <Pause length=2/>\n</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 10]],
  },
  {
    name: 'repeated attribute',
    rcml: '<Response><Pause length="1" length="2"/></Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 29]],
  },
  {
    name: 'attribute without value',
    rcml: '<Response><Record playBeep/></Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 19]],
  },
  {
    name: '"<" in an attribute',
    rcml: '<Response><Say voice="<">a</Say></Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 23]],
  },
  {
    name: 'two roots',
    rcml: '<Response><Hangup/></Response>\n<Response/>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 1]],
  },
  {
    name: 'two empty roots',
    rcml: '<Response/><Response/>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 12]],
  },
  {
    name: 'text after the root',
    rcml: '<Response><Hangup/></Response>\n<!-- fine -->\n  trailing',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 3, 3]],
  },
  {
    name: 'comments and blank lines after the root',
    rcml: '<Response><Hangup/></Response>\n<!-- fine -->\n\n',
    diagnostics: [],
    verbs: ['Hangup'],
  },
  // Every platform trims the text before it parses it (SPEC §7).
  {
    name: 'XML declaration after blanks',
    rcml: '\n  \t<?xml version="1.0"?><Response/>',
    diagnostics: [],
    verbs: [],
  },
  {
    name: 'XML declaration after a comment',
    rcml: '<!-- x --><?xml version="1.0"?><Response/>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 16]],
  },
  {
    name: 'undefined entity',
    rcml: '<Response>\n  <Say>caf&eacute;</Say>\n</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 11]],
  },
  {
    name: 'bare ampersand in an attribute',
    rcml: '<Response>\n  <Redirect method="G&T">/a</Redirect>\n</Response>',
    profiles: ['twilio'],
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 22]],
  },
  {
    name: 'character reference to a character XML forbids',
    rcml: '<Response><Say>&#0;</Say></Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 16]],
  },
  {
    name: 'references inside comments and CDATA are not read',
    rcml: '<Response><!-- &nbsp; <!DOCTYPE x> --><Say><![CDATA[&nbsp; <b>]]></Say></Response>',
    diagnostics: [],
    verbs: ['Say'],
  },
  {
    name: 'entity declaration outside a DOCTYPE',
    rcml: '<!ENTITY x "y">\n<Response/>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 1, 1]],
  },
  {
    name: 'nesting deeper than the limit',
    rcml: `<Response>\n${'<a>'.repeat(MAX_NESTING_DEPTH)}${'</a>'.repeat(MAX_NESTING_DEPTH)}</Response>`,
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 2, 1 + 3 * (MAX_NESTING_DEPTH - 1)]],
  },
  {
    name: 'unclosed comment',
    rcml: '<Response>\n  <!-- open\n</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 3]],
  },
  {
    name: 'unclosed CDATA',
    rcml: '<Response>\n  <![CDATA[ x\n</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 3]],
  },
  {
    name: 'processing instruction with an open quote',
    rcml: '<Response>\n  <?pi "x?>\n</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 3]],
  },
  { name: 'start tag cut off', rcml: '<Response>\n  <Say', diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 3]] },
  {
    name: 'end tag cut off',
    rcml: '<Response>\n  <Say>a</Say',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 9]],
  },
  {
    name: 'misspelt DOCTYPE',
    rcml: '<Response>\n  <!DOCYPE x>\n</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 3]],
  },
  {
    name: 'the earlier of two malformations',
    rcml: '<Response>\n  <Say>a</Sya>\n  <Redirect>/a?x=1&y=2</Redirect>\n</Response>',
    profiles: ['twilio'],
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 9]],
  },
  {
    name: 'the earlier of two malformations',
    rcml: '<Response>\n  <Say>a</Sya>\n  <Redirect>/a?x=1&y=2&z=3</Redirect>\n</Response>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 2, 9]],
  },
  {
    name: 'a bare ampersand after a well-formed start',
    rcml: '<Response>\n  <Say>a</Say>\n  <Redirect>/a?x=1&y=2</Redirect>\n</Response>',
    profiles: ['twilio'],
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 3, 19]],
  },
  {
    name: 'a second root after the first',
    rcml: '<Response>\n<Say>a</Say>\n</Response>\n<Hangup/>',
    diagnostics: [[E, DOCUMENT_PARSE_FAILURE, 4, 1]],
  },
  {
    name: 'names that are JavaScript property names',
    rcml: '<Response>\n  <constructor/>\n  <Say __proto__="1" constructor="2" toString="3">a</Say>\n</Response>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 2, 3]],
  },
  {
    name: 'names that are JavaScript property names',
    rcml: '<Response>\n  <__proto__><Say>a</Say></__proto__>\n  <Say constructor="2" toString="3">b</Say>\n</Response>',
    profiles: RC,
    diagnostics: [[W, SCHEMA_VIOLATION, 2, 3]],
    verbs: ['Say', 'Say'],
  },
  // DOCTYPE (12200; refused, or ignored where schema errors are warnings) and entity declarations (12100)
  {
    name: 'DOCTYPE',
    rcml: '<?xml version="1.0"?>\n<!DOCTYPE Response>\n<Response><Hangup/></Response>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 2, 1]],
  },
  {
    name: 'DOCTYPE',
    rcml: '<?xml version="1.0"?>\n<!DOCTYPE Response>\n<Response><Hangup/></Response>',
    profiles: RC,
    diagnostics: [[W, SCHEMA_VIOLATION, 2, 1]],
    verbs: ['Hangup'],
  },
  {
    name: 'DOCTYPE declaring an entity',
    rcml: '<!DOCTYPE Response [\n  <!ENTITY name "value">\n]>\n<Response><Say>&name;</Say></Response>',
    profiles: STRICT,
    diagnostics: [
      [E, SCHEMA_VIOLATION, 1, 1],
      [E, DOCUMENT_PARSE_FAILURE, 2, 3],
    ],
  },
  {
    name: 'DOCTYPE declaring an entity',
    rcml: '<!DOCTYPE Response [\n  <!ENTITY name "value">\n]>\n<Response><Say>&name;</Say></Response>',
    profiles: RC,
    diagnostics: [
      [W, SCHEMA_VIOLATION, 1, 1],
      [E, DOCUMENT_PARSE_FAILURE, 2, 3],
    ],
  },
  // Schema (12200: error, RC warning)
  {
    name: 'root other than <Response>',
    rcml: '<?xml version="1.0"?>\n<Document><Hangup/></Document>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 2, 1]],
  },
  {
    name: 'root other than <Response>: verbs found inside it',
    rcml: '<?xml version="1.0"?>\n<Document><Hangup/></Document>',
    profiles: RC,
    diagnostics: [[W, SCHEMA_VIOLATION, 2, 1]],
    verbs: ['Hangup'],
  },
  {
    name: 'root-less <Record>',
    rcml: '<Record maxLength="30"/>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 1, 1]],
  },
  {
    name: 'root-less <Record>',
    rcml: '<Record maxLength="30"/>',
    profiles: RC,
    diagnostics: [[W, SCHEMA_VIOLATION, 1, 1]],
    verbs: ['Record'],
  },
  {
    name: 'root-less <Dial>',
    rcml: '<Dial>+15551234567</Dial>',
    profiles: RC,
    diagnostics: [
      [W, SCHEMA_VIOLATION, 1, 1],
      [W, VERB_NOT_SUPPORTED, 1, 1],
    ],
    verbs: [],
  },
  {
    name: 'lower-case root',
    rcml: '<response/>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 1, 1]],
  },
  {
    name: 'unknown verb',
    rcml: '<Response>\n  <Say>a</Say>\n  <Speak>b</Speak>\n</Response>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 3, 3]],
  },
  {
    name: 'unknown verb',
    rcml: '<Response>\n  <Say>a</Say>\n  <Speak>b</Speak>\n</Response>',
    profiles: RC,
    diagnostics: [[W, SCHEMA_VIOLATION, 3, 3]],
    verbs: ['Say'],
  },
  {
    name: 'verb names are case-sensitive',
    rcml: '<Response><say>a</say><HANGUP/></Response>',
    profiles: STRICT,
    diagnostics: [
      [E, SCHEMA_VIOLATION, 1, 11],
      [E, SCHEMA_VIOLATION, 1, 23],
    ],
  },
  {
    name: 'verbs inside an unknown element, depth-first',
    rcml: '<Response>\n  <Group>\n    <Say>a</Say>\n    <Inner><Pause/></Inner>\n  </Group>\n  <Hangup/>\n</Response>',
    profiles: RC,
    diagnostics: [
      [W, SCHEMA_VIOLATION, 2, 3],
      [W, SCHEMA_VIOLATION, 4, 5],
    ],
    verbs: ['Say', 'Pause', 'Hangup'],
  },
  {
    name: 'namespaced verb',
    rcml: '<Response><t:Say xmlns:t="urn:x">a</t:Say></Response>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 1, 11]],
  },
  {
    name: 'noun outside its verb',
    rcml: '<Response>\n  <Number>+15551234567</Number>\n</Response>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 2, 3]],
  },
  {
    name: 'noun outside its verb',
    rcml: '<Response>\n  <Number>+15551234567</Number>\n</Response>',
    profiles: RC,
    diagnostics: [[W, SCHEMA_VIOLATION, 2, 3]],
    verbs: [],
  },
  {
    name: 'verb nested inside <Record>',
    rcml: '<Response>\n  <Record action="/a">\n    <Say>nested</Say>\n  </Record>\n</Response>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 3, 5]],
  },
  {
    name: 'verb nested inside <Record>: ignored',
    rcml: '<Response>\n  <Record action="/a">\n    <Say>nested</Say>\n  </Record>\n</Response>',
    profiles: RC,
    diagnostics: [[W, SCHEMA_VIOLATION, 3, 5]],
    verbs: ['Record'],
  },
  {
    name: 'text directly inside <Response>',
    rcml: '<Response>\n  Hello\n  <Hangup/>\n</Response>',
    profiles: STRICT,
    diagnostics: [[E, SCHEMA_VIOLATION, 1, 1]],
  },
  // Documents that are fine
  { name: 'empty <Response>', rcml: '<Response/>', diagnostics: [], verbs: [] },
  {
    name: 'declaration, comments, CRLF line ends',
    rcml: '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- voicemail -->\r\n<Response>\r\n  <Say>a</Say>\r\n  <Hangup/>\r\n</Response>\r\n',
    diagnostics: [],
    verbs: ['Say', 'Hangup'],
  },
];

const CASES = ROWS.flatMap((row) => (row.profiles ?? PROFILE_NAMES).map((profile) => ({ ...row, profile })));

describe('document structure (SPEC §1)', () => {
  it.each(CASES)('$profile: $name', ({ rcml, profile, diagnostics, verbs }) => {
    const result = parseRcml(rcml, { profile });
    expect(tuples(result.diagnostics)).toEqual(diagnostics);
    const hasError = diagnostics.some(([severity]) => severity === E);
    if (hasError) expect(result.document).toBeNull();
    else expect(result.document?.verbs.map((verb) => verb.kind)).toEqual(verbs);
    for (const diagnostic of result.diagnostics) expect(diagnostic.message.length).toBeGreaterThan(10);
  });
});

describe('messages', () => {
  it('name the element and what is wrong', () => {
    const message = (rcml: string, profile?: ProfileName): string | undefined =>
      parseRcml(rcml, { profile }).diagnostics[0]?.message;
    expect(message('<Response><Speak/></Response>')).toContain('<Speak>');
    expect(message('<Document/>')).toMatch(/<Document>.*<Response>/);
    expect(message('<Response><Record action="/a"><Say/></Record></Response>')).toMatch(/<Say>.*<Record>/);
    expect(message('<Response><Number/></Response>')).toMatch(/<Number>.*<Dial>/);
    expect(message('<Response><Say>&nbsp;</Say></Response>')).toContain('&nbsp;');
    expect(message('<!DOCTYPE x><Response/>')).toContain('DOCTYPE');
    expect(message('<Response><Say>a</Response>')).toContain("'Say'");
  });
});

describe('options', () => {
  it('defaults to the restcomm profile', () => {
    expect(parseRcml('<Response><Record/></Response>')).toEqual(
      parseRcml('<Response><Record/></Response>', { profile: 'restcomm' }),
    );
  });

  it('falls back to restcomm for an unknown profile name', () => {
    const result = parseRcml('<Response><Record/></Response>', { profile: 'nope' as ProfileName });
    expect(result.document?.verbs[0]).toMatchObject({ action: '' });
  });

  it('sorts diagnostics by position', () => {
    const rcml = '<Response>\n<Pause length="x"/>\n<Say loop="x">a</Say>\n<Dial/>\n</Response>';
    const lines = parseRcml(rcml).diagnostics.map((diagnostic) => diagnostic.line);
    expect(lines).toEqual([2, 3, 4]);
  });
});
