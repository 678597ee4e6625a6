/**
 * One cheap linear pass over the raw text, before the XML libraries see it. It finds what they must never be
 * given (a DOCTYPE, and so entity declarations, the door to entity bombs; nesting or sizes beyond any RCML
 * document, which would make parsing slow or overflow recursive code) and the first malformation they do not
 * check or check slowly (undefined entities, `<` inside a tag, a second root element).
 */

import { isBareAmpersand } from './document-text.ts';

/**
 * Deeper than any RCML document (Response › Gather › Say is 3). Deeper elements are well-formed XML but
 * break the schema (12200); the parser is never given them: in restcomm-connect, where 12200 is a warning,
 * they are blanked out and the rest is read.
 */
export const MAX_NESTING_DEPTH = 100;

/** More elements than any RCML document needs; refused before parsing, which keeps parsing time bounded. */
export const MAX_ELEMENTS = 50_000;

/** More attributes on one element than any RCML verb has; refused before parsing. */
export const MAX_ATTRIBUTES = 100;

/** Something the XML libraries must not be given: the document is refused (12100) at `offset`. */
export interface Refusal {
  offset: number;
  message: string;
}

/** A malformation found by the scan. Everything before `validUpTo` may still be checked by the validator. */
export interface Malformation {
  offset: number;
  validUpTo: number;
  message: string;
}

export interface PrescanResult {
  /** Offset of `<!DOCTYPE`, or -1. */
  doctypeOffset: number;
  /** Offset of the first `<!ENTITY`, or -1. */
  entityDeclarationOffset: number;
  refusal: Refusal | null;
  malformation: Malformation | null;
  /** Offset of the innermost start tag still open at the end of the text, or -1. */
  unclosedOffset: number;
  /** Elements nested deeper than MAX_NESTING_DEPTH, each with all it holds: [start, end) offsets. */
  tooDeep: { start: number; end: number }[];
  /** Offsets of the bare `&` in content and attribute values that `literalAmpersand` took literally. */
  literalAmpersands: number[];
  /** Offsets of the `&` inside CDATA sections that `cdataAmpersand` picked. */
  cdataAmpersands: number[];
}

/** What the profile's platform makes of a bare `&` (document-text.ts); by default every one is malformed. */
export interface PrescanOptions {
  /** Whether the bare `&` at this offset (in content or an attribute value) is taken literally. */
  literalAmpersand?: (offset: number) => boolean;
  /** Whether the `&` at this offset inside a CDATA section is rewritten (to `&amp;`, as written). */
  cdataAmpersand?: (offset: number) => boolean;
  /** Said of a bare `&` that is refused (why the platform did not take it literally). */
  refusedBareAmpersand?: string;
}

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

const REFERENCE = /&(?:lt|gt|amp|quot|apos|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/y;
const REFERENCE_LIKE = /&[^\s<&;"']{0,12};?/y;

/** Whether a code point may appear in an XML 1.0 document. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** Whether a well-formed entity or character reference starts at `offset`. */
function isValidReference(text: string, offset: number): boolean {
  REFERENCE.lastIndex = offset;
  const match = REFERENCE.exec(text);
  if (match === null) return false;
  if (match[1] !== undefined) return isXmlChar(Number.parseInt(match[1], 10));
  if (match[2] !== undefined) return isXmlChar(Number.parseInt(match[2], 16));
  return true;
}

function badReference(text: string, offset: number, validUpTo: number, bareNote?: string): Malformation {
  REFERENCE_LIKE.lastIndex = offset;
  const written = REFERENCE_LIKE.exec(text)?.[0] ?? '&';
  const note = bareNote !== undefined && isBareAmpersand(text, offset) ? `: ${bareNote}` : '';
  return { offset, validUpTo, message: `"${written}" is not a defined entity${note} (write & as &amp;)` };
}

/** Whether a quote opened between `start` and `end` is still open at `end`. */
function hasOpenQuote(text: string, start: number, end: number): boolean {
  let quote = 0;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      quote = c;
    }
  }
  return quote !== 0;
}

