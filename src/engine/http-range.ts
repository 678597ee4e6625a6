/** A single byte range of a `Range` header (RFC 9110 §14.1.2), resolved against the file's size. */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * `bytes=a-b`, `bytes=a-` and `bytes=-n` against a file of `size` bytes: the inclusive range to send, or
 * `unsatisfiable` (416), or null for no range (or several ranges, or a form this does not read: the whole
 * file is sent, which the RFC allows).
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return null;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}
