/**
 * Where each attribute's name starts inside a start tag. fast-xml-parser records where an element starts,
 * not where its attributes are, so the start tag is scanned again (only when a diagnostic needs it).
 */

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Offsets of the attribute names of the start tag at `tagOffset` (the offset of its `<`). */
export function attributeOffsets(text: string, tagOffset: number): Map<string, number> {
  const offsets = new Map<string, number>();
  const length = text.length;
  let i = tagOffset + 1;
  while (i < length && !isSpace(text.charCodeAt(i)) && text[i] !== '>' && text[i] !== '/') i += 1;
  while (i < length) {
    while (i < length && isSpace(text.charCodeAt(i))) i += 1;
    if (i >= length || text[i] === '>' || text[i] === '/' || text[i] === '<') break;
    const nameStart = i;
    while (
      i < length &&
      !isSpace(text.charCodeAt(i)) &&
      text[i] !== '=' &&
      text[i] !== '>' &&
      text[i] !== '/'
    ) {
      i += 1;
    }
    const name = text.slice(nameStart, i);
    if (!offsets.has(name)) offsets.set(name, nameStart);
    while (i < length && isSpace(text.charCodeAt(i))) i += 1;
    if (text[i] !== '=') continue;
    i += 1;
    while (i < length && isSpace(text.charCodeAt(i))) i += 1;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = text.indexOf(quote, i + 1);
    if (end < 0) break;
    i = end + 1;
  }
  return offsets;
}
