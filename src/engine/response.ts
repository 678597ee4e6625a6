import { DOCUMENT_PARSE_FAILURE, HTTP_RETRIEVAL_FAILURE, URL_NOT_FOUND } from '../rcml/codes.ts';
import { parseRcml } from '../rcml/parse.ts';
import type { ParseResult, ProfileName } from '../rcml/types.ts';
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

/** `text/xml`, `application/xml` and `…+xml`, with any parameters. */
export function isXmlContentType(contentType: string): boolean {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return essence === 'text/xml' || essence === 'application/xml' || essence.endsWith('+xml');
}

function requestSource(pending: PendingRequest) {
  return {
    url: pending.verbDocumentUrl,
    line: pending.line,
    column: pending.column,
    requestId: pending.request.id,
  };
}

/** The answer to the pending request (SPEC §5): run its RCML, or end the call with a notification. */
export function handleResponse(
  state: CallState,
  out: Effects,
  pending: PendingRequest,
  status: number,
  contentType: string,
  body: string,
): void {
  const url = pending.documentUrl;
  // After a hang-up the call is over whatever the answer; failures are still reported.
  const end = (reason: CallEndReason): void => endCall(state, out, state.hungUp ? 'caller-hangup' : reason);
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
  if (state.hungUp) {
    // The caller is gone: the response's verbs are not run.
    endCall(state, out, 'caller-hangup');
    return;
  }
  if (!isXmlContentType(contentType)) {
    notify(
      out,
      'error',
      DOCUMENT_PARSE_FAILURE,
      `Document parse failure: the response from ${url} is not XML (content type "${contentType}").`,
      { url, line: 1, column: 1, requestId: pending.request.id },
    );
    endCall(state, out, 'document-error');
    return;
  }
  const parsed = parseSafely(body, state.profile.name);
  for (const diagnostic of parsed.diagnostics) {
    notify(out, diagnostic.severity, diagnostic.code, diagnostic.message, {
      url,
      line: diagnostic.line,
      column: diagnostic.column,
      requestId: pending.request.id,
    });
  }
  if (parsed.document === null || parsed.diagnostics.some((d) => d.severity === 'error')) {
    endCall(state, out, 'document-error');
    return;
  }
  state.documentUrl = url;
  state.verbs = parsed.document.verbs;
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
