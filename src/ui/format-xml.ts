/**
 * A small pretty-printer for RCML: one element per line, two spaces per level, elements holding only text
 * kept on one line. It works on the text as written (entities, attribute quoting and values are kept) and
 * refuses what it cannot read, rather than guessing.
 */

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<\/?[A-Za-z_][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*\s*\/?>|[^<]+/gy;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'))?/g;

interface ElementNode {
  kind: 'element';
  name: string;
  open: string;
  selfClosing: boolean;
  children: Node[];
}
type Node = ElementNode | { kind: 'text'; text: string } | { kind: 'other'; text: string };

function normalizeTag(raw: string, selfClosing: boolean): { name: string; tag: string } {
  const inner = raw.replace(/^<\/?/, '').replace(/\/?>$/, '');
  const name = /^[^\s/>]+/.exec(inner)?.[0] ?? '';
  const attributes = [...inner.slice(name.length).matchAll(ATTRIBUTE)].map((m) =>
    m[2] ? `${m[1]}=${m[2]}` : m[1],
  );
  const body = [name, ...attributes].join(' ');
  return { name, tag: selfClosing ? `<${body}/>` : `<${body}>` };
}

function parse(text: string): Node[] | null {
  const root: ElementNode = { kind: 'element', name: '', open: '', selfClosing: false, children: [] };
  const stack: ElementNode[] = [root];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) return null;
    const token = match[0];
    const parent = stack[stack.length - 1];
    if (!parent) return null;
    if (token.startsWith('</')) {
      const { name } = normalizeTag(token, false);
      if (parent.name !== name || stack.length === 1) return null;
      stack.pop();
    } else if (/^<[A-Za-z_]/.test(token)) {
      const selfClosing = token.endsWith('/>');
      const { name, tag } = normalizeTag(token, selfClosing);
      const element: ElementNode = { kind: 'element', name, open: tag, selfClosing, children: [] };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    } else if (token.startsWith('<')) {
      parent.children.push({ kind: 'other', text: token.trim() });
    } else if (token.trim() !== '') {
      parent.children.push({ kind: 'text', text: token.trim().replace(/\s+/g, ' ') });
    }
  }
  return stack.length === 1 ? root.children : null;
}

function print(nodes: Node[], depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  for (const node of nodes) {
    if (node.kind !== 'element') {
      out.push(indent + node.text);
    } else if (node.selfClosing) {
      out.push(indent + node.open);
    } else if (node.children.length === 0) {
      out.push(`${indent}${node.open}</${node.name}>`);
    } else if (node.children.every((child) => child.kind === 'text')) {
      out.push(
        `${indent}${node.open}${node.children.map((child) => (child.kind === 'text' ? child.text : '')).join(' ')}</${node.name}>`,
      );
    } else {
      out.push(indent + node.open);
      print(node.children, depth + 1, out);
      out.push(`${indent}</${node.name}>`);
    }
  }
}

/** The document, formatted; null when it is not well-formed enough to format safely. */
export function formatXml(text: string): string | null {
  const nodes = parse(text);
  if (!nodes) return null;
  const out: string[] = [];
  print(nodes, 0, out);
  return `${out.join('\n')}\n`;
}
