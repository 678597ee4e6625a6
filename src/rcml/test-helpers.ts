/** Helpers for the parser's tests: diagnostics as compact tuples, and where text sits in a document. */
import type { Diagnostic } from './types.ts';

/** `[severity, code, line, column]` of a diagnostic. */
export type DiagnosticTuple = [Diagnostic['severity'], number, number, number];

export function tuples(diagnostics: readonly Diagnostic[]): DiagnosticTuple[] {
  return diagnostics.map((diagnostic) => [
    diagnostic.severity,
    diagnostic.code,
    diagnostic.line,
    diagnostic.column,
  ]);
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the document`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
