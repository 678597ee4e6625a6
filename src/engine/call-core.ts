import type { HttpMethod, Severity } from '../rcml/types.ts';
import type { CallEndReason, CallState } from './call-state.ts';
import { buildRequest } from './build-request.ts';
import type { CallEffect, HttpRequest } from './events.ts';

/** Requests in one call above which the loop guard stops it (SPEC §4). */
export const MAX_REQUESTS_PER_CALL = 100;
/** Requests in a row without caller input (speech or key) after which the loop guard stops the call. */
export const MAX_REQUESTS_WITHOUT_INPUT = 10;

export function emit(state: CallState, effect: CallEffect): void {
  state.effects.push(effect);
}

/** Where a notification points: a position in a document, and the request it came from. */
export interface NotificationSource {
  url: string | null;
  line: number;
  column: number;
  requestId: number | null;
}

export function notify(
  state: CallState,
  severity: Severity,
  code: number,
  message: string,
  source: NotificationSource,
): void {
  emit(state, {
    type: 'notification',
    notification: {
      severity,
      code,
      message,
      line: source.line,
      column: source.column,
      url: source.url,
      requestId: source.requestId,
    },
  });
}

/** Stops whatever say/play is running (a verb ends early or the call ends). */
export function stopActiveMedia(state: CallState): void {
  const active = state.active;
  if (active === null) return;
  if (active.kind === 'Say' || active.kind === 'Play') {
    emit(state, { type: 'stop-media', id: active.mediaId });
  } else if (active.kind === 'Gather' && active.mediaId !== null) {
    emit(state, { type: 'stop-media', id: active.mediaId });
    active.mediaId = null;
  }
}

export function endCall(state: CallState, reason: CallEndReason): void {
  if (state.ended) return;
  stopActiveMedia(state);
  state.active = null;
  state.pending = null;
  state.ended = true;
  state.endReason = reason;
  emit(state, { type: 'call-ended', reason });
}

/** The parameters every request carries (SPEC §4). */
export function callParams(state: CallState, callStatus?: string): Record<string, string> {
  return {
    CallSid: state.callSid,
    AccountSid: state.accountSid,
    From: state.options.from,
    To: state.options.to,
    CallStatus: callStatus ?? (state.hungUp ? 'completed' : 'in-progress'),
    ApiVersion: state.profile.apiVersion,
    Direction: 'inbound',
    CallerName: state.options.callerName,
  };
}

/**
 * Makes a request (its response is awaited before anything else runs), unless the loop guard stops the
 * call. `url` is absolute; `source` is the verb that asked for it.
 */
export function makeRequest(
  state: CallState,
  method: HttpMethod,
  url: string,
  params: Record<string, string>,
  purpose: HttpRequest['purpose'],
  source: NotificationSource,
  dropQuery = false,
): void {
  if (
    state.requestCount >= MAX_REQUESTS_PER_CALL ||
    state.requestsWithoutInput >= MAX_REQUESTS_WITHOUT_INPUT
  ) {
    const why =
      state.requestCount >= MAX_REQUESTS_PER_CALL
        ? `more than ${MAX_REQUESTS_PER_CALL} requests in one call`
        : `${MAX_REQUESTS_WITHOUT_INPUT} requests in a row without caller input`;
    notify(state, 'error', 19004, `Loop guard stopped the call: ${why} (next: ${method} ${url}).`, {
      ...source,
      requestId: null,
    });
    endCall(state, 'loop-guard');
    return;
  }
  const request = buildRequest(state.nextId++, method, url, params, purpose, dropQuery);
  state.requestCount += 1;
  state.requestsWithoutInput += 1;
  const documentUrl = method === 'GET' ? stripAddedQuery(url, dropQuery) : request.url;
  state.pending = {
    request,
    documentUrl,
    verbDocumentUrl: source.url ?? documentUrl,
    line: source.line,
    column: source.column,
  };
  emit(state, { type: 'http-request', request });
}

/** The URL a GET's response document is known by: the requested URL before the call parameters were added. */
function stripAddedQuery(url: string, dropQuery: boolean): string {
  const target = new URL(url);
  if (dropQuery) target.search = '';
  return target.href;
}
