import { tag } from './clip.ts';
import { DOCUMENT_PARSE_FAILURE } from './codes.ts';
import type { ParseContext } from './context.ts';
import type { ReadableText } from './well-formed.ts';
import { readXmlTree, type XmlElement } from './xml-tree.ts';
import { errorMessage } from './error-message.ts';

/**
 * How a diagnostic starts when fast-xml-parser throws on a document that passed the validator and the prescan
 * (its position is then unknown). The prescan exists so that this does not happen.
 */
export const PARSER_STOPPED = 'The document is not well-formed XML (the parser stopped)';

/** Offset of the first character after `offset` that is not blank, a comment or a processing instruction. */
function contentAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
      i += 1;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return i;
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return i;
      i = end + 2;
    } else {
      return i;
    }
  }
  return -1;
}

/** The single root element, or null after reporting why there is none (the validator misses some cases). */
export function findRoot(context: ParseContext, readable: ReadableText): XmlElement | null {
  const { text } = readable;
  let nodes;
  try {
    nodes = readXmlTree(text, readable.ampersands);
  } catch (error) {
    context.report('error', DOCUMENT_PARSE_FAILURE, `${PARSER_STOPPED}: ${errorMessage(error)}`, 0);
    return null;
  }
  const roots = nodes.filter((node): node is XmlElement => node.kind === 'element');
  const [root, second] = roots;
  if (root === undefined) {
    context.report('error', DOCUMENT_PARSE_FAILURE, 'The document has no root element', 0);
    return null;
  }
  if (second !== undefined) {
    context.report(
      'error',
      DOCUMENT_PARSE_FAILURE,
      `The document has a second root element ${tag(second.name)}; only one <Response> is allowed`,
      second.startOffset,
    );
    return null;
  }
  const after = contentAfter(text, root.endOffset);
  if (after >= 0) {
    context.report(
      'error',
      DOCUMENT_PARSE_FAILURE,
      `The document is not well-formed XML: text after the root element ${tag(root.name)}`,
      after,
    );
    return null;
  }
  return root;
}
