import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as codes from './codes.ts';
import { MAX_DIAGNOSTICS, MAX_DOCUMENT_CHARS, parseRcml, UNEXPECTED_FAILURE } from './parse.ts';
import { PARSER_STOPPED } from './root-element.ts';
import { MAX_ATTRIBUTES, MAX_ELEMENTS, MAX_NESTING_DEPTH } from './prescan.ts';
import { BILLION_LAUGHS, deepNesting, largeDocument, manyVerbs, VOICEMAIL } from './sample-documents.ts';
import { tuples } from './test-helpers.ts';
import { PROFILE_NAMES, type ParseResult, type ProfileName } from './types.ts';

const KNOWN_CODES = new Set<number>(Object.values(codes));
const VERB_KINDS = new Set(['Record', 'Say', 'Play', 'Pause', 'Gather', 'Hangup', 'Redirect', 'Reject']);

/** The invariants every result keeps, whatever the text. */
function checkInvariants(text: string, result: ParseResult): void {
  const lines = text.split('\n');
  const inside = (line: number, column: number): boolean =>
    Number.isInteger(line) &&
    Number.isInteger(column) &&
    line >= 1 &&
    line <= lines.length &&
    column >= 1 &&
    column <= (lines[line - 1]?.length ?? 0) + 1;
  expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
  for (const diagnostic of result.diagnostics) {
    expect(['error', 'warning']).toContain(diagnostic.severity);
    expect(KNOWN_CODES.has(diagnostic.code)).toBe(true);
    expect(typeof diagnostic.message).toBe('string');
    expect(diagnostic.message.length).toBeGreaterThan(0);
    expect(diagnostic.message.length).toBeLessThan(1000);
    // The prescan and the validator catch everything before fast-xml-parser could throw.
    expect(diagnostic.message).not.toContain(PARSER_STOPPED);
    expect(diagnostic.message).not.toContain(UNEXPECTED_FAILURE);
    if (!inside(diagnostic.line, diagnostic.column)) {
      throw new Error(`diagnostic outside the text: ${JSON.stringify(diagnostic)}`);
    }
  }
  const hasError = result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  expect(result.document === null).toBe(hasError);
  for (const verb of result.document?.verbs ?? []) {
    expect(VERB_KINDS.has(verb.kind)).toBe(true);
    expect(inside(verb.position.line, verb.position.column)).toBe(true);
  }
}

// Generated RCML: real verbs and attributes with good and bad values, some unknown names and nesting.
const NAMES = [
  'Record',
  'Say',
  'Play',
  'Pause',
  'Gather',
  'Hangup',
  'Redirect',
  'Reject',
  'Dial',
  'Number',
  'Foo',
  'say',
];
const ATTRIBUTE_NAMES = [
  'action',
  'method',
  'timeout',
  'finishOnKey',
  'maxLength',
  'playBeep',
  'media',
  'trim',
  'voice',
  'language',
  'loop',
  'length',
  'numDigits',
  'reason',
  'x',
];
const VALUES = [
  '',
  ' ',
  '5',
  '0',
  '-1',
  '2',
  'abc',
  '#',
  '*',
  '1234567890*#',
  '-1#',
  'GET',
  'post',
  'true',
  'FALSE',
  'video_only',
  'audio_only',
  'do-not-trim',
  '/next',
  ' https://example.com/a?x=1&amp;y=2 ',
  'ftp://x',
  'http://exa mple',
  '&#x23;',
  '&lt;',
  'busy',
  'woman',
];
const BODIES = [
  '',
  'Hello',
  ' https://example.com/a.wav ',
  '/next.xml',
  '<![CDATA[a<b]]>',
  '&amp;',
  '<!-- c -->',
];
const SPACES = [' ', '\n', '\r\n', '\t', '\n  '];

const space = fc.constantFrom(...SPACES);
const attribute = fc
  .tuple(fc.constantFrom(...ATTRIBUTE_NAMES), fc.constantFrom(...VALUES), fc.constantFrom('"', "'"), space)
  .map(([name, value, quote, before]) => `${before}${name}=${quote}${value}${quote}`);

function element(depth: number): fc.Arbitrary<string> {
  const children = depth > 0 ? fc.array(element(depth - 1), { maxLength: 3 }) : fc.constant([] as string[]);
  return fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.uniqueArray(attribute, { maxLength: 4, selector: (text) => text.trim().split('=')[0] }),
      fc.constantFrom(...BODIES),
      children,
      fc.boolean(),
      space,
    )
    .map(([name, attributes, body, nested, selfClosing, gap]) => {
      const open = `<${name}${attributes.join('')}`;
      if (selfClosing && body === '' && nested.length === 0) return `${gap}${open}/>`;
      return `${gap}${open}>${body}${nested.join('')}</${name}>`;
    });
}

