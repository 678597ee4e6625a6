import { INVALID_URL } from '../rcml/codes.ts';
import type { GatherVerb } from '../rcml/types.ts';
import { callParams, endCall, makeRequest, notify, type Effects } from './call-core.ts';
import type { ActiveGather, CallState } from './call-state.ts';
import { resolveHttpUrl } from './build-request.ts';
import { SAMPLE_RATE_HZ } from './events.ts';

/** Starts a `<Gather>`: its nested prompts run first, then its timeout counts on the sample clock. */
export function startGather(state: CallState, out: Effects, verb: GatherVerb): void {
  const active: ActiveGather = {
    kind: 'Gather',
    verb,
    childIndex: 0,
    mediaId: null,
    pauseRemainingSamples: 0,
    digits: '',
    waitedSamples: 0,
    timeoutSamples: Math.max(0, Math.round(verb.timeoutSeconds * SAMPLE_RATE_HZ)),
  };
  state.active = active;
  runPrompts(state, out, active);
}

/** Starts nested prompts from `childIndex` until one has to wait (say/play/pause) or none is left. */
function runPrompts(state: CallState, out: Effects, active: ActiveGather): void {
  const children = active.verb.children;
  while (active.childIndex < children.length) {
    const child = children[active.childIndex];
    if (child === undefined) break;
    if (child.kind === 'Say') {
      active.mediaId = state.nextId++;
      out.push({
        type: 'say',
        id: active.mediaId,
        text: child.text,
        voice: child.voice,
        language: child.language,
        loop: child.loop,
      });
      return;
    }
    if (child.kind === 'Play' && child.digits !== null) {
      active.mediaId = state.nextId++;
      out.push({ type: 'play', id: active.mediaId, url: '', loop: child.loop, digits: child.digits });
      return;
    }
    if (child.kind === 'Play') {
      const url = resolveHttpUrl(child.url, state.documentUrl);
      if (url === null) {
        notify(out, 'error', INVALID_URL, `Invalid Play URL "${child.url}": not an http(s) URL.`, {
          url: state.documentUrl,
          line: child.position.line,
          column: child.position.column,
          requestId: null,
        });
        endCall(state, out, 'document-error');
        return;
      }
      active.mediaId = state.nextId++;
      out.push({ type: 'play', id: active.mediaId, url, loop: child.loop });
      return;
    }
    active.pauseRemainingSamples = Math.max(0, Math.round(child.lengthSeconds * SAMPLE_RATE_HZ));
    if (active.pauseRemainingSamples > 0) return;
    active.childIndex += 1;
  }
}

/** Consumes audio during the Gather (nested pauses, then the timeout); returns how many samples it used. */
export function gatherAudio(state: CallState, out: Effects, active: ActiveGather, available: number): number {
  if (active.childIndex < active.verb.children.length) {
    if (active.pauseRemainingSamples > 0) {
      const used = Math.min(active.pauseRemainingSamples, available);
      active.pauseRemainingSamples -= used;
      state.clockSamples += used;
      if (active.pauseRemainingSamples === 0) {
        active.childIndex += 1;
        runPrompts(state, out, active);
      }
      return used;
    }
    state.clockSamples += available;
    return available;
  }
  const used = Math.min(Math.max(0, active.timeoutSamples - active.waitedSamples), available);
  active.waitedSamples += used;
  state.clockSamples += used;
  if (active.waitedSamples >= active.timeoutSamples) finishGather(state, out, active);
  return used;
}

export function gatherMediaFinished(state: CallState, out: Effects, active: ActiveGather, id: number): void {
  if (active.mediaId !== id) return;
  active.mediaId = null;
  active.childIndex += 1;
  runPrompts(state, out, active);
}

/**
 * A key during the Gather: it stops the prompts and counts. finishOnKey submits the digits before it;
 * numDigits submits when reached; the timeout starts again after each key.
 */
export function gatherKey(state: CallState, out: Effects, active: ActiveGather, key: string): void {
  if (active.mediaId !== null) {
    out.push({ type: 'stop-media', id: active.mediaId });
    active.mediaId = null;
  }
  active.childIndex = active.verb.children.length;
  active.pauseRemainingSamples = 0;
  active.waitedSamples = 0;
  if (active.verb.finishOnKey !== '' && key === active.verb.finishOnKey) {
    finishGather(state, out, active);
    return;
  }
  active.digits += key;
  if (active.verb.numDigits !== null && active.digits.length >= active.verb.numDigits)
    finishGather(state, out, active);
}

/**
 * Submits the digits to the action, or (no digits) goes on with the next verb; twilio's
 * `actionOnEmptyResult` requests the action with no digits too (SPEC §7).
 */
function finishGather(state: CallState, out: Effects, active: ActiveGather): void {
  state.active = null;
  if (active.digits === '' && !active.verb.actionOnEmptyResult) return;
  const verb = active.verb;
  const source = {
    url: state.documentUrl,
    line: verb.position.line,
    column: verb.position.column,
    requestId: null,
  };
  const url = verb.action === '' ? state.documentUrl : resolveHttpUrl(verb.action, state.documentUrl);
  if (url === null) {
    notify(out, 'error', INVALID_URL, `Invalid action URL "${verb.action}": not an http(s) URL.`, source);
    endCall(state, out, 'document-error');
    return;
  }
  makeRequest(state, out, {
    method: verb.method,
    url,
    params: { ...callParams(state), Digits: active.digits },
    purpose: 'gather-action',
    source,
  });
}
