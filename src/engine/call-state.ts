import type { GatherVerb, RecordVerb, SkippedVerb, Verb } from '../rcml/types.ts';
import type { ExtraParamName, Profile } from '../rcml/profiles.ts';
import type { CallOptions, HttpRequest, StopReason } from './events.ts';
import type { RecordingBuffer } from './recording-buffer.ts';

/** Why a call ended (the `reason` of the `call-ended` effect). */
export type CallEndReason =
  /** The caller hung up (or the microphone ended). */
  | 'caller-hangup'
  /** A `<Hangup>` verb. */
  | 'hangup'
  /** The document ran out of verbs (or had none). */
  | 'end-of-document'
  /** `<Reject reason="rejected">` / `<Reject reason="busy">`. */
  | 'rejected'
  | 'busy'
  /** A document that does not parse, a response that is not XML, or a URL that is not http(s) (12100, 12200, 11100). */
  | 'document-error'
  /** HTTP retrieval failure: a status other than 200/404, or a network error (11200). */
  | 'http-error'
  /** A requested URL answered 404 (21402). */
  | 'not-found'
  /** The loop guard (19004). */
  | 'loop-guard';

/** A `<Record>` in progress. Sample positions are on the call clock. */
export interface ActiveRecord {
  kind: 'Record';
  verb: RecordVerb;
  /** Beep samples still to pass before recording starts. */
  beepRemainingSamples: number;
  /** Call-clock position where recording started (valid once the beep is over). */
  startSample: number;
  buffer: RecordingBuffer;
  maxLengthSamples: number;
  /** Infinity when silence detection is off. */
  timeoutSamples: number;
  /** Call-clock positions of the first speech frame's start and the last speech frame's end, if any. */
  firstSpeechSample: number | null;
  lastSpeechEndSample: number | null;
  /** End of the last VAD frame seen during the recording (silence is known up to here). */
  vadCoveredSample: number;
  /** Made when the Record starts, so callbacks of the recording in progress can name it. */
  recordingSid: string;
  /**
   * Set when the recording has stopped but its verdict waits for voice activity to catch up
   * (CallOptions.vadFrameSamples): the buffer holds the file; audio after `atSample` is not recorded.
   */
  stopped: { reason: StopReason; digits: string; atSample: number } | null;
}

export interface ActiveMedia {
  kind: 'Say' | 'Play';
  verb: Verb;
  mediaId: number;
}

export interface ActivePause {
  kind: 'Pause';
  verb: Verb;
  remainingSamples: number;
}

export interface ActiveGather {
  kind: 'Gather';
  verb: GatherVerb;
  /** Index of the nested prompt running; `children.length` once they are done and the timeout runs. */
  childIndex: number;
  /** The say/play in progress, if any. */
  mediaId: number | null;
  /** Pause samples left for a nested `<Pause>`. */
  pauseRemainingSamples: number;
  digits: string;
  /** Samples waited for a key since the prompts finished (or since the last key). */
  waitedSamples: number;
  timeoutSamples: number;
}

/**
 * Nothing more runs and no request is made: the call waits for the caller to hang up (restcomm-connect's
 * `action=""`, or a response whose content type it runs nothing for; SPEC §7).
 */
export interface ActiveWait {
  kind: 'Wait';
  /** The verb that led here, or null (a response). */
  verb: Verb | null;
}

export type ActiveVerb = ActiveRecord | ActiveMedia | ActivePause | ActiveGather | ActiveWait;

/** A recording whose transcription callback waits for its transcript (twilio, SPEC §7). */
export interface PendingTranscription {
  recordingSid: string;
  recordingUrl: string;
  /** Absolute. */
  callbackUrl: string;
  /** Where notifications about it point. */
  verbDocumentUrl: string;
  line: number;
  column: number;
}

export interface PendingRequest {
  request: HttpRequest;
  /** The URL the response document will be resolved against (the request URL without the GET parameters). */
  documentUrl: string;
  /** Position and document of the verb that made it (0:0 for the first document request). */
  verbDocumentUrl: string;
  line: number;
  column: number;
}

/**
 * The whole state of one call. `step` updates it in place and returns the same object with the effects of
 * that step (which are never kept in the state): the caller owns it and must pass the returned state to
 * the next `step`, never an older one. The recorded audio lives in a growing buffer inside it; nothing is
 * copied per step.
 */
export interface CallState {
  options: CallOptions;
  profile: Profile;
  speechThreshold: number;
  callSid: string;
  accountSid: string;
  /** The profile's extra call parameters, with CallOptions.extraParams over its defaults. */
  extraParams: Partial<Record<ExtraParamName, string>>;
  startTimeMs: number;
  clockSamples: number;
  /** True once the first document's first verb has started (Reject is only allowed before). */
  answered: boolean;
  hungUp: boolean;
  ended: boolean;
  endReason: CallEndReason | null;
  /** URL of the document whose verbs are running. */
  documentUrl: string;
  verbs: Verb[];
  /** The verbs of that document the sandbox does not run (for restcomm-connect's walk after a hang-up). */
  skipped: SkippedVerb[];
  /** Index of the next verb to start. */
  nextVerbIndex: number;
  active: ActiveVerb | null;
  pending: PendingRequest | null;
  nextId: number;
  requestCount: number;
  requestsWithoutInput: number;
  /** End of the previous VAD frame on the call clock (where the next frame starts). */
  lastVadEndSample: number;
  /** Recordings waiting for a `transcript` event, by recording SID. */
  transcriptions: Map<string, PendingTranscription>;
}
