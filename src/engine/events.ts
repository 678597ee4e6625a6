import type { ExtraParamName } from '../rcml/profiles.ts';
import type { Diagnostic, HttpMethod, Position, ProfileName, RecordVerb, Verb } from '../rcml/types.ts';

export { SAMPLE_RATE_HZ } from '../audio/sample-rate.ts';

/** What the engine is told. Every event happens at the engine's current sample position. */
export type CallEvent =
  /** Captured caller audio at 8 kHz; the clock advances by its length. */
  | { type: 'audio'; samples: Int16Array }
  /** One voice-activity frame that ends at `endSample` on the call clock. */
  | { type: 'vad'; endSample: number; speechProbability: number }
  | { type: 'key'; key: string }
  /** The caller hung up, or the microphone ended. */
  | { type: 'hangup' }
  /** A `say` or `play` effect finished; `error` when it could not be played (the verb is skipped). */
  | { type: 'media-finished'; id: number; error?: string }
  | { type: 'http-response'; id: number; status: number; contentType: string; body: string }
  /**
   * The request could not be made or answered. `code` is 11200 (HTTP retrieval failure, the default) or
   * 19010 (a live server refused or unreachable, SPEC §8).
   */
  | { type: 'http-error'; id: number; message: string; code?: number }
  /**
   * The transcript of a recording whose `recording-finished` effect had `awaitsTranscript` (twilio's
   * `transcribeCallback`, SPEC §7): its text, or null when the transcription failed. The engine then posts
   * the transcription callback. Taken even after the call ended (a transcript comes after the recording).
   */
  | { type: 'transcript'; recordingSid: string; text: string | null };

export type StopReason = 'finishOnKey' | 'timeout' | 'maxLength' | 'hangup';

/** Why a request is made. */
export type RequestPurpose =
  'document' | 'record-action' | 'gather-action' | 'redirect' | 'recording-status' | 'transcription';

export interface HttpRequest {
  id: number;
  method: HttpMethod;
  /** The full URL, with the query of a GET. */
  url: string;
  /**
   * The URL as the document names it, before the call's parameters were added, without a fragment
   * (restcomm-connect's own query included, though it travels after the parameters). What servesDocument
   * compares with the document URL, and the base of a fetched document's relative URLs.
   */
  target: string;
  /** Query parameters of a GET, form parameters of a POST. */
  params: Record<string, string>;
  /** The form body of a POST (`application/x-www-form-urlencoded`). */
  body: string | null;
  headers: Record<string, string>;
  purpose: RequestPurpose;
  /** The recording the request carries (a Record action, a status or transcription callback), or null. */
  recordingSid: string | null;
  /**
   * Sent outside the call flow (status and transcription callbacks): the call does not wait for it, the
   * loop guard does not count it, and its response is not run.
   */
  background: boolean;
}

export interface RecordingResult {
  recordingSid: string;
  samples: Int16Array;
  reason: StopReason;
  digits: string;
  durationSeconds: number;
  empty: boolean;
  media: RecordVerb['media'];
  /** Call-clock positions where the recording started (after the beep) and where it stopped. */
  startSample: number;
  endSample: number;
  /** The URL sent as RecordingUrl (the one the mock server answers with the file; `.mp4` for video, SPEC §10). */
  url: string;
  /** The http URL the WAV is served at (differs from `url` in restcomm-connect's file:// form). */
  publicUrl: string;
  /** The RecordingDuration the action request carries, or null when no action request is made. */
  durationParam: string | null;
  /** The id of the action request that carries the recording, or null when none is made. */
  actionRequestId: number | null;
  /**
   * The engine waits for a `transcript` event for this recording (twilio's transcribeCallback): the driver
   * sends it once it has the text (simulateCall: at once, from its `transcripts` option).
   */
  awaitsTranscript: boolean;
  /** Where the transcription callback goes, when `awaitsTranscript` (for finding the text, ruleTranscript). */
  transcriptionCallbackUrl?: string;
}

export interface Notification extends Diagnostic {
  /** The document the position refers to, or the request the notification came from. */
  url: string | null;
  requestId: number | null;
}

/** What the engine asks the world to do (performed by a driver: the browser's or the simulator's). */
export type CallEffect =
  | { type: 'http-request'; request: HttpRequest }
  | { type: 'verb-started'; verb: Verb; documentUrl: string; position: Position }
  | { type: 'beep'; durationSamples: number }
  /** The file starts here (after the beep); a video `media` asks the driver to record the camera too. */
  | { type: 'recording-started'; atSample: number; media: RecordVerb['media'] }
  | { type: 'recording-finished'; recording: RecordingResult }
  | { type: 'say'; id: number; text: string; voice: string; language: string; loop: number }
  /** Plays a URL (`digits` for twilio's `<Play digits>`: DTMF tones, `w` a 0.5 s pause; then `url` is ''). */
  | { type: 'play'; id: number; url: string; loop: number; digits?: string }
  /** Stop any say/play in progress (the verb ended, e.g. a key barged in on a Gather). */
  | { type: 'stop-media'; id: number }
  | { type: 'notification'; notification: Notification }
  | { type: 'call-ended'; reason: string };

export interface CallOptions {
  documentUrl: string;
  profile: ProfileName;
  from: string;
  to: string;
  callerName: string;
  /** Source of random hex digits for SIDs; tests pass a seeded one. */
  randomHex: (length: number) => string;
  /** A VAD frame with at least this speech probability is speech; default SPEECH_PROBABILITY_THRESHOLD (0.5). */
  speechProbabilityThreshold?: number;
  /**
   * Set when the voice-activity frames may arrive well after the audio they judge (the browser scores audio
   * captured before its model was ready, and its model runs behind). A recording that stops by key,
   * maxLength or hang-up is then judged (empty, trimmed, action) only once voice activity is known up to
   * within this many samples of its end. Unset: it is judged with the frames known when it stops.
   */
  vadFrameSamples?: number;
  /**
   * Where the recordings are served: an origin (`http://127.0.0.1:5173`) that replaces the document URL's
   * origin in RecordingUrl (the sandbox's own server, when live servers download them).
   */
  recordingOrigin?: string;
  /** The Auth Token that signs twilio's requests (X-Twilio-Signature, SPEC §7); no signature when unset. */
  authToken?: string;
  /**
   * When the call started, in milliseconds since 1970 UTC: the engine reads no clock, so the driver says
   * (the browser: the wall clock; simulateCall: a fixed date). It dates restcomm-connect's CallTimestamp
   * and twilio's RecordingStartTime. Default DEFAULT_START_TIME_MS (2024-01-01T00:00:00.000Z).
   */
  startTimeMs?: number;
  /**
   * The values of the profile's extra call parameters (restcomm-connect: InstanceId, ForwardedFrom,
   * CallTimestamp; SPEC §7), over the profile's defaults. A profile that does not send one ignores it; an
   * empty ForwardedFrom is sent as the profile sends an empty name (`null`).
   */
  extraParams?: Partial<Record<ExtraParamName, string>>;
}
