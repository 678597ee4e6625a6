import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeOffsets } from './attribute-offsets.ts';
import { RECORD_ATTRIBUTE_INVALID, RECORD_FINISH_ON_KEY_INVALID, RECORD_METHOD_INVALID } from './codes.ts';
import { parseRcml } from './parse.ts';
import { PositionIndex } from './positions.ts';

describe('PositionIndex', () => {
  it('maps offsets to 1-based lines and columns, a CRLF line ending at its \\n', () => {
    const index = new PositionIndex('ab\r\ncd\n\nx');
    expect(index.at(0)).toEqual({ line: 1, column: 1 });
    expect(index.at(2)).toEqual({ line: 1, column: 3 });
    expect(index.at(4)).toEqual({ line: 2, column: 1 });
    expect(index.at(7)).toEqual({ line: 3, column: 1 });
    expect(index.at(8)).toEqual({ line: 4, column: 1 });
    expect(index.at(9)).toEqual({ line: 4, column: 2 });
  });

  it('clamps offsets and foreign positions into the text', () => {
    const index = new PositionIndex('ab\ncd');
    expect(index.at(-5)).toEqual({ line: 1, column: 1 });
    expect(index.at(99)).toEqual({ line: 2, column: 3 });
    expect(index.clamp(7, 40)).toEqual({ line: 2, column: 3 });
    expect(index.clamp(1, 40)).toEqual({ line: 1, column: 3 });
    expect(index.clamp(Number.NaN, 0)).toEqual({ line: 1, column: 1 });
    expect(new PositionIndex('').at(0)).toEqual({ line: 1, column: 1 });
  });
});

describe('attributeOffsets', () => {
  it('finds each attribute name in a start tag', () => {
    const text = `x <Record a="1" b = '2'\n\tc="x>y"/><d e="3">`;
    expect(Object.fromEntries(attributeOffsets(text, 2))).toEqual({ a: 10, b: 16, c: 25 });
  });
});

describe('attribute diagnostics point at the attribute', () => {
  const names = ['timeout', 'maxLength', 'playBeep', 'media', 'method', 'finishOnKey', 'action', 'x'];
  const values = ['bad', '', '5', 'GET', '#', '/next'];
  const gap = fc.constantFrom(' ', '\n', '\r\n\t', '  \n    ');
  const attribute = fc
    .tuple(
      gap,
      fc.constantFrom(...names),
      fc.constantFrom('=', ' = ', '=\n'),
      fc.constantFrom('"', "'"),
      fc.constantFrom(...values),
    )
    .map(([before, name, equals, quote, value]) => ({
      name,
      text: `${before}${name}${equals}${quote}${value}${quote}`,
    }));

  it('for any spacing, line breaks and quotes', () => {
    const codes = new Set([RECORD_ATTRIBUTE_INVALID, RECORD_METHOD_INVALID, RECORD_FINISH_ON_KEY_INVALID]);
    fc.assert(
      fc.property(
        fc.uniqueArray(attribute, { maxLength: 6, selector: (a) => a.name }),
        gap,
        (attributes, indent) => {
          const text = `<Response>${indent}<Record${attributes.map((a) => a.text).join('')}/>\n</Response>`;
          const lines = text.split('\n');
          for (const diagnostic of parseRcml(text).diagnostics) {
            if (!codes.has(diagnostic.code)) continue;
            const at = lines[diagnostic.line - 1]?.slice(diagnostic.column - 1) ?? '';
            expect(diagnostic.message).toContain(`${at.split(/[\s=]/)[0]}="`);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
