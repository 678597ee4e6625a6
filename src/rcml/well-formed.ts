import { XMLValidator } from 'fast-xml-parser';
import { clip, tag } from './clip.ts';
import { BARE_AMPERSAND, DOCUMENT_PARSE_FAILURE, SCHEMA_VIOLATION } from './codes.ts';
import type { ParseContext } from './context.ts';
import { blankOut, doctypeEnd } from './doctype.ts';
import { ampersandPlaceholders, blankTrimmed, literalAmpersands, replaceAt } from './document-text.ts';
import { MAX_NESTING_DEPTH, prescan, type PrescanOptions } from './prescan.ts';
import type { Position } from './types.ts';
import type { Ampersands } from './xml-tree.ts';

/** The largest document read: ample for any RCML, and it bounds the time a pasted file can take. */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/** Validator messages that only mean the text ended early (it is validated up to a malformation). */
const END_OF_TEXT_MESSAGES = ['Start tag expected.', "Unclosed tag '", "Invalid '["];

/**
 * The validator's first complaint about `text` (which may be cut short before a malformation) with its
 * position, or null. When several elements are left open it gives no position: the innermost one is used.
 */
function validatorProblem(
  context: ParseContext,
  text: string,
  unclosedOffset: number,
): { message: string; at: Position; endOfText: boolean } | null {
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (validation === true) return null;
  let { msg } = validation.err;
  const endOfText = END_OF_TEXT_MESSAGES.some((start) => msg.startsWith(start));
  let at = context.positions.clamp(validation.err.line, validation.err.col ?? 1);
  if (msg.startsWith("Invalid '[")) {
    const names = Array.from(msg.matchAll(/"([^"]*)"/g), (match) => tag(match[1] ?? ''));
    msg = `${names.join(', ')} are not closed`;
    if (unclosedOffset >= 0) at = context.positions.at(unclosedOffset);
  }
  return { message: clip(msg, 200), at, endOfText };
}

/** A document the XML libraries may be given: its text (offsets as written) and what stands for a literal `&`. */
export interface ReadableText {
  text: string;
  ampersands: Ampersands;
}

/** Bare `&` warned about one by one (with the last one, within MAX_DIAGNOSTICS); one more stands for the rest. */
const MAX_AMPERSAND_WARNINGS = 99;

function reportLiteralAmpersands(context: ParseContext, offsets: readonly number[]): void {
  offsets.slice(0, MAX_AMPERSAND_WARNINGS).forEach((offset) => {
    context.report(
      'warning',
      BARE_AMPERSAND,
      'A bare "&" (it starts no entity reference) is taken literally; write it as &amp;',
      offset,
    );
  });
  const rest = offsets.length - MAX_AMPERSAND_WARNINGS;
  const next = offsets[MAX_AMPERSAND_WARNINGS];
  if (rest > 0 && next !== undefined) {
    context.report(
      'warning',
      BARE_AMPERSAND,
      `${rest} more bare "&" from here on are taken literally; write each as &amp;`,
      next,
    );
  }
}

/** Replaces each `&` the platform takes literally with a placeholder (the XML libraries refuse a bare `&`). */
function placeLiteralAmpersands(
  text: string,
  found: { literalAmpersands: number[]; cdataAmpersands: number[] },
): ReadableText {
  const ampersands = ampersandPlaceholders(text);
  const content = replaceAt(text, found.literalAmpersands, ampersands.content);
  return { text: replaceAt(content, found.cdataAmpersands, ampersands.cdata), ampersands };
}

/**
 * Refuses what must not reach the XML libraries (SPEC §1): a DOCTYPE (12200; blanked out and read on when
 * schema errors are warnings), entity declarations, oversized documents (12100); then reports the first
 * malformation (12100), from the validator or from the prescan. What the profile's platform trims is ignored,
 * and the bare `&` it takes literally are kept (SPEC §7). Returns the text to parse, or null.
 */
