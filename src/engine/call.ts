import type { GatherChild, Verb } from '../rcml/types.ts';
import { getProfile } from '../rcml/profiles.ts';
import { HTTP_RETRIEVAL_FAILURE, INVALID_URL, REJECT_NOT_FIRST } from '../rcml/codes.ts';
import { resolveHttpUrl } from './build-request.ts';
import { callParams, endCall, makeRequest, notify, type Effects } from './call-core.ts';
import type { CallEndReason, CallState } from './call-state.ts';
import { SAMPLE_RATE_HZ, type CallEffect, type CallEvent, type CallOptions } from './events.ts';
import { gatherAudio, gatherKey, gatherMediaFinished, startGather } from './gather.ts';
import {
  recordAudio,
  recordHangup,
  recordKey,
  recordVad,
  silenceStartSample,
  startRecord,
} from './record.ts';
import { sendTranscription } from './recording-callbacks.ts';
import { handleNetworkError, handleResponse } from './response.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from './speech.ts';
import { DEFAULT_START_TIME_MS, formatIsoUtc } from './utc-date.ts';

export { BEEP_SAMPLES, BEEP_SECONDS } from './beep.ts';
export type { CallEndReason, CallState } from './call-state.ts';

export interface StepResult {
  /** The same state object that was passed in (updated in place), or the new one from startCall. */
  state: CallState;
  effects: CallEffect[];
}

/** What the UI shows of a call. */
export interface CallSnapshot {
  status: 'connecting' | 'running' | 'recording' | 'ended';
  clockSamples: number;
  /** The verb running, or null (waiting for a response, or ended). */
  verb: Verb | null;
  /** While a `<Gather>` runs its nested prompts: the one running (what the caller hears), else null. */
  prompt: GatherChild | null;
  /** URL of the document whose verbs run. */
  documentUrl: string;
  /**
   * Nothing more runs and no request is made until the caller hangs up (restcomm-connect's `action=""`, or
   * a response whose content type it runs nothing for).
   */
  waitingForHangup: boolean;
  /**
   * While a `<Record>` runs (beep included). `timeoutSamples` is 0 when silence detection is off,
   * `maxLengthSamples` 0 when there is no length limit.
   */
  recording: {
    lengthSamples: number;
    maxLengthSamples: number;
    silenceSamples: number;
    timeoutSamples: number;
    beepRemainingSamples: number;
  } | null;
  endReason: CallEndReason | null;
}

/**
 * Starts a call: the state, and the first effect, a POST of the document URL with `CallStatus=ringing`.
 * Feed its response (an `http-response` or `http-error` event) to `step`.
 */
export function startCall(options: CallOptions): StepResult {
  const profile = getProfile(options.profile);
  const startTimeMs = options.startTimeMs ?? DEFAULT_START_TIME_MS;
  const extraParams = {
    ...profile.extraParams,
    CallTimestamp: formatIsoUtc(startTimeMs),
    ...options.extraParams,
  };
  const callHex = options.randomHex(32);
  const state: CallState = {
    options,
    profile,
    speechThreshold: options.speechProbabilityThreshold ?? SPEECH_PROBABILITY_THRESHOLD,
    // restcomm-connect: Sid.generate(CALL) is the InstanceId, "-CA" and a uuid's hex (SPEC §7).
    callSid:
      profile.callSidForm === 'instance-CA' ? `${extraParams.InstanceId ?? ''}-CA${callHex}` : `CA${callHex}`,
    accountSid: `AC${options.randomHex(32)}`,
    extraParams,
    startTimeMs,
    clockSamples: 0,
    answered: false,
    hungUp: false,
    ended: false,
    endReason: null,
    documentUrl: options.documentUrl,
    verbs: [],
    skipped: [],
    nextVerbIndex: 0,
    active: null,
    pending: null,
    nextId: 1,
    requestCount: 0,
    requestsWithoutInput: 0,
    lastVadEndSample: 0,
    transcriptions: new Map(),
  };
  const out: Effects = [];
  const source = { url: options.documentUrl, line: 0, column: 0, requestId: null };
  const url = resolveHttpUrl(options.documentUrl, options.documentUrl);
  if (url === null) {
    notify(
      out,
      'error',
      INVALID_URL,
      `Invalid document URL "${options.documentUrl}": not an http(s) URL.`,
      source,
    );
    endCall(state, out, 'document-error');
  } else {
    makeRequest(state, out, {
      method: 'POST',
      url,
      params: callParams(state, 'ringing'),
      purpose: 'document',
      source,
    });
  }
  return { state, effects: out };
}

/**
 * Applies one event at the call's current sample position and returns the effects it causes. The state is
 * updated in place (the recording buffer grows inside it) and returned: pass it to the next `step`, never an
 * older one. Events after the call ended are ignored. Audio chunks are copied where they are kept, so the
 * caller may reuse them. A chunk is split where a verb ends on its own (beep, maxLength, Pause, Gather
 * timeout): the next verb gets the rest; when that verb made a request, the rest of the chunk passes while
 * the response is awaited (audio keeps flowing during a request, as on a real call).
 */
