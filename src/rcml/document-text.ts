/**
 * The text of a document as a profile's platform reads it, before the XML checks (SPEC §7): what is trimmed
 * from its ends, and which bare `&` (one that starts no entity or character reference) are taken literally.
 * Every change keeps the text's length and line breaks, so offsets, lines and columns stay those of the
 * document as written.
 */
import type { Profile } from './profiles.ts';

/** An `&` followed by what an entity or character reference would be (`&name;`, `&#…`): never bare. */
const REFERENCE_START = /&(?:#|[:A-Z_a-z\p{L}][-.0-9:A-Z_a-z\p{L}\p{M}\p{N}\u00B7]*;)/uy;

/**
 * Restcomm-Connect's rewrite of a document before parsing (Parser.java and Downloader.validateXML,
 * `replaceAll("&([^;]+(?!(?:\\w|;)))", "&amp;$1")`): each match starts at an `&` the rewrite escapes and
 * runs to just before the next `;`. Java's `\w` is ASCII here, as in a JavaScript regex without `u`.
 */
const RESTCOMM_CONNECT_REWRITE = /&([^;]+(?!(?:\w|;)))/g;

/** Whether a bare `&` starts at `offset` (it starts no reference). */
export function isBareAmpersand(text: string, offset: number): boolean {
  REFERENCE_START.lastIndex = offset;
  return !REFERENCE_START.test(text);
}

/** Characters Java's `String.trim()` cuts: every one up to U+0020. */
function isJavaTrimmed(code: number): boolean {
  return code <= 0x20;
}

function isXmlBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The text with `value` trimmed as the profile's platform trims (attribute values, SPEC §1). */
export function trimValue(value: string, profile: Profile): string {
  if (profile.trim === 'xml-blanks') return value.trim();
  let start = 0;
  let end = value.length;
  while (start < end && isJavaTrimmed(value.charCodeAt(start))) start += 1;
  while (end > start && isJavaTrimmed(value.charCodeAt(end - 1))) end -= 1;
  return value.slice(start, end);
}

/** `[start, end)`: the part of the text left once the profile's platform has trimmed it. */
export function trimmedRange(text: string, profile: Profile): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  if (profile.trim === 'java-trim') {
    while (start < end && isJavaTrimmed(text.charCodeAt(start))) start += 1;
    while (end > start && isJavaTrimmed(text.charCodeAt(end - 1))) end -= 1;
  } else {
    if (text.charCodeAt(0) === 0xfeff) start = 1;
    while (start < end && isXmlBlank(text.charCodeAt(start))) start += 1;
    while (end > start && isXmlBlank(text.charCodeAt(end - 1))) end -= 1;
  }
  return { start, end };
}

/** `[start, end)` replaced by spaces, line breaks kept. */
function blank(text: string, start: number, end: number): string {
  if (start >= end) return text;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/**
 * The text as the XML checks should see it: what the platform trims is blanked (so is an XML declaration
 * that only blanks preceded, since the platform's parser sees it at the start).
 */
export function blankTrimmed(text: string, profile: Profile): string {
  const { start, end } = trimmedRange(text, profile);
  let result = blank(blank(text, end, text.length), 0, start);
  if (start > 0 && /^<\?xml[\s?]/.test(text.slice(start, start + 6))) {
    const close = text.indexOf('?>', start);
    if (close >= 0) result = blank(result, start, close + 2);
  }
  return result;
}

/**
 * Decides, for an `&` at `offset` that starts no valid reference, whether the profile's platform takes it
 * literally. Restcomm-Connect's rewrite is computed once over the trimmed text.
 */
export function literalAmpersands(text: string, profile: Profile): (offset: number) => boolean {
  switch (profile.bareAmpersand) {
    case 'error':
      return () => false;
    case 'literal':
      return (offset) => isBareAmpersand(text, offset);
    case 'first-before-semicolon': {
      const { start, end } = trimmedRange(text, profile);
      const escaped = new Set<number>();
      const trimmed = text.slice(start, end);
      RESTCOMM_CONNECT_REWRITE.lastIndex = 0;
      for (const match of trimmed.matchAll(RESTCOMM_CONNECT_REWRITE)) escaped.add(start + match.index);
      return (offset) => escaped.has(offset);
    }
  }
}

/** Two private-use characters that do not occur in `text`, to stand for literal `&` while XML is parsed. */
export function ampersandPlaceholders(text: string): { content: string; cdata: string } {
  const used = new Set<number>();
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xe000 && code <= 0xf8ff) used.add(code);
  }
  const free: string[] = [];
  for (let code = 0xe000; code <= 0xf8ff && free.length < 2; code += 1) {
    if (!used.has(code)) free.push(String.fromCharCode(code));
  }
  return { content: free[0] ?? '\ue000', cdata: free[1] ?? '\ue001' };
}

/** `text` with the characters at `offsets` replaced by `replacement` (one UTF-16 unit, so offsets stay). */
export function replaceAt(text: string, offsets: readonly number[], replacement: string): string {
  if (offsets.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    parts.push(text.slice(from, offset), replacement);
    from = offset + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
