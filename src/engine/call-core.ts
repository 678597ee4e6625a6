import { LOOP_GUARD } from '../rcml/codes.ts';
import type { CallParamName } from '../rcml/profiles.ts';
import type { HttpMethod, Severity } from '../rcml/types.ts';
import type { CallEndReason, CallState } from './call-state.ts';
import { buildRequest, type BuildOptions } from './build-request.ts';
import type { CallEffect, HttpRequest, RequestPurpose } from './events.ts';

/** Requests in one call above which the loop guard stops it (SPEC §4). */
export const MAX_REQUESTS_PER_CALL = 100;
/** Requests in a row without caller input (speech or key) after which the loop guard stops the call. */
export const MAX_REQUESTS_WITHOUT_INPUT = 10;

/**
 * The effects of the step in progress: every engine function that acts appends to the list it is given,
 * and `step` returns it. Nothing of it is kept in the call's state.
 */
export type Effects = CallEffect[];

/** Where a notification points: a position in a document, and the request it came from. */
export interface NotificationSource {
  url: string | null;
  line: number;
  column: number;
  requestId: number | null;
}

export function notify(
  out: Effects,
  severity: Severity,
  code: number,
  message: string,
  source: NotificationSource,
): void {
  out.push({
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
export function stopActiveMedia(state: CallState, out: Effects): void {
  const active = state.active;
  if (active === null) return;
  if (active.kind === 'Say' || active.kind === 'Play') {
    out.push({ type: 'stop-media', id: active.mediaId });
  } else if (active.kind === 'Gather' && active.mediaId !== null) {
    out.push({ type: 'stop-media', id: active.mediaId });
    active.mediaId = null;
  }
}

export function endCall(state: CallState, out: Effects, reason: CallEndReason): void {
  if (state.ended) return;
  stopActiveMedia(state, out);
  state.active = null;
  state.pending = null;
  state.ended = true;
  state.endReason = reason;
  out.push({ type: 'call-ended', reason });
}

/** The parameters every request carries, in the profile's order (SPEC §4; restcomm-connect's, §7). */
export function callParams(state: CallState, callStatus?: string): Record<string, string> {
  const { profile, options, extraParams } = state;
  const name = (value: string | undefined): string =>
    value === undefined || value === '' ? profile.emptyNameValue : value;
  const values: Record<CallParamName, string> = {
    CallSid: state.callSid,
    InstanceId: extraParams.InstanceId ?? '',
    AccountSid: state.accountSid,
    From: options.from,
    To: options.to,
    CallStatus: callStatus ?? (state.hungUp ? 'completed' : 'in-progress'),
    ApiVersion: profile.apiVersion,
    Direction: 'inbound',
    CallerName: name(options.callerName),
    ForwardedFrom: name(extraParams.ForwardedFrom),
    CallTimestamp: extraParams.CallTimestamp ?? '',
  };
  const params: Record<string, string> = {};
  for (const param of profile.callParams) params[param] = values[param];
  return params;
}

/** The Auth Token that signs the call's requests (twilio, SPEC §7), or null. */
function signingKey(state: CallState): string | null {
  const token = state.options.authToken;
  return state.profile.signsRequests && token !== undefined && token !== '' ? token : null;
}

function buildOptions(state: CallState, background: boolean): BuildOptions {
  return {
    signWith: signingKey(state),
    background,
    moveQuery: state.profile.urlQuery === 'move-to-params',
  };
}

export interface RequestSpec {
  method: HttpMethod;
  /** Absolute. */
  url: string;
  params: Record<string, string>;
  purpose: RequestPurpose;
  /** The verb that asks for it (where its notifications point). */
  source: NotificationSource;
  recordingSid?: string | null;
}

/** Why the loop guard stops the call before its next request (SPEC §4), or null. */
function loopGuardReason(state: CallState): string | null {
  if (state.requestCount >= MAX_REQUESTS_PER_CALL)
    return `more than ${MAX_REQUESTS_PER_CALL} requests in one call`;
  if (state.requestsWithoutInput >= MAX_REQUESTS_WITHOUT_INPUT)
    return `${MAX_REQUESTS_WITHOUT_INPUT} requests in a row without caller input`;
  return null;
}

/**
 * Prepares a request of the call flow without emitting it (so a caller can report what it will carry
 * first): null when the loop guard stops the call instead (then call `stopByLoopGuard`).
 */
export function prepareRequest(state: CallState, spec: RequestSpec): HttpRequest | null {
  if (loopGuardReason(state) !== null) return null;
  return buildRequest(state.nextId++, spec, buildOptions(state, false));
}

/** The loop guard's notification (19004) and the end of the call, instead of the request `spec`. */
export function stopByLoopGuard(state: CallState, out: Effects, spec: RequestSpec): void {
  const why = loopGuardReason(state) ?? 'too many requests';
  notify(
    out,
    'error',
    LOOP_GUARD,
    `Loop guard stopped the call: ${why} (next: ${spec.method} ${spec.url}).`,
    {
      ...spec.source,
      requestId: null,
    },
  );
  endCall(state, out, 'loop-guard');
}

/** Emits a request prepared by `prepareRequest` and waits for its response (the call's pending request). */
export function sendRequest(
  state: CallState,
  out: Effects,
  request: HttpRequest,
  source: NotificationSource,
): void {
  state.requestCount += 1;
  state.requestsWithoutInput += 1;
  state.pending = {
    request,
    documentUrl: request.target,
    verbDocumentUrl: source.url ?? request.target,
    line: source.line,
    column: source.column,
  };
  out.push({ type: 'http-request', request });
}

/** A request of the call flow: prepared and sent, unless the loop guard stops the call. */
export function makeRequest(state: CallState, out: Effects, spec: RequestSpec): HttpRequest | null {
  const request = prepareRequest(state, spec);
  if (request === null) stopByLoopGuard(state, out, spec);
  else sendRequest(state, out, request, spec.source);
  return request;
}

/**
 * A request outside the call flow (status and transcription callbacks, SPEC §7): sent at once, not
 * awaited, not counted by the loop guard; its response is not run.
 */
export function sendBackgroundRequest(state: CallState, out: Effects, spec: RequestSpec): HttpRequest {
  const request = buildRequest(state.nextId++, spec, buildOptions(state, true));
  out.push({ type: 'http-request', request });
  return request;
}