const documentText = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom('Response', 'Response', 'Response', 'Gather', 'Record', 'Other'),
    fc.array(element(2), { maxLength: 6 }),
    space,
  )
  .map(
    ([declaration, root, verbs, gap]) =>
      `${declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}<${root}>${verbs.join('')}${gap}</${root}>\n`,
  );

const SNIPPETS = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '/',
  '=',
  '<!DOCTYPE Response>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '<!ENTITY a "b">',
  '&a;',
  '&nbsp;',
  '&#0;',
  '&#x10FFFF;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '\r\n',
  '\r',
  '\u0000',
  '\uD800',
  '\u{1F600}',
  '<?xml version="1.0"?>',
  '<?pi x?>',
  '<?pi "x?>',
  '<!DOCYPE x>',
  '<!-',
  '</Response>',
  '<Response>',
  '<Record/>',
  '<Gather>',
  '</Gather>',
  ' a="1"',
  '<Say>',
  '<__proto__/>',
  '<constructor>',
  ' constructor="x"',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...SNIPPETS),
      fc.string({ maxLength: 4 }),
      fc.string({ maxLength: 3, unit: 'binary' }),
    ),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

const TAG_NAME = /<\/?([A-Za-z_][\w.:-]*)/g;

function mutate(text: string, change: Mutation): string {
  const at = change.at % (text.length + 1);
  switch (change.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'duplicate':
      return text.slice(0, at) + text.slice(at, at + change.length) + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'swap': {
      // Swap the names of two tags (start or end), which unbalances or renames elements.
      const tags = Array.from(text.matchAll(TAG_NAME), (match) => ({
        index: match.index + match[0].length - (match[1]?.length ?? 0),
        name: match[1] ?? '',
      }));
      const first = tags[change.at % Math.max(1, tags.length)];
      const second = tags[change.other % Math.max(1, tags.length)];
      if (first === undefined || second === undefined || first.index === second.index) return text;
      const [a, b] = first.index < second.index ? [first, second] : [second, first];
      return (
        text.slice(0, a.index) +
        b.name +
        text.slice(a.index + a.name.length, b.index) +
        a.name +
        text.slice(b.index + b.name.length)
      );
    }
  }
}

const profile = fc.constantFrom<ProfileName>(...PROFILE_NAMES);

