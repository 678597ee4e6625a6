import { DOCUMENT_PARSE_FAILURE } from './codes.ts';
import { ParseContext } from './context.ts';
import { PositionIndex } from './positions.ts';
import { PROFILES, type Profile } from './profiles.ts';
import { readVerbs } from './read-verbs.ts';
import { findRoot } from './root-element.ts';
import type { Diagnostic, ParseResult, ProfileName } from './types.ts';
import { checkWellFormed } from './well-formed.ts';
import { errorMessage } from './error-message.ts';

export { MAX_DOCUMENT_CHARS } from './well-formed.ts';

export interface ParseOptions {
  /** The dialect (default `restcomm`). */
  profile?: ProfileName;
}

/** How the last-resort diagnostic starts (a bug if it is ever seen). */
export const UNEXPECTED_FAILURE = 'The document could not be parsed';

function profileFor(name: unknown): Profile {
  return typeof name === 'string' && Object.hasOwn(PROFILES, name)
    ? PROFILES[name as ProfileName]
    : PROFILES.restcomm;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column;
}

/** More diagnostics than anyone reads; the rest are summed up in one last diagnostic. */
export const MAX_DIAGNOSTICS = 100;

/** The first MAX_DIAGNOSTICS diagnostics by position, then one standing for the rest (an error if any is). */
function limitDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = diagnostics.sort(byPosition);
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const rest = sorted.slice(MAX_DIAGNOSTICS);
  const first = rest.find((diagnostic) => diagnostic.severity === 'error') ?? rest[0];
  if (first === undefined) return sorted;
  const summary: Diagnostic = {
    ...first,
    message: `${rest.length} more problems are not listed, among them: ${first.message}`,
  };
  return [...sorted.slice(0, MAX_DIAGNOSTICS), summary];
}

function parseDocument(text: string, profile: Profile): ParseResult {
  const context = new ParseContext(text, profile, new PositionIndex(text));
  const readable = checkWellFormed(context);
  const root = readable === null ? null : findRoot(context, readable);
  const document = root === null ? null : readVerbs(context, root);
  const failed = document === null || context.hasError();
  return { document: failed ? null : document, diagnostics: limitDiagnostics(context.diagnostics) };
}

/**
 * Parses an RCML document into typed verbs, every attribute resolved to its value or default, and diagnostics
 * with their codes and 1-based line and column (SPEC §1, §2, §6). `document` is null when any diagnostic is
 * an error. Never throws.
 */
export function parseRcml(text: string, options?: ParseOptions): ParseResult {
  try {
    return parseDocument(typeof text === 'string' ? text : String(text ?? ''), profileFor(options?.profile));
  } catch (error) {
    return {
      document: null,
      diagnostics: [
        {
          severity: 'error',
          code: DOCUMENT_PARSE_FAILURE,
          message: `${UNEXPECTED_FAILURE}: ${errorMessage(error)}`,
          line: 1,
          column: 1,
        },
      ],
    };
  }
}
