import type { RecordVerb } from '../rcml/types.ts';
import { BEEP_SAMPLES } from './beep.ts';
import { callParams, emit, endCall, makeRequest, notify } from './call-core.ts';
import type { ActiveRecord, CallState } from './call-state.ts';
import { resolveHttpUrl } from './build-request.ts';
import { SAMPLE_RATE_HZ, type StopReason } from './events.ts';
import { RecordingBuffer } from './recording-buffer.ts';
import { recordingDurationParam, recordingUrls } from './recording-params.ts';

/** Starts a `<Record>`: the beep (counted on the sample clock), then recording. */
export function startRecord(state: CallState, verb: RecordVerb): void {
  const maxLengthSamples = Math.round(verb.maxLengthSeconds * SAMPLE_RATE_HZ);
  const active: ActiveRecord = {
    kind: 'Record',
    verb,
    beepRemainingSamples: verb.playBeep ? BEEP_SAMPLES : 0,
    startSample: state.clockSamples,
    buffer: new RecordingBuffer(maxLengthSamples),
    maxLengthSamples,
    timeoutSamples: verb.timeoutSeconds > 0 ? Math.round(verb.timeoutSeconds * SAMPLE_RATE_HZ) : Infinity,
    firstSpeechSample: null,
    lastSpeechEndSample: null,
    vadCoveredSample: state.clockSamples,
  };
  state.active = active;
  if (active.beepRemainingSamples > 0) {
    emit(state, { type: 'beep', durationSamples: active.beepRemainingSamples });
  } else {
    beginRecording(state, active);
  }
}

function beginRecording(state: CallState, active: ActiveRecord): void {
  active.startSample = state.clockSamples;
  active.vadCoveredSample = state.clockSamples;
  emit(state, { type: 'recording-started', atSample: state.clockSamples });
}

/** Consumes audio `samples[offset…]` for the beep and the file; returns how many samples it used. */
export function recordAudio(
  state: CallState,
  active: ActiveRecord,
  samples: Int16Array,
  offset: number,
): number {
  let used = 0;
  const available = samples.length - offset;
  if (active.beepRemainingSamples > 0) {
    used = Math.min(active.beepRemainingSamples, available);
    active.beepRemainingSamples -= used;
    state.clockSamples += used;
    if (active.beepRemainingSamples > 0) return used;
    beginRecording(state, active);
  }
  const kept = active.buffer.append(samples, offset + used, samples.length);
  state.clockSamples += kept;
  used += kept;
  if (active.buffer.length >= active.maxLengthSamples) finishRecord(state, active, 'maxLength', '');
  return used;
}

/** A VAD frame `[frameStart, endSample)` during the Record: speech bookkeeping and the silence timeout. */
export function recordVad(
  state: CallState,
  active: ActiveRecord,
  frameStart: number,
  endSample: number,
  speech: boolean,
): void {
  if (active.beepRemainingSamples > 0 || endSample <= active.startSample) return;
  const covered = Math.min(endSample, state.clockSamples);
  if (covered > active.vadCoveredSample) active.vadCoveredSample = covered;
  if (speech) {
    if (active.firstSpeechSample === null)
      active.firstSpeechSample = Math.max(frameStart, active.startSample);
    active.lastSpeechEndSample = Math.max(active.lastSpeechEndSample ?? 0, endSample);
    return;
  }
  const silenceStart = silenceStartSample(active);
  if (active.vadCoveredSample - silenceStart >= active.timeoutSamples) {
    // The silence reached the timeout at silenceStart + timeout: audio after that is not in the file.
    active.buffer.truncate(silenceStart + active.timeoutSamples - active.startSample);
    finishRecord(state, active, 'timeout', '');
  }
}

/** Where the current stretch of silence began: the start of recording or the end of the last speech. */
export function silenceStartSample(active: ActiveRecord): number {
  return Math.max(active.startSample, active.lastSpeechEndSample ?? active.startSample);
}

/** A key during the Record: a key in finishOnKey stops it; other keys and keys during the beep are ignored. */
export function recordKey(state: CallState, active: ActiveRecord, key: string): void {
  if (active.beepRemainingSamples > 0) return;
  if (key.length === 1 && active.verb.finishOnKey.includes(key))
    finishRecord(state, active, 'finishOnKey', key);
}

/**
 * Ends the Record: reports the recording and, unless it is empty (SPEC §3.4), requests the action. After a
 * hang-up the call ends once that request is answered (or at once when there is none).
 */
export function finishRecord(
  state: CallState,
  active: ActiveRecord,
  reason: StopReason,
  digits: string,
): void {
  state.active = null;
  const verb = active.verb;
  const recorded = active.beepRemainingSamples > 0 ? 0 : active.buffer.length;
  const empty = recorded === 0 || active.firstSpeechSample === null;
  let from = 0;
  let to = recorded;
  if (!empty && state.profile.supportsTrim && verb.trim === 'trim-silence') {
    from = Math.max(0, (active.firstSpeechSample ?? active.startSample) - active.startSample);
    to = Math.min(recorded, (active.lastSpeechEndSample ?? active.startSample) - active.startSample);
  }
  const samples = recorded === 0 ? new Int16Array(0) : active.buffer.take(from, to);
  const recordingSid = `RE${state.options.randomHex(32)}`;
  const urls = recordingUrls(state.profile, state.options.documentUrl, state.accountSid, recordingSid);
  emit(state, {
    type: 'recording-finished',
    recording: {
      recordingSid,
      samples,
      reason,
      digits,
      durationSeconds: samples.length / SAMPLE_RATE_HZ,
      empty,
      url: urls.url,
      publicUrl: urls.publicUrl,
    },
  });

  const source = {
    url: state.documentUrl,
    line: verb.position.line,
    column: verb.position.column,
    requestId: null,
  };
  const requests = verb.action !== null && (!empty || state.profile.emptyRecordingRequestsAction);
  if (!requests) {
    if (state.hungUp) endCall(state, 'caller-hangup');
    return;
  }
  const action = verb.action ?? '';
  const url = action === '' ? state.documentUrl : resolveHttpUrl(action, state.documentUrl);
  if (url === null) {
    notify(state, 'error', 11100, `Invalid action URL "${action}": not an http(s) URL.`, source);
    endCall(state, 'document-error');
    return;
  }
  const params = callParams(state);
  if (!empty) params.RecordingUrl = urls.url;
  params.RecordingDuration = recordingDurationParam(state.profile, samples.length, empty);
  params.Digits = digits;
  if (!empty && state.profile.recordingUrlForm === 'file') params.PublicRecordingUrl = urls.publicUrl;
  makeRequest(state, verb.method, url, params, 'record-action', source, state.profile.getDropsActionQuery);
}
