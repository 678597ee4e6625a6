import {
  DOCUMENT_PARSE_FAILURE,
  HTTP_RETRIEVAL_FAILURE,
  URL_NOT_FOUND,
  VERB_NOT_SUPPORTED,
} from '../rcml/codes.ts';
import { parseRcml } from '../rcml/parse.ts';
import type { ResponseRules } from '../rcml/profiles.ts';
import type { ParseResult, Position, ProfileName, RcmlDocument, SkippedVerb, Verb } from '../rcml/types.ts';
import { endCall, notify, type Effects } from './call-core.ts';
import type { CallEndReason, CallState, PendingRequest } from './call-state.ts';
import { errorMessage } from '../rcml/error-message.ts';

/** parseRcml, with an unexpected exception turned into a 12100 diagnostic (a call never crashes the page). */
function parseSafely(body: string, profile: ProfileName): ParseResult {
  try {
    return parseRcml(body, { profile });
  } catch (error) {
    const message = errorMessage(error);
    return {
      document: null,
      diagnostics: [
        {
          severity: 'error',
          code: DOCUMENT_PARSE_FAILURE,
          message: `Document parse failure: ${message}`,
          line: 1,
          column: 1,
        },
      ],
    };
  }
}

/** Whether `contentType` is one of `types` as the profile compares them (profiles.ts, ResponseRules). */
function typeMatches(rules: ResponseRules, contentType: string, types: readonly string[]): boolean {
  if (rules.typeMatch === 'contains') return types.some((type) => contentType.includes(type));
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return types.some((type) => (type.startsWith('+') ? essence.endsWith(type) : essence === type));
}

function requestSource(pending: PendingRequest) {
  return {
    url: pending.verbDocumentUrl,
    line: pending.line,
    column: pending.column,
    requestId: pending.request.id,
  };
}

/** Reports a parse's diagnostics as notifications about the response document at `url`. */
function reportDiagnostics(
  out: Effects,
  parsed: ParseResult,
  url: string,
  requestId: number,
  columnShift = 0,
): void {
  for (const diagnostic of parsed.diagnostics) {
    notify(out, diagnostic.severity, diagnostic.code, diagnostic.message, {
      url,
      line: diagnostic.line,
      column: diagnostic.line === 1 ? Math.max(1, diagnostic.column - columnShift) : diagnostic.column,
      requestId,
    });
  }
}

