import { INVALID_URL } from '../rcml/codes.ts';
import type { RecordVerb } from '../rcml/types.ts';
import { BEEP_SAMPLES } from './beep.ts';
import {
  callParams,
  endCall,
  notify,
  prepareRequest,
  sendRequest,
  stopByLoopGuard,
  type Effects,
  type NotificationSource,
  type RequestSpec,
} from './call-core.ts';
import type { ActiveRecord, CallState } from './call-state.ts';
import { resolveHttpUrl } from './build-request.ts';
import { SAMPLE_RATE_HZ, type RecordingResult, type StopReason } from './events.ts';
import { RecordingBuffer } from './recording-buffer.ts';
import {
  finishedStatus,
  IN_PROGRESS_DURATION,
  planTranscription,
  sendRecordingStatus,
} from './recording-callbacks.ts';
import { recordingDurationParam, recordingUrls } from './recording-params.ts';
import { reportVerbsAfterHangup } from './response.ts';

/** Starts a `<Record>`: the beep (counted on the sample clock), then recording. */
export function startRecord(state: CallState, out: Effects, verb: RecordVerb): void {
  // A maxLength of 0 or less (restcomm-connect passes it on unchecked) is no limit.
  const maxLengthSamples =
    verb.maxLengthSeconds > 0 ? Math.round(verb.maxLengthSeconds * SAMPLE_RATE_HZ) : Infinity;
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
    recordingSid: `RE${state.options.randomHex(32)}`,
    stopped: null,
  };
  state.active = active;
  if (active.beepRemainingSamples > 0) {
    out.push({ type: 'beep', durationSamples: active.beepRemainingSamples });
  } else {
    beginRecording(state, out, active);
  }
}

function verbSource(state: CallState, verb: RecordVerb): NotificationSource {
  return { url: state.documentUrl, line: verb.position.line, column: verb.position.column, requestId: null };
}

function urlsOf(state: CallState, recordingSid: string, media: RecordVerb['media']) {
  return recordingUrls(
    state.profile,
    state.options.recordingOrigin ?? state.options.documentUrl,
    state.accountSid,
    recordingSid,
    media,
  );
}

function beginRecording(state: CallState, out: Effects, active: ActiveRecord): void {
  active.startSample = state.clockSamples;
  active.vadCoveredSample = state.clockSamples;
  out.push({ type: 'recording-started', atSample: state.clockSamples, media: active.verb.media });
  sendRecordingStatus(
    state,
    out,
    active.verb,
    {
      event: 'in-progress',
      recordingSid: active.recordingSid,
      recordingUrl: urlsOf(state, active.recordingSid, active.verb.media).url,
      duration: IN_PROGRESS_DURATION,
      startSample: active.startSample,
    },
    verbSource(state, active.verb),
  );
}

/** Consumes audio `samples[offset…]` for the beep and the file; returns how many samples it used. */
export function recordAudio(
  state: CallState,
  out: Effects,
  active: ActiveRecord,
  samples: Int16Array,
  offset: number,
): number {
  const available = samples.length - offset;
  if (active.stopped !== null) {
    // Stopped, waiting for its verdict: the audio passes by, unrecorded.
    state.clockSamples += available;
    return available;
  }
  let used = 0;
  if (active.beepRemainingSamples > 0) {
    used = Math.min(active.beepRemainingSamples, available);
    active.beepRemainingSamples -= used;
    state.clockSamples += used;
    if (active.beepRemainingSamples > 0) return used;
    beginRecording(state, out, active);
  }
  const kept = active.buffer.append(samples, offset + used, samples.length);
  state.clockSamples += kept;
  used += kept;
  if (active.buffer.length >= active.maxLengthSamples) stopRecord(state, out, active, 'maxLength', '');
  return used;
}

/** A VAD frame `[frameStart, endSample)` during the Record: speech bookkeeping and the silence timeout. */
export function recordVad(
  state: CallState,
  out: Effects,
  active: ActiveRecord,
  frameStart: number,
  endSample: number,
  speech: boolean,
): void {
  if (active.beepRemainingSamples > 0 || endSample <= active.startSample) return;
  const end = active.stopped?.atSample ?? state.clockSamples;
  const covered = Math.min(endSample, end);
  if (covered > active.vadCoveredSample) active.vadCoveredSample = covered;
  if (speech && frameStart < end) {
    if (active.firstSpeechSample === null)
      active.firstSpeechSample = Math.max(frameStart, active.startSample);
    active.lastSpeechEndSample = Math.max(active.lastSpeechEndSample ?? 0, Math.min(endSample, end));
  }
  if (active.stopped !== null) {
    if (vadCaughtUp(state, active)) finishRecord(state, out, active);
    return;
  }
  if (speech) return;
  const silenceStart = silenceStartSample(active);
  if (active.vadCoveredSample - silenceStart >= active.timeoutSamples) {
    // The silence reached the timeout at silenceStart + timeout: audio after that is not in the file.
    active.buffer.truncate(silenceStart + active.timeoutSamples - active.startSample);
    stopRecord(state, out, active, 'timeout', '');
  }
}

/** Where the current stretch of silence began: the start of recording or the end of the last speech. */
export function silenceStartSample(active: ActiveRecord): number {
  return Math.max(active.startSample, active.lastSpeechEndSample ?? active.startSample);
}

/** A key during the Record: a key in finishOnKey stops it; other keys and keys during the beep are ignored. */
export function recordKey(state: CallState, out: Effects, active: ActiveRecord, key: string): void {
  if (active.beepRemainingSamples > 0 || active.stopped !== null) return;
  if (key.length === 1 && active.verb.finishOnKey.includes(key))
    stopRecord(state, out, active, 'finishOnKey', key);
}

