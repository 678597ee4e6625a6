import type { GatherVerb } from '../rcml/types.ts';
import { callParams, emit, endCall, makeRequest, notify } from './call-core.ts';
import type { ActiveGather, CallState } from './call-state.ts';
import { resolveHttpUrl } from './build-request.ts';
import { SAMPLE_RATE_HZ } from './events.ts';

/** Starts a `<Gather>`: its nested prompts run first, then its timeout counts on the sample clock. */
export function startGather(state: CallState, verb: GatherVerb): void {
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
  runPrompts(state, active);
}

/** Starts nested prompts from `childIndex` until one has to wait (say/play/pause) or none is left. */
function runPrompts(state: CallState, active: ActiveGather): void {
  const children = active.verb.children;
  while (active.childIndex < children.length) {
    const child = children[active.childIndex];
    if (child === undefined) break;
    if (child.kind === 'Say') {
      active.mediaId = state.nextId++;
      emit(state, {
        type: 'say',
        id: active.mediaId,
        text: child.text,
        voice: child.voice,
        language: child.language,
        loop: child.loop,
      });
      return;
    }
    if (child.kind === 'Play') {
      const url = resolveHttpUrl(child.url, state.documentUrl);
      if (url === null) {
        notify(state, 'error', 11100, `Invalid Play URL "${child.url}": not an http(s) URL.`, {
          url: state.documentUrl,
          line: child.position.line,
          column: child.position.column,
          requestId: null,
        });
        endCall(state, 'document-error');
        return;
      }
      active.mediaId = state.nextId++;
      emit(state, { type: 'play', id: active.mediaId, url, loop: child.loop });
      return;
    }
    active.pauseRemainingSamples = Math.max(0, Math.round(child.lengthSeconds * SAMPLE_RATE_HZ));
    if (active.pauseRemainingSamples > 0) return;
    active.childIndex += 1;
  }
}

/** Consumes audio during the Gather (nested pauses, then the timeout); returns how many samples it used. */
export function gatherAudio(state: CallState, active: ActiveGather, available: number): number {
  if (active.childIndex < active.verb.children.length) {
    if (active.pauseRemainingSamples > 0) {
      const used = Math.min(active.pauseRemainingSamples, available);
      active.pauseRemainingSamples -= used;
      state.clockSamples += used;
      if (active.pauseRemainingSamples === 0) {
        active.childIndex += 1;
        runPrompts(state, active);
      }
      return used;
    }
    state.clockSamples += available;
    return available;
  }
  const used = Math.min(Math.max(0, active.timeoutSamples - active.waitedSamples), available);
  active.waitedSamples += used;
  state.clockSamples += used;
  if (active.waitedSamples >= active.timeoutSamples) finishGather(state, active);
  return used;
}

export function gatherMediaFinished(state: CallState, active: ActiveGather, id: number): void {
  if (active.mediaId !== id) return;
  active.mediaId = null;
  active.childIndex += 1;
  runPrompts(state, active);
}

/**
 * A key during the Gather: it stops the prompts and counts. finishOnKey submits the digits before it;
 * numDigits submits when reached; the timeout starts again after each key.
 */
export function gatherKey(state: CallState, active: ActiveGather, key: string): void {
  if (active.mediaId !== null) {
    emit(state, { type: 'stop-media', id: active.mediaId });
    active.mediaId = null;
  }
  active.childIndex = active.verb.children.length;
  active.pauseRemainingSamples = 0;
  active.waitedSamples = 0;
  if (active.verb.finishOnKey !== '' && key === active.verb.finishOnKey) {
    finishGather(state, active);
    return;
  }
  active.digits += key;
  if (active.verb.numDigits !== null && active.digits.length >= active.verb.numDigits)
    finishGather(state, active);
}

/** Submits the digits to the action, or (no digits) goes on with the next verb. */
function finishGather(state: CallState, active: ActiveGather): void {
  state.active = null;
  if (active.digits === '') return;
  const verb = active.verb;
  const source = {
    url: state.documentUrl,
    line: verb.position.line,
    column: verb.position.column,
    requestId: null,
  };
  const url = verb.action === '' ? state.documentUrl : resolveHttpUrl(verb.action, state.documentUrl);
  if (url === null) {
    notify(state, 'error', 11100, `Invalid action URL "${verb.action}": not an http(s) URL.`, source);
    endCall(state, 'document-error');
    return;
  }
  makeRequest(
    state,
    verb.method,
    url,
    { ...callParams(state), Digits: active.digits },
    'gather-action',
    source,
    state.profile.getDropsActionQuery,
  );
}
