import { XMLParser } from 'fast-xml-parser';
import { decodeXmlEntities } from './entities.ts';
import { MAX_NESTING_DEPTH } from './prescan.ts';

/** An element of a well-formed document, with the offsets of its start tag and of the end of its end tag. */
export interface XmlElement {
  kind: 'element';
  name: string;
  /** Attribute values normalized as XML does (tabs, line breaks read as spaces), references decoded; untrimmed. */
  attributes: ReadonlyMap<string, string>;
  children: XmlNode[];
  startOffset: number;
  endOffset: number;
}

/** Character data (text with references decoded, or a CDATA section as written). */
export interface XmlText {
  kind: 'text';
  value: string;
}

export type XmlNode = XmlElement | XmlText;

/**
 * The characters that stand, in the text given to fast-xml-parser, for an `&` the platform takes literally
 * (document-text.ts): `content` for one in text or an attribute value (read back as `&`), `cdata` for one
 * Restcomm-Connect's rewrite escaped inside a CDATA section (read back as `&amp;`, as the rewrite leaves it).
 */
export interface Ampersands {
  content: string;
  cdata: string;
}

const NO_AMPERSANDS: Ampersands = { content: '', cdata: '' };

function restore(value: string, placeholder: string, replacement: string): string {
  return placeholder !== '' && value.includes(placeholder)
    ? value.split(placeholder).join(replacement)
    : value;
}

/**
 * Every element and attribute name gets this prefix inside fast-xml-parser, so that names which are also
 * JavaScript property names (`constructor`, `__proto__`, `toString`) are read like any other.
 */
const NAME_PREFIX = '~';
const TEXT_KEY = '#text';
const CDATA_KEY = '#cdata';
const ATTRIBUTES_KEY = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: NAME_PREFIX,
  // Idempotent: fast-xml-parser transforms the name of a self-closing tag twice.
  transformTagName: (name: string) => (name.startsWith(NAME_PREFIX) ? name : NAME_PREFIX + name),
  allowBooleanAttributes: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA_KEY,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  maxNestedTags: MAX_NESTING_DEPTH + 1,
  jPath: false,
});

const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;

type RawNode = Record<string, unknown> & { [METADATA]?: { startIndex?: number; endIndex?: number } };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readAttributes(raw: unknown, ampersands: Ampersands): Map<string, string> {
  const attributes = new Map<string, string>();
  if (!isRecord(raw)) return attributes;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (typeof value !== 'string' || !key.startsWith(NAME_PREFIX)) continue;
    // XML attribute-value normalization: tabs and line breaks written as such read as spaces.
    const decoded = decodeXmlEntities(value.replace(/[\t\n\r]/g, ' '));
    attributes.set(key.slice(NAME_PREFIX.length), restore(decoded, ampersands.content, '&'));
  }
  return attributes;
}

function readCdata(raw: unknown, ampersands: Ampersands): string {
  if (!Array.isArray(raw)) return '';
  let value = '';
  for (const part of raw) {
    if (isRecord(part) && typeof part[TEXT_KEY] === 'string') value += part[TEXT_KEY];
  }
  return restore(value, ampersands.cdata, '&amp;');
}

function convert(rawNodes: unknown, depth: number, ampersands: Ampersands): XmlNode[] {
  const nodes: XmlNode[] = [];
  if (!Array.isArray(rawNodes) || depth > MAX_NESTING_DEPTH + 1) return nodes;
  for (const raw of rawNodes as unknown[]) {
    if (!isRecord(raw)) continue;
    const node = raw as RawNode;
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES_KEY);
    if (name === undefined) continue;
    const content = node[name];
    if (name === TEXT_KEY) {
      if (typeof content === 'string') {
        nodes.push({ kind: 'text', value: restore(decodeXmlEntities(content), ampersands.content, '&') });
      }
    } else if (name === CDATA_KEY) {
      nodes.push({ kind: 'text', value: readCdata(content, ampersands) });
    } else if (name.startsWith(NAME_PREFIX)) {
      const metadata = node[METADATA];
      const startOffset = metadata?.startIndex ?? 0;
      nodes.push({
        kind: 'element',
        name: name.slice(NAME_PREFIX.length),
        attributes: readAttributes(node[ATTRIBUTES_KEY], ampersands),
        children: convert(content, depth + 1, ampersands),
        startOffset,
        endOffset: metadata?.endIndex ?? startOffset,
      });
    }
  }
  return nodes;
}

/**
 * The nodes at the top level of a document that the validator has accepted and the prescan has cleared
 * (no DOCTYPE, nesting within MAX_NESTING_DEPTH). Throws what fast-xml-parser throws.
 */
export function readXmlTree(text: string, ampersands: Ampersands = NO_AMPERSANDS): XmlNode[] {
  return convert(parser.parse(text), 0, ampersands);
}