describe('parseRcml on generated and mutated documents', () => {
  it('never throws, keeps positions inside the text, and returns a document iff there is no error', () => {
    let withDocument = 0;
    fc.assert(
      fc.property(documentText, fc.array(mutation, { maxLength: 4 }), profile, (original, changes, name) => {
        const text = changes.reduce(mutate, original);
        const result = parseRcml(text, { profile: name });
        checkInvariants(text, result);
        if (result.document !== null) withDocument += 1;
      }),
      { numRuns: 12_000 },
    );
    // The generator is not so hostile that nothing parses.
    expect(withDocument).toBeGreaterThan(500);
  }, 120_000);

  it('keeps the invariants on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'grapheme-ascii' }), profile, (text, name) => {
        checkInvariants(text, parseRcml(text, { profile: name }));
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});

describe('hostile and large documents', () => {
  it.each(PROFILE_NAMES)('%s: refuses the billion laughs entity bomb', (name) => {
    const result = parseRcml(BILLION_LAUGHS, { profile: name });
    checkInvariants(BILLION_LAUGHS, result);
    expect(result.document).toBeNull();
    expect(tuples(result.diagnostics)).toEqual([
      [name === 'restcomm-connect' ? 'warning' : 'error', codes.SCHEMA_VIOLATION, 2, 1],
      ['error', codes.DOCUMENT_PARSE_FAILURE, 3, 3],
    ]);
  });

  it('refuses a quadratic blow-up (one large entity used many times)', () => {
    const text = `<!DOCTYPE r [<!ENTITY a "${'x'.repeat(50_000)}">]>\n<Response><Say>${'&a;'.repeat(50_000)}</Say></Response>`;
    const result = parseRcml(text, { profile: 'restcomm-connect' });
    checkInvariants(text, result);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain(codes.DOCUMENT_PARSE_FAILURE);
  });

  it('reads a 1 MB document', () => {
    const text = largeDocument(1_000_000);
    expect(text.length).toBeGreaterThanOrEqual(1_000_000);
    const result = parseRcml(text);
    checkInvariants(text, result);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs.length).toBeGreaterThan(9_000);
  });

  it('reads 10,000 verbs', () => {
    const result = parseRcml(manyVerbs(10_000));
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs).toHaveLength(10_000);
    expect(result.document?.verbs[9_999]).toMatchObject({
      kind: 'Pause',
      position: { line: 1, column: 11 + 8 * 9_999 },
    });
  });

  it('nesting 10,000 deep is well-formed but breaks the schema: 12200 at the first element too deep', () => {
    const text = deepNesting(10_000);
    // <Response> is the first level; the 100th <Gather> is level 101.
    const at = 11 + 8 * (MAX_NESTING_DEPTH - 1);
    for (const profile of ['restcomm', 'twilio'] as const) {
      const result = parseRcml(text, { profile });
      checkInvariants(text, result);
      expect(tuples(result.diagnostics)).toEqual([['error', codes.SCHEMA_VIOLATION, 1, at]]);
    }
    const rc = parseRcml(text, { profile: 'restcomm-connect' });
    checkInvariants(text, rc);
    expect(tuples(rc.diagnostics)).toContainEqual(['warning', codes.SCHEMA_VIOLATION, 1, at]);
    expect(rc.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(rc.document).not.toBeNull();
  });

  it('restcomm-connect reads on after elements nested too deep', () => {
    const deep = `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`;
    const result = parseRcml(`<Response><Say>hi</Say>${deep}<Hangup/></Response>`, {
      profile: 'restcomm-connect',
    });
    expect(result.document?.verbs.map((v) => v.kind)).toEqual(['Say', 'Hangup']);
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toContainEqual([
      'warning',
      codes.SCHEMA_VIOLATION,
    ]);
  });

  it.each([
    ['10,000 unclosed start tags', '<Response>'.repeat(10_000)],
    ['100,000 end tags', '</Response>'.repeat(100_000)],
    ['1 MB of "<"', '<'.repeat(1_000_000)],
    ['1 MB of "&" in a verb', `<Response><Say>${'&'.repeat(1_000_000)}</Say></Response>`],
    ['an unclosed 1 MB attribute value', `<Response><Say voice="${'x'.repeat(1_000_000)}`],
    ['a 1 MB attribute value', `<Response><Say voice="${'x'.repeat(1_000_000)}">a</Say></Response>`],
    ['1 MB of unclosed start tags', `<Response>${'<a '.repeat(333_333)}`],
    ['1 MB of unclosed comments', `<Response>${'<!--'.repeat(250_000)}`],
    ['1 MB of DOCTYPEs', '<!DOCTYPE'.repeat(111_111)],
    ['a 1 MB element name', `<${'a'.repeat(1_000_000)}/>`],
    ['too many elements', `<Response>${'<Pause/>'.repeat(MAX_ELEMENTS)}</Response>`],
    [
      'too many attributes',
      `<Response><Say ${Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i) => `a${i}="1"`).join(' ')}/></Response>`,
    ],
    ['too many characters', `<Response><Say>${'x'.repeat(MAX_DOCUMENT_CHARS)}</Say></Response>`],
  ])('returns with a diagnostic for %s', (_, text) => {
    const result = parseRcml(text);
    checkInvariants(text, result);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it('reads 1 MB of references', () => {
    const result = parseRcml(`<Response><Say>${'&amp;&#x41;'.repeat(100_000)}</Say></Response>`);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.verbs[0]).toMatchObject({ kind: 'Say', text: '&A'.repeat(100_000) });
  });

  it('lists at most MAX_DIAGNOSTICS diagnostics, then one for the rest', () => {
    const text = `<Response>\n${'<Pause length="x"/>\n'.repeat(500)}<Dial/><Bogus/>\n</Response>`;
    const result = parseRcml(text);
    checkInvariants(text, result);
    expect(result.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(result.diagnostics[MAX_DIAGNOSTICS]).toMatchObject({
      severity: 'error',
      code: codes.SCHEMA_VIOLATION,
    });
    expect(result.diagnostics[MAX_DIAGNOSTICS]?.message).toMatch(/^402 more problems/);
    expect(result.document).toBeNull();
  });

  it('never throws on values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      const result = parseRcml(value as unknown as string, { profile: 'twilio' });
      expect(result.document).toBeNull();
      expect(result.diagnostics[0]?.code).toBe(codes.DOCUMENT_PARSE_FAILURE);
    }
  });

  it('parses the typical voicemail cleanly in every profile', () => {
    for (const name of PROFILE_NAMES) {
      const result = parseRcml(VOICEMAIL, { profile: name });
      expect(result.diagnostics).toEqual([]);
      expect(result.document?.verbs.map((verb) => verb.kind)).toEqual(['Say', 'Record', 'Say']);
    }
  });
});
