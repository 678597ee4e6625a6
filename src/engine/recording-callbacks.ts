/**
 * twilio's callbacks about a recording (SPEC §7): recordingStatusCallback for each of its events, and the
 * transcription posted to transcribeCallback. Each is a background request (call-core.ts): sent after the
 * request of the call flow that the same step makes, not awaited, not counted by the loop guard, its
 * response ignored.
 */
import { RECORDING_SILENT, RECORDING_TOO_SHORT, TRANSCRIPTION_LENGTH_OUT_OF_RANGE } from '../rcml/codes.ts';
import type { RecordingStatusEvent, RecordVerb } from '../rcml/types.ts';
import { resolveHttpUrl } from './build-request.ts';
import {
  callParams,
  notify,
  sendBackgroundRequest,
  type Effects,
  type NotificationSource,
} from './call-core.ts';
import type { CallState } from './call-state.ts';
import { SAMPLE_RATE_HZ, type CallEvent, type RecordingResult } from './events.ts';
import { formatRfc2822Utc } from './utc-date.ts';

/** Twilio transcribes recordings longer than this and shorter than TRANSCRIPTION_MAX_SECONDS (error 13617). */
export const TRANSCRIPTION_MIN_SECONDS = 2;
export const TRANSCRIPTION_MAX_SECONDS = 120;

/**
 * RecordingDuration of an `in-progress` status callback, sent before the length is known. Twilio's Recording
 * resource shows -1 while a recording is in progress; that the callback carries the same is unconfirmed.
 */
export const IN_PROGRESS_DURATION = '-1';

/** What a status callback says of the recording. */
export interface RecordingStatus {
  event: RecordingStatusEvent;
  recordingSid: string;
  recordingUrl: string;
  /** RecordingDuration as the action carries it (whole seconds), or IN_PROGRESS_DURATION. */
  duration: string;
  /** Call-clock sample where recording started. */
  startSample: number;
  /** `absent`: why there is no recording (16101 no samples, 16102 no speech). */
  errorCode?: number;
}

/** A recordingStatusCallback request for `status.event`, if the verb asks for that event. */
export function sendRecordingStatus(
  state: CallState,
  out: Effects,
  verb: RecordVerb,
  status: RecordingStatus,
  source: NotificationSource,
): void {
  const callback = verb.statusCallback;
  if (callback === null || !callback.events.includes(status.event)) return;
  const url = resolveHttpUrl(callback.url, state.documentUrl);
  if (url === null) return;
  const startMs = state.startTimeMs + (status.startSample * 1000) / SAMPLE_RATE_HZ;
  const params: Record<string, string> = {
    AccountSid: state.accountSid,
    CallSid: state.callSid,
    RecordingSid: status.recordingSid,
    RecordingUrl: status.recordingUrl,
    RecordingStatus: status.event,
    RecordingDuration: status.duration,
    RecordingChannels: '1',
    RecordingSource: 'RecordVerb',
    RecordingStartTime: formatRfc2822Utc(startMs),
  };
  if (status.errorCode !== undefined) params.ErrorCode = String(status.errorCode);
  sendBackgroundRequest(state, out, {
    method: callback.method,
    url,
    params,
    purpose: 'recording-status',
    source,
    recordingSid: status.recordingSid,
  });
}

/** The `completed` or `absent` status of a finished recording. */
export function finishedStatus(
  recording: RecordingResult,
  duration: string,
  heardSpeech: boolean,
): RecordingStatus {
  const base = {
    recordingSid: recording.recordingSid,
    recordingUrl: recording.url,
    startSample: recording.startSample,
  };
  if (!recording.empty) return { ...base, event: 'completed', duration };
  const errorCode = recording.samples.length > 0 && !heardSpeech ? RECORDING_SILENT : RECORDING_TOO_SHORT;
  return { ...base, event: 'absent', duration: '0', errorCode };
}

/**
 * Decides the transcription of a finished, non-empty recording: with a transcribeCallback, the callback
 * waits for a `transcript` event (the recording's `awaitsTranscript`), or, when the recording is too short
 * or too long for Twilio to transcribe, warning 13617 and a `failed` callback at once.
 */
export function planTranscription(
  state: CallState,
  out: Effects,
  verb: RecordVerb,
  recording: RecordingResult,
  source: NotificationSource,
): void {
  const callback = verb.transcription?.callback ?? null;
  if (callback === null || recording.empty) return;
  const url = resolveHttpUrl(callback, state.documentUrl);
  if (url === null) return;
  const pending = {
    recordingSid: recording.recordingSid,
    recordingUrl: recording.url,
    callbackUrl: url,
    verbDocumentUrl: source.url ?? state.documentUrl,
    line: source.line,
    column: source.column,
  };
  const seconds = recording.samples.length / SAMPLE_RATE_HZ;
  if (seconds <= TRANSCRIPTION_MIN_SECONDS || seconds >= TRANSCRIPTION_MAX_SECONDS) {
    notify(
      out,
      'warning',
      TRANSCRIPTION_LENGTH_OUT_OF_RANGE,
      `The recording lasts ${seconds.toFixed(2)} s: Twilio transcribes only recordings longer than ${TRANSCRIPTION_MIN_SECONDS} s and shorter than ${TRANSCRIPTION_MAX_SECONDS} s; the transcription failed.`,
      source,
    );
    state.transcriptions.set(pending.recordingSid, pending);
    sendTranscription(state, out, { type: 'transcript', recordingSid: pending.recordingSid, text: null });
    return;
  }
  state.transcriptions.set(pending.recordingSid, pending);
  recording.awaitsTranscript = true;
  recording.transcriptionCallbackUrl = url;
}

/** The transcription callback for a `transcript` event (ignored when no recording waits for it). */
export function sendTranscription(
  state: CallState,
  out: Effects,
  event: CallEvent & { type: 'transcript' },
): void {
  const pending = state.transcriptions.get(event.recordingSid);
  if (pending === undefined) return;
  state.transcriptions.delete(event.recordingSid);
  const transcriptionSid = `TR${state.options.randomHex(32)}`;
  const origin = originOf(state.options.recordingOrigin ?? state.options.documentUrl);
  const params: Record<string, string> = {
    TranscriptionSid: transcriptionSid,
    TranscriptionText: event.text ?? '',
    TranscriptionStatus: event.text === null ? 'failed' : 'completed',
    TranscriptionUrl: `${origin}/${state.profile.apiVersion}/Accounts/${state.accountSid}/Transcriptions/${transcriptionSid}`,
    RecordingSid: pending.recordingSid,
    RecordingUrl: pending.recordingUrl,
    ...callParams(state, state.hungUp || state.ended ? 'completed' : undefined),
  };
  sendBackgroundRequest(state, out, {
    method: 'POST',
    url: pending.callbackUrl,
    params,
    purpose: 'transcription',
    source: { url: pending.verbDocumentUrl, line: pending.line, column: pending.column, requestId: null },
    recordingSid: pending.recordingSid,
  });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