function hasError(parsed: ParseResult): boolean {
  return parsed.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/**
 * The document a response of status 200 stands for, by its content type (SPEC §5, §7), or what the call does
 * instead: `wait` (restcomm-connect runs nothing for the type), `end` (already reported and ended).
 */
function responseDocument(
  state: CallState,
  out: Effects,
  pending: PendingRequest,
  contentType: string,
  body: string,
  parsedBody: () => ParseResult,
): RcmlDocument | 'wait' | 'end' {
  const rules = state.profile.responses;
  const url = pending.documentUrl;
  const requestId = pending.request.id;
  const at = { url, line: 1, column: 1, requestId };
  if (contentType.trim() === '' && rules.noType === 'hang-up') {
    notify(
      out,
      'error',
      DOCUMENT_PARSE_FAILURE,
      `The response from ${url} has no Content-Type: Restcomm-Connect hangs up.`,
      at,
    );
    endCall(state, out, 'document-error');
    return 'end';
  }
  if (typeMatches(rules, contentType, rules.xml)) {
    const parsed = parsedBody();
    reportDiagnostics(out, parsed, url, requestId);
    if (parsed.document === null || hasError(parsed)) {
      endCall(state, out, 'document-error');
      return 'end';
    }
    return parsed.document;
  }
  if (typeMatches(rules, contentType, rules.playRequestUrl)) {
    // VoiceInterpreter Ready.execute: parser("<Play>" + request.getUri() + "</Play>"), the URL requested
    // without its query.
    const play: Verb = {
      kind: 'Play',
      position: { line: 1, column: 1 },
      url: withoutQuery(pending.request.target),
      digits: null,
      loop: 1,
    };
    return { verbs: [play], skipped: [] };
  }
  if (typeMatches(rules, contentType, rules.sayBody)) {
    // Ready.execute: parser("<Say>" + body + "</Say>"), the body pasted in as it is.
    const parsed = parseSafely(`<Say>${body}</Say>`, state.profile.name);
    reportDiagnostics(out, parsed, url, requestId, '<Say>'.length);
    if (parsed.document === null || hasError(parsed)) {
      endCall(state, out, 'document-error');
      return 'end';
    }
    return parsed.document;
  }
  if (rules.otherType === 'wait') {
    notify(
      out,
      'warning',
      DOCUMENT_PARSE_FAILURE,
      `The response from ${url} has content type "${contentType}": Restcomm-Connect runs nothing for it (only XML, HTML, audio/wav and text/plain), and the call waits for a hang-up.`,
      at,
    );
    return 'wait';
  }
  notify(
    out,
    'error',
    DOCUMENT_PARSE_FAILURE,
    `Document parse failure: the response from ${url} is not XML (content type "${contentType}").`,
    at,
  );
  endCall(state, out, 'document-error');
  return 'end';
}

function byPosition(a: { position: Position }, b: { position: Position }): number {
  return a.position.line - b.position.line || a.position.column - b.position.column;
}

/**
 * restcomm-connect after a hang-up (VoiceInterpreter.onTagMessage, SPEC §7): the verbs are walked with the
 * call completed; those that need no caller (verbsAfterHangup: Fax, Sms, Email) run, the rest are skipped.
 * The sandbox says which is which (it runs neither kind).
 */
export function reportVerbsAfterHangup(
  state: CallState,
  out: Effects,
  documentUrl: string,
  verbs: readonly Verb[],
  skipped: readonly SkippedVerb[],
  requestId: number | null,
): void {
  const runAfter = state.profile.verbsAfterHangup;
  const walked: { name: string; position: Position; runs: boolean }[] = [
    ...verbs.map((verb) => ({ name: verb.kind as string, position: verb.position, runs: false })),
    ...skipped
      .filter((verb) => runAfter.includes(verb.name))
      .map((verb) => ({ name: verb.name, position: verb.position, runs: true })),
  ].sort(byPosition);
  for (const verb of walked) {
    const message = verb.runs
      ? `<${verb.name}> runs after the hang-up on Restcomm-Connect (it needs no caller); the sandbox does not run it.`
      : `<${verb.name}> is not run: the caller hung up (once the call has ended, Restcomm-Connect runs only ${runAfter.join(', ')}).`;
    notify(out, 'warning', VERB_NOT_SUPPORTED, message, {
      url: documentUrl,
      line: verb.position.line,
      column: verb.position.column,
      requestId,
    });
  }
}

/** The answer to the pending request (SPEC §5, §7): run its RCML, or end the call with a notification. */
export function handleResponse(
  state: CallState,
  out: Effects,
  pending: PendingRequest,
  status: number,
  contentType: string,
  body: string,
): void {
  const url = pending.documentUrl;
  const { profile } = state;
  const rules = profile.responses;
  // After a hang-up the call is over whatever the answer; failures are still reported.
  const end = (reason: CallEndReason): void => endCall(state, out, state.hungUp ? 'caller-hangup' : reason);
  let parsed: ParseResult | null = null;
  const parsedBody = (): ParseResult => (parsed ??= parseSafely(body, profile.name));
  if (rules.bodyMustBeXml && body.length > 0) {
    // Downloader.validateXML: every body with a length is parsed as XML before its status or type is read.
    const malformed = parsedBody().diagnostics.find(
      (diagnostic) => diagnostic.severity === 'error' && diagnostic.code === DOCUMENT_PARSE_FAILURE,
    );
    if (malformed !== undefined) {
      notify(
        out,
        'error',
        DOCUMENT_PARSE_FAILURE,
        `Restcomm-Connect reads every response body as XML first, whatever its status (${status}) and content type ("${contentType}"), and ends the call when it is not: ${malformed.message}`,
        { url, line: malformed.line, column: malformed.column, requestId: pending.request.id },
      );
      end('document-error');
      return;
    }
  }
  if (status === 404) {
    notify(
      out,
      'warning',
      URL_NOT_FOUND,
      `URL not found: ${pending.request.method} ${url} answered 404.`,
      requestSource(pending),
    );
    end('not-found');
    return;
  }
  if (status !== 200) {
    notify(
      out,
      'error',
      HTTP_RETRIEVAL_FAILURE,
      `HTTP retrieval failure: ${pending.request.method} ${url} answered ${status}.`,
      requestSource(pending),
    );
    end('http-error');
    return;
  }
  if (state.hungUp && profile.afterHangup === 'ignored') {
    // The caller is gone: the response's verbs are not run.
    endCall(state, out, 'caller-hangup');
    return;
  }
  const document = responseDocument(state, out, pending, contentType, body, parsedBody);
  if (document === 'end') return;
  if (state.hungUp) {
    if (document !== 'wait') {
      reportVerbsAfterHangup(state, out, url, document.verbs, document.skipped, pending.request.id);
    }
    endCall(state, out, 'caller-hangup');
    return;
  }
  if (document === 'wait') {
    state.active = { kind: 'Wait', verb: null };
    return;
  }
  state.documentUrl = url;
  state.verbs = document.verbs;
  state.skipped = document.skipped;
  state.nextVerbIndex = 0;
}

/**
 * A network error (the request could not be made or answered): 11200, or 19010 when a live server was
 * refused or unreachable (SPEC §8); the call ends.
 */
export function handleNetworkError(
  state: CallState,
  out: Effects,
  pending: PendingRequest,
  message: string,
  code: number = HTTP_RETRIEVAL_FAILURE,
): void {
  const { method } = pending.request;
  const text =
    code === HTTP_RETRIEVAL_FAILURE
      ? `HTTP retrieval failure: ${method} ${pending.documentUrl} failed (${message}).`
      : `Live server: ${method} ${pending.documentUrl} was not sent: ${message}.`;
  notify(out, 'error', code, text, requestSource(pending));
  endCall(state, out, state.hungUp ? 'caller-hangup' : 'http-error');
}

/** The URL with neither query nor fragment. */
function withoutQuery(url: string): string {
  const bare = new URL(url);
  bare.search = '';
  bare.hash = '';
  return bare.href;
}
