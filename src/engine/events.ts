import type { Diagnostic, HttpMethod, Position, ProfileName, Verb } from '../rcml/types.ts';

/** The one clock: samples of the 8 kHz mono stream captured since the call started. */
export const SAMPLE_RATE_HZ = 8000;

/** What the engine is told. Every event happens at the engine's current sample position. */
export type CallEvent =
  /** Captured caller audio at 8 kHz; the clock advances by its length. */
  | { type: 'audio'; samples: Int16Array }
  /** One voice-activity frame that ends at `endSample` on the call clock. */
  | { type: 'vad'; endSample: number; speechProbability: number }
  | { type: 'key'; key: string }
  /** The caller hung up, or the microphone ended. */
  | { type: 'hangup' }
  /** A `say` or `play` effect finished. */
  | { type: 'media-finished'; id: number }
  | { type: 'http-response'; id: number; status: number; contentType: string; body: string }
  | { type: 'http-error'; id: number; message: string };

export type StopReason = 'finishOnKey' | 'timeout' | 'maxLength' | 'hangup';

export interface HttpRequest {
  id: number;
  method: HttpMethod;
  /** The full URL, with the query of a GET. */
  url: string;
  /** Query parameters of a GET, form parameters of a POST. */
  params: Record<string, string>;
  /** The form body of a POST (`application/x-www-form-urlencoded`). */
  body: string | null;
  headers: Record<string, string>;
  /** Why the request is made. */
  purpose: 'document' | 'record-action' | 'gather-action' | 'redirect';
}

export interface RecordingResult {
  recordingSid: string;
  samples: Int16Array;
  reason: StopReason;
  digits: string;
  durationSeconds: number;
  empty: boolean;
  /** The URL sent as RecordingUrl (and the one the mock server answers with the WAV). */
  url: string;
  /** The http URL the WAV is served at (differs from `url` in restcomm-connect's file:// form). */
  publicUrl: string;
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
  | { type: 'recording-started'; atSample: number }
  | { type: 'recording-finished'; recording: RecordingResult }
  | { type: 'say'; id: number; text: string; voice: string; language: string; loop: number }
  | { type: 'play'; id: number; url: string; loop: number }
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
}