export function step(state: CallState, event: CallEvent): StepResult {
  const out: Effects = [];
  if (event.type === 'transcript') {
    // Outside the call flow: taken even after the call ended.
    sendTranscription(state, out, event);
    return { state, effects: out };
  }
  if (state.ended) return { state, effects: out };
  switch (event.type) {
    case 'audio':
      onAudio(state, out, event.samples);
      break;
    case 'vad':
      onVad(state, out, event.endSample, event.speechProbability);
      break;
    case 'key':
      onKey(state, out, event.key);
      break;
    case 'hangup':
      onHangup(state, out);
      break;
    case 'media-finished':
      onMediaFinished(state, out, event.id, event.error);
      break;
    case 'http-response':
    case 'http-error': {
      const pending = state.pending;
      if (pending === null || pending.request.id !== event.id) break;
      state.pending = null;
      if (event.type === 'http-response') {
        handleResponse(state, out, pending, event.status, event.contentType, event.body);
      } else {
        handleNetworkError(state, out, pending, event.message, event.code);
      }
      break;
    }
  }
  advance(state, out);
  return { state, effects: out };
}

/** The UI's view of the call. */
export function describeCall(state: CallState): CallSnapshot {
  const active = state.active;
  const status = state.ended
    ? 'ended'
    : !state.answered
      ? 'connecting'
      : active?.kind === 'Record'
        ? 'recording'
        : 'running';
  return {
    status,
    clockSamples: state.clockSamples,
    verb: active?.verb ?? null,
    prompt:
      active?.kind === 'Gather' && active.childIndex < active.verb.children.length
        ? (active.verb.children[active.childIndex] ?? null)
        : null,
    documentUrl: state.documentUrl,
    waitingForHangup: active?.kind === 'Wait',
    recording:
      active?.kind === 'Record'
        ? {
            lengthSamples: active.buffer.length,
            maxLengthSamples: Number.isFinite(active.maxLengthSamples) ? active.maxLengthSamples : 0,
            silenceSamples:
              active.beepRemainingSamples > 0
                ? 0
                : Math.max(0, active.vadCoveredSample - silenceStartSample(active)),
            timeoutSamples: Number.isFinite(active.timeoutSamples) ? active.timeoutSamples : 0,
            beepRemainingSamples: active.beepRemainingSamples,
          }
        : null,
    endReason: state.endReason,
  };
}

/**
 * The next call-clock position at which the engine acts by itself (end of a beep, Pause, maxLength, Gather
 * timeout), or null. A driver that splits audio chunks there makes those events sample-exact even when a
 * request follows; the browser driver need not.
 */
export function nextDeadlineSample(state: CallState): number | null {
  const active = state.active;
  if (state.ended || active === null) return null;
  switch (active.kind) {
    case 'Record':
      if (active.beepRemainingSamples > 0) return state.clockSamples + active.beepRemainingSamples;
      return Number.isFinite(active.maxLengthSamples)
        ? state.clockSamples + active.maxLengthSamples - active.buffer.length
        : null;
    case 'Pause':
      return state.clockSamples + active.remainingSamples;
    case 'Gather':
      if (active.childIndex < active.verb.children.length) {
        return active.pauseRemainingSamples > 0 ? state.clockSamples + active.pauseRemainingSamples : null;
      }
      return state.clockSamples + Math.max(0, active.timeoutSamples - active.waitedSamples);
    default:
      return null;
  }
}

function onAudio(state: CallState, out: Effects, samples: Int16Array): void {
  let offset = 0;
  while (offset < samples.length && !state.ended) {
    const active = state.active;
    const available = samples.length - offset;
    let used: number;
    if (active === null) {
      used = available;
      state.clockSamples += used;
    } else if (active.kind === 'Record') {
      used = recordAudio(state, out, active, samples, offset);
    } else if (active.kind === 'Pause') {
      used = Math.min(active.remainingSamples, available);
      active.remainingSamples -= used;
      state.clockSamples += used;
      if (active.remainingSamples === 0) state.active = null;
    } else if (active.kind === 'Gather') {
      used = gatherAudio(state, out, active, available);
    } else {
      used = available;
      state.clockSamples += used;
    }
    offset += used;
    advance(state, out);
    if (used === 0 && !state.ended && state.active === active) {
      // Nothing can consume the rest (should not happen): keep the clock honest.
      state.clockSamples += samples.length - offset;
      break;
    }
  }
}

function onVad(state: CallState, out: Effects, endSample: number, probability: number): void {
  const frameStart = Math.min(state.lastVadEndSample, endSample);
  state.lastVadEndSample = Math.max(state.lastVadEndSample, endSample);
  const speech = probability >= state.speechThreshold;
  if (speech) state.requestsWithoutInput = 0;
  const active = state.active;
  if (active?.kind === 'Record') recordVad(state, out, active, frameStart, endSample, speech);
}

