/** Where a `<!DOCTYPE …>` declaration (with its internal subset) ends, or -1 when it does not. */
export function doctypeEnd(text: string, offset: number): number {
  let i = offset + '<!DOCTYPE'.length;
  let inSubset = false;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, i + 1);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    if (inSubset) {
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        if (close < 0) return -1;
        i = close + 3;
        continue;
      }
      if (char === ']') inSubset = false;
    } else if (char === '[') {
      inSubset = true;
    } else if (char === '>') {
      return i + 1;
    }
    i += 1;
  }
  return -1;
}

/** The text with `[start, end)` replaced by spaces, line breaks kept, so that every offset stays put. */
export function blankOut(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}
