/** SPEC §7 in the parser: each row, in each profile, as the platform's own code and documents have it. */
import { describe, expect, it } from 'vitest';
import { BARE_AMPERSAND, DOCUMENT_PARSE_FAILURE } from './codes.ts';
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
