import { describe, expect, it } from 'vitest';
import { parseRcml } from '../rcml/parse.ts';
import { formatXml } from './format-xml.ts';

describe('formatXml', () => {
  it('puts one element per line, indents children and keeps text-only elements on one line', () => {
    const text =
      '<?xml version="1.0"?><Response><Say   voice="woman">Hi   there</Say><Record action="/a?x=1&amp;y=2" maxLength=\'4\'/>' +
      '<Gather numDigits="1"><Say>Press</Say><Pause/></Gather><!-- end --></Response>';
    expect(formatXml(text)).toBe(
      [
        '<?xml version="1.0"?>',
        '<Response>',
        '  <Say voice="woman">Hi there</Say>',
        '  <Record action="/a?x=1&amp;y=2" maxLength=\'4\'/>',
        '  <Gather numDigits="1">',
        '    <Say>Press</Say>',
        '    <Pause/>',
        '  </Gather>',
        '  <!-- end -->',
        '</Response>',
        '',
      ].join('\n'),
    );
  });

  it('keeps what the parser reads, and is stable', () => {
    const text = '<Response>\n<Record action="/r" timeout="3"   finishOnKey="#"/>\n\n<Hangup/></Response>';
    const once = formatXml(text) ?? '';
    expect(formatXml(once)).toBe(once);
    expect(parseRcml(once).document?.verbs.map((v) => v.kind)).toEqual(['Record', 'Hangup']);
  });

  it('refuses what is not well-formed', () => {
    expect(formatXml('<Response><Say>x</Response>')).toBeNull();
    expect(formatXml('<Response>')).toBeNull();
    expect(formatXml('</Response>')).toBeNull();
  });
});
