/** Decoding of the references XML itself defines (the five named entities and character references). */

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;

function fromCodePoint(codePoint: number, original: string): string {
  return codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : original;
}

/** Replaces XML's predefined and character references; anything else is left as written. */
export function decodeXmlEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(
    REFERENCE,
    (match, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return NAMED[name] ?? match;
      if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10), match);
      return fromCodePoint(Number.parseInt(hex ?? '', 16), match);
    },
  );
}