function onKey(state: CallState, out: Effects, key: string): void {
  state.requestsWithoutInput = 0;
  const active = state.active;
  if (active?.kind === 'Record') recordKey(state, out, active, key);
  else if (active?.kind === 'Gather') gatherKey(state, out, active, key);
}

function onHangup(state: CallState, out: Effects): void {
  if (state.hungUp) return;
  state.hungUp = true;
  const active = state.active;
  if (active?.kind === 'Record') {
    recordHangup(state, out, active);
    return;
  }
  endCall(state, out, 'caller-hangup');
}

function onMediaFinished(state: CallState, out: Effects, id: number, error: string | undefined): void {
  const active = state.active;
  const mediaId =
    active?.kind === 'Gather'
      ? active.mediaId
      : active?.kind === 'Say' || active?.kind === 'Play'
        ? active.mediaId
        : null;
  if (active === null || active.kind === 'Wait' || mediaId !== id) return;
  if (error !== undefined) {
    const verb =
      active.kind === 'Gather' ? (active.verb.children[active.childIndex] ?? active.verb) : active.verb;
    notify(out, 'warning', HTTP_RETRIEVAL_FAILURE, `${error}: skipped.`, {
      url: state.documentUrl,
      line: verb.position.line,
      column: verb.position.column,
      requestId: null,
    });
  }
  if (active.kind === 'Gather') gatherMediaFinished(state, out, active, id);
  else state.active = null;
}

/** Starts verbs until one waits (audio, media, a request) or the call ends. */
function advance(state: CallState, out: Effects): void {
  while (!state.ended && state.active === null && state.pending === null) {
    const verb = state.verbs[state.nextVerbIndex];
    if (verb === undefined) {
      // No document yet (the first request is unanswered) cannot reach here: pending is set.
      endCall(state, out, 'end-of-document');
      return;
    }
    state.nextVerbIndex += 1;
    startVerb(state, out, verb);
  }
}

function startVerb(state: CallState, out: Effects, verb: Verb): void {
  const first = !state.answered;
  state.answered = true;
  out.push({ type: 'verb-started', verb, documentUrl: state.documentUrl, position: verb.position });
  const source = {
    url: state.documentUrl,
    line: verb.position.line,
    column: verb.position.column,
    requestId: null,
  };
  switch (verb.kind) {
    case 'Record':
      startRecord(state, out, verb);
      return;
    case 'Say': {
      const id = state.nextId++;
      state.active = { kind: 'Say', verb, mediaId: id };
      out.push({
        type: 'say',
        id,
        text: verb.text,
        voice: verb.voice,
        language: verb.language,
        loop: verb.loop,
      });
      return;
    }
    case 'Play': {
      if (verb.digits !== null) {
        // twilio's <Play digits>: DTMF tones, no URL (SPEC §7).
        const id = state.nextId++;
        state.active = { kind: 'Play', verb, mediaId: id };
        out.push({ type: 'play', id, url: '', loop: verb.loop, digits: verb.digits });
        return;
      }
      const url = resolveHttpUrl(verb.url, state.documentUrl);
      if (url === null) {
        notify(out, 'error', INVALID_URL, `Invalid Play URL "${verb.url}": not an http(s) URL.`, source);
        endCall(state, out, 'document-error');
        return;
      }
      const id = state.nextId++;
      state.active = { kind: 'Play', verb, mediaId: id };
      out.push({ type: 'play', id, url, loop: verb.loop });
      return;
    }
    case 'Pause': {
      const remainingSamples = Math.max(0, Math.round(verb.lengthSeconds * SAMPLE_RATE_HZ));
      if (remainingSamples > 0) state.active = { kind: 'Pause', verb, remainingSamples };
      return;
    }
    case 'Gather':
      startGather(state, out, verb);
      return;
    case 'Hangup':
      endCall(state, out, 'hangup');
      return;
    case 'Redirect': {
      const url = resolveHttpUrl(verb.url, state.documentUrl);
      if (url === null) {
        notify(out, 'error', INVALID_URL, `Invalid Redirect URL "${verb.url}": not an http(s) URL.`, source);
        endCall(state, out, 'document-error');
        return;
      }
      makeRequest(state, out, {
        method: verb.method,
        url,
        params: callParams(state),
        purpose: 'redirect',
        source,
      });
      return;
    }
    case 'Reject':
      if (first) {
        endCall(state, out, verb.reason === 'busy' ? 'busy' : 'rejected');
        return;
      }
      // The parser already warned about a Reject that is not first in its document; a Reject first in a
      // later document is only known here.
      if (state.nextVerbIndex === 1) {
        notify(
          out,
          'warning',
          REJECT_NOT_FIRST,
          '<Reject> runs after the call was answered (it is only allowed as the first verb of the call): skipped.',
          source,
        );
      }
      return;
  }
}