export function prescan(text: string, options: PrescanOptions = {}): PrescanResult {
  const result: PrescanResult = {
    doctypeOffset: -1,
    entityDeclarationOffset: -1,
    refusal: null,
    malformation: null,
    unclosedOffset: -1,
    tooDeep: [],
    literalAmpersands: [],
    cdataAmpersands: [],
  };
  const { literalAmpersand, cdataAmpersand } = options;
  /** Whether an `&` that starts no valid reference may stay (it is then recorded as literal). */
  const keepsAmpersand = (offset: number): boolean => {
    if (literalAmpersand === undefined || !literalAmpersand(offset)) return false;
    result.literalAmpersands.push(offset);
    return true;
  };
  /** Where the element now too deep began, while inside it. */
  let deepStart = -1;
  const openTags: number[] = [];
  const length = text.length;
  let elements = 0;
  let i = 0;
  scan: while (i < length) {
    const code = text.charCodeAt(i);
    if (code === AMP) {
      if (!isValidReference(text, i) && !keepsAmpersand(i)) {
        result.malformation = badReference(text, i, i, options.refusedBareAmpersand);
        break;
      }
      i += 1;
      continue;
    }
    if (code !== LT) {
      i += 1;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (next === BANG) {
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) {
          result.malformation = { offset: i, validUpTo: i, message: 'a comment is not closed (-->)' };
          break;
        }
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 9);
        if (end < 0) {
          result.malformation = { offset: i, validUpTo: i, message: 'a CDATA section is not closed (]]>)' };
          break;
        }
        if (cdataAmpersand !== undefined) {
          for (let amp = text.indexOf('&', i + 9); amp >= 0 && amp < end; amp = text.indexOf('&', amp + 1)) {
            if (cdataAmpersand(amp)) result.cdataAmpersands.push(amp);
          }
        }
        i = end + 3;
      } else if (text.startsWith('<!DOCTYPE', i)) {
        result.doctypeOffset = i;
        result.entityDeclarationOffset = text.indexOf('<!ENTITY', i);
        break;
      } else if (text.startsWith('<!ENTITY', i)) {
        result.entityDeclarationOffset = i;
        break;
      } else {
        result.malformation = {
          offset: i,
          validUpTo: i,
          message: '"<!" starts neither a comment (<!--) nor a CDATA section (<![CDATA[)',
        };
        break;
      }
      continue;
    }
    if (next === QUESTION) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0 || hasOpenQuote(text, i + 2, end)) {
        // fast-xml-parser reads quotes in processing instructions: one left open swallows the document.
        result.malformation = {
          offset: i,
          validUpTo: i,
          message: 'a processing instruction is not closed (?>)',
        };
        break;
      }
      i = end + 2;
      continue;
    }
    if (next === SLASH) {
      openTags.pop();
      const end = text.indexOf('>', i + 2);
      if (end < 0) {
        result.malformation = { offset: i, validUpTo: i, message: 'an end tag is not closed (>)' };
        break;
      }
      if (deepStart >= 0 && openTags.length === MAX_NESTING_DEPTH) {
        result.tooDeep.push({ start: deepStart, end: end + 1 });
        deepStart = -1;
      }
      i = end + 1;
      continue;
    }
    // A start tag: find its end outside quoted attribute values, checking what is inside them.
    if (openTags.length === 0 && elements > 0) {
      result.malformation = {
        offset: i,
        validUpTo: i,
        message: 'a second top-level element; a document has one root element, <Response>',
      };
      break;
    }
    elements += 1;
    if (elements > MAX_ELEMENTS) {
      result.refusal = {
        offset: i,
        message: `The document has more than ${MAX_ELEMENTS} elements; it is refused`,
      };
      break;
    }
    let attributes = 0;
    let j = i + 1;
    let quote = 0;
    while (j < length) {
      const c = text.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) {
          quote = 0;
        } else if (c === AMP && !isValidReference(text, j) && !keepsAmpersand(j)) {
          result.malformation = badReference(text, j, i, options.refusedBareAmpersand);
          break scan;
        } else if (c === LT) {
          result.malformation = {
            offset: j,
            validUpTo: i,
            message: '"<" in an attribute value (write &lt;)',
          };
          break scan;
        }
      } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        quote = c;
      } else if (c === EQUALS) {
        attributes += 1;
        if (attributes > MAX_ATTRIBUTES) {
          result.refusal = {
            offset: i,
            message: `An element has more than ${MAX_ATTRIBUTES} attributes; refused`,
          };
          break scan;
        }
      } else if (c === GT) {
        break;
      } else if (c === LT) {
        result.malformation = {
          offset: j,
          validUpTo: i,
          message: 'a start tag is not closed before the next "<"',
        };
        break scan;
      }
      j += 1;
    }
    if (j >= length) {
      result.malformation = { offset: i, validUpTo: i, message: 'a start tag is not closed (>)' };
      break;
    }
    const selfClosing = text.charCodeAt(j - 1) === SLASH;
    if (openTags.length >= MAX_NESTING_DEPTH && deepStart < 0) {
      if (selfClosing) result.tooDeep.push({ start: i, end: j + 1 });
      else deepStart = i;
    }
    if (!selfClosing) openTags.push(i);
    i = j + 1;
  }
  result.unclosedOffset = openTags.at(-1) ?? -1;
  return result;
}