/** The caller hung up during the Record (or while its verdict waits). */
export function recordHangup(state: CallState, out: Effects, active: ActiveRecord): void {
  if (active.stopped === null) stopRecord(state, out, active, 'hangup', 'hangup');
}

/** Whether voice activity is known far enough to judge a stopped recording (CallOptions.vadFrameSamples). */
function vadCaughtUp(state: CallState, active: ActiveRecord): boolean {
  const frame = state.options.vadFrameSamples;
  if (frame === undefined || active.stopped === null || active.beepRemainingSamples > 0) return true;
  const end = active.startSample + active.buffer.length;
  return active.vadCoveredSample >= end - frame;
}

/** Stops recording at the current clock position; the verdict follows once voice activity caught up. */
function stopRecord(
  state: CallState,
  out: Effects,
  active: ActiveRecord,
  reason: StopReason,
  digits: string,
): void {
  active.stopped = { reason, digits, atSample: state.clockSamples };
  if (vadCaughtUp(state, active)) finishRecord(state, out, active);
}

/**
 * Ends the Record: reports the recording and, unless it is empty (SPEC §3.4), requests the action; then
 * twilio's status and transcription callbacks. After a hang-up the call ends once that request is answered
 * (or at once when there is none).
 */
function finishRecord(state: CallState, out: Effects, active: ActiveRecord): void {
  const stopped = active.stopped;
  if (stopped === null) return;
  state.active = null;
  const { profile } = state;
  const verb = active.verb;
  // A stop during the beep: the recorder never started, there is no file.
  const started = active.beepRemainingSamples === 0;
  const recorded = started ? active.buffer.length : 0;
  const heardSpeech = active.firstSpeechSample !== null;
  // restcomm-connect: only a missing file is empty (WavUtils); silence is recorded like speech (SPEC §7).
  const empty = profile.emptyRecording === 'no-file' ? !started : recorded === 0 || !heardSpeech;
  let from = 0;
  let to = recorded;
  if (!empty && heardSpeech && profile.supportsTrim && verb.trim === 'trim-silence') {
    from = Math.max(0, (active.firstSpeechSample ?? active.startSample) - active.startSample);
    to = Math.min(recorded, (active.lastSpeechEndSample ?? active.startSample) - active.startSample);
  }
  const samples = recorded === 0 ? new Int16Array(0) : active.buffer.take(from, to);
  const { recordingSid } = active;
  const urls = urlsOf(state, recordingSid, verb.media);
  const source = verbSource(state, verb);
  const recording: RecordingResult = {
    recordingSid,
    samples,
    reason: stopped.reason,
    digits: stopped.digits,
    durationSeconds: samples.length / SAMPLE_RATE_HZ,
    empty,
    media: verb.media,
    startSample: active.startSample,
    endSample: active.startSample + recorded,
    url: urls.url,
    publicUrl: urls.publicUrl,
    durationParam: null,
    actionRequestId: null,
    awaitsTranscript: false,
  };
  const duration = recordingDurationParam(profile, samples.length, empty);
  /** The callbacks that follow the recording (and the action request, when there is one). */
  const callbacks = (): void => {
    sendRecordingStatus(state, out, verb, finishedStatus(recording, duration, heardSpeech), source);
    planTranscription(state, out, verb, recording, source);
  };

  if (verb.waitsForHangup) {
    // restcomm-connect's action="": FinishRecording does nothing at all (SPEC §7).
    out.push({ type: 'recording-finished', recording });
    callbacks();
    if (state.hungUp) endCall(state, out, 'caller-hangup');
    else state.active = { kind: 'Wait', verb };
    return;
  }
  const requests = verb.action !== null && (!empty || profile.emptyRecordingRequestsAction);
  if (!requests) {
    out.push({ type: 'recording-finished', recording });
    callbacks();
    if (state.hungUp) {
      // restcomm-connect without action: the rest of the document is walked with the call completed.
      if (profile.afterHangup === 'parsed') {
        const rest = state.verbs.slice(state.nextVerbIndex);
        const after = state.skipped.filter(
          (skipped) =>
            skipped.position.line > verb.position.line ||
            (skipped.position.line === verb.position.line && skipped.position.column > verb.position.column),
        );
        reportVerbsAfterHangup(state, out, state.documentUrl, rest, after, null);
      }
      endCall(state, out, 'caller-hangup');
    }
    return;
  }
  const action = verb.action ?? '';
  const url = action === '' ? state.documentUrl : resolveHttpUrl(action, state.documentUrl);
  if (url === null) {
    out.push({ type: 'recording-finished', recording });
    notify(out, 'error', INVALID_URL, `Invalid action URL "${action}": not an http(s) URL.`, source);
    endCall(state, out, 'document-error');
    return;
  }
  // In the order Restcomm-Connect adds them (BaseVoiceInterpreter FinishRecording.execute).
  const params = callParams(state);
  if (!empty) {
    params.RecordingUrl = urls.url;
    if (profile.recordingUrlForm === 'file') params.PublicRecordingUrl = urls.publicUrl;
  }
  params.RecordingDuration = duration;
  params.Digits = stopped.digits;
  if (profile.actionSendsRecordingSid) params.RecordingSid = recordingSid;
  const spec: RequestSpec = {
    method: verb.method,
    url,
    params,
    purpose: 'record-action',
    source,
    recordingSid,
  };
  const request = prepareRequest(state, spec);
  if (request !== null) {
    recording.durationParam = params.RecordingDuration;
    recording.actionRequestId = request.id;
  }
  out.push({ type: 'recording-finished', recording });
  if (request === null) stopByLoopGuard(state, out, spec);
  else sendRequest(state, out, request, source);
  callbacks();
}