export function checkWellFormed(context: ParseContext): ReadableText | null {
  let text = context.text;
  if (text.length > MAX_DOCUMENT_CHARS) {
    context.report(
      'error',
      DOCUMENT_PARSE_FAILURE,
      `The document has ${text.length} characters, more than the ${MAX_DOCUMENT_CHARS} accepted`,
      0,
    );
    return null;
  }
  const { profile } = context;
  text = blankTrimmed(text, profile);
  const literal = literalAmpersands(context.text, profile);
  const options: PrescanOptions = {
    literalAmpersand: literal,
    // Restcomm-Connect's rewrite reaches into CDATA sections too, where `&amp;` then stays as written.
    cdataAmpersand: profile.bareAmpersand === 'first-before-semicolon' ? literal : undefined,
    refusedBareAmpersand:
      profile.bareAmpersand === 'first-before-semicolon'
        ? 'Restcomm-Connect escapes only the first bare & before the next ";"'
        : undefined,
  };
  let scan = prescan(text, options);
  const severity = profile.schemaSeverity;
  if (scan.doctypeOffset >= 0) {
    const refused = severity === 'error' ? 'refused' : 'ignored';
    context.report(
      severity,
      SCHEMA_VIOLATION,
      `A <!DOCTYPE> declaration is not RCML; it is ${refused}`,
      scan.doctypeOffset,
    );
  }
  // Refused in every profile, inside a DOCTYPE or not: no entity is ever expanded.
  if (scan.entityDeclarationOffset >= 0) {
    context.report(
      'error',
      DOCUMENT_PARSE_FAILURE,
      'Entity declarations (<!ENTITY>) are refused',
      scan.entityDeclarationOffset,
    );
    return null;
  }
  if (scan.doctypeOffset >= 0) {
    const end = doctypeEnd(text, scan.doctypeOffset);
    if (end < 0) {
      context.report(
        'error',
        DOCUMENT_PARSE_FAILURE,
        'The <!DOCTYPE> declaration is not closed',
        scan.doctypeOffset,
      );
      return null;
    }
    if (severity === 'error') return null;
    text = blankOut(text, scan.doctypeOffset, end);
    scan = prescan(text, options);
  }
  if (scan.refusal !== null) {
    context.report('error', DOCUMENT_PARSE_FAILURE, scan.refusal.message, scan.refusal.offset);
    return null;
  }
  const readable = placeLiteralAmpersands(text, scan);
  text = readable.text;
  const { malformation } = scan;
  if (malformation === null && scan.tooDeep.length > 0) {
    // Well-formed as far as the scan sees, but deeper than RCML goes: the schema is broken (12200), and
    // the deep elements are never parsed (blanked out, read on where 12200 is a warning).
    const refused = severity === 'error' ? 'the document is refused' : 'they are ignored';
    context.report(
      severity,
      SCHEMA_VIOLATION,
      `Elements are nested more than ${MAX_NESTING_DEPTH} deep (RCML needs no more than 3): ${refused}`,
      scan.tooDeep[0]!.start,
    );
    if (severity === 'error') return null;
    for (const { start, end } of scan.tooDeep) text = blankOut(text, start, end);
  }
  if (malformation === null) {
    const problem = validatorProblem(context, text, scan.unclosedOffset);
    if (problem === null) {
      // Only a well-formed document's bare `&` are worth a word (the `restcomm` profile takes them literally).
      if (profile.bareAmpersand === 'literal') reportLiteralAmpersands(context, scan.literalAmpersands);
      return { text, ampersands: readable.ampersands };
    }
    context.reportAt(
      'error',
      DOCUMENT_PARSE_FAILURE,
      `The document is not well-formed XML: ${problem.message}`,
      problem.at,
    );
    return null;
  }
  // Like any XML parser, report the first malformation only: the validator's, if it finds one before.
  const before = validatorProblem(context, text.slice(0, malformation.validUpTo), -1);
  if (before !== null && !before.endOfText) {
    context.reportAt(
      'error',
      DOCUMENT_PARSE_FAILURE,
      `The document is not well-formed XML: ${before.message}`,
      before.at,
    );
  } else {
    context.report(
      'error',
      DOCUMENT_PARSE_FAILURE,
      `The document is not well-formed XML: ${malformation.message}`,
      malformation.offset,
    );
  }
  return null;
}
