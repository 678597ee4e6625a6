/** Typed RCML: what the engine runs. Every attribute is already resolved to its value or default. */

export type ProfileName = 'restcomm' | 'restcomm-connect' | 'twilio';
export const PROFILE_NAMES: readonly ProfileName[] = ['restcomm', 'restcomm-connect', 'twilio'];

export type Severity = 'error' | 'warning';

/** The module contract of DESIGN.md: 1-based line and column of the offending element or attribute. */
export interface Diagnostic {
  severity: Severity;
  code: number;
  message: string;
  line: number;
  column: number;
}

export interface Position {
  line: number;
  column: number;
}

export type HttpMethod = 'GET' | 'POST';

interface VerbBase {
  /** Where the verb's start tag begins in its document. */
  position: Position;
}

export interface RecordVerb extends VerbBase {
  kind: 'Record';
  /**
   * The action as written (trimmed), resolved later against the URL of the document that holds the verb.
   * `''` means the document URL itself (no action, or `action=""`); `null` means no request at all
   * (restcomm-connect without `action`).
   */
  action: string | null;
  /**
   * After the recording, no request is made and nothing more runs: the call waits for the caller to hang up
   * (restcomm-connect's `action=""`, SPEC §7).
   */
  waitsForHangup: boolean;
  method: HttpMethod;
  /**
   * Seconds of silence that end the recording; 0 or less disables silence detection (twilio's `0`,
   * restcomm-connect's unchecked values).
   */
  timeoutSeconds: number;
  /** Keys that end the recording; `''` when `-1` (no key ends it). */
  finishOnKey: string;
  /** The longest recording; 0 or less is no limit (restcomm-connect passes such values on unchecked). */
  maxLengthSeconds: number;
  playBeep: boolean;
  media: 'audio_only' | 'video_only' | 'audio_video';
  /** twilio's `trim`; always `do-not-trim` in the other profiles. */
  trim: 'trim-silence' | 'do-not-trim';
  /** twilio's `recordingStatusCallback` (as written, resolved by the engine), or null. */
  statusCallback: RecordingStatusCallback | null;
  /**
   * twilio's `transcribe`: the recording is transcribed, and with a `callback` (as written) the
   * transcription is posted there; null when it is not transcribed.
   */
  transcription: { callback: string | null } | null;
}

export type RecordingStatusEvent = 'in-progress' | 'completed' | 'absent';

export interface RecordingStatusCallback {
  url: string;
  method: HttpMethod;
  /** The events a request is made for, in the order they happen (`completed` by default). */
  events: RecordingStatusEvent[];
}

export interface SayVerb extends VerbBase {
  kind: 'Say';
  /** What is said: the body, or in twilio the text of its SSML (a `<sub>` says its alias). */
  text: string;
  voice: string;
  language: string;
  /** Times the text is spoken, ≥ 1; `loop="0"` (until the call ends) is read as LOOP_UNTIL_HANGUP (1000). */
  loop: number;
}

export interface PlayVerb extends VerbBase {
  kind: 'Play';
  /** The URL as written (trimmed), resolved against the document URL by the engine; `''` with `digits`. */
  url: string;
  /**
   * twilio's `<Play digits>`: the DTMF keys to play (0-9, A-D, `*`, `#`; `w` waits 0.5 s, `W` 1 s) instead
   * of a URL; null otherwise.
   */
  digits: string | null;
  /** Times the URL is played, ≥ 1; `loop="0"` (until the call ends) is read as LOOP_UNTIL_HANGUP (1000). */
  loop: number;
}

export interface PauseVerb extends VerbBase {
  kind: 'Pause';
  lengthSeconds: number;
}

export type GatherChild = SayVerb | PlayVerb | PauseVerb;

export interface GatherVerb extends VerbBase {
  kind: 'Gather';
  /** As for Record: `''` is the document URL. */
  action: string;
  method: HttpMethod;
  timeoutSeconds: number;
  /** A single key, or `''` when none finishes the input. */
  finishOnKey: string;
  /** null: no limit. */
  numDigits: number | null;
  /** twilio's `actionOnEmptyResult`: no input still requests the action (with `Digits=""`). */
  actionOnEmptyResult: boolean;
  children: GatherChild[];
}

export interface HangupVerb extends VerbBase {
  kind: 'Hangup';
}

export interface RedirectVerb extends VerbBase {
  kind: 'Redirect';
  url: string;
  method: HttpMethod;
}

export interface RejectVerb extends VerbBase {
  kind: 'Reject';
  reason: 'rejected' | 'busy';
}

export type Verb =
  RecordVerb | SayVerb | PlayVerb | PauseVerb | GatherVerb | HangupVerb | RedirectVerb | RejectVerb;

/** A real verb the sandbox does not run (Dial, Sms, …: warning 12300): its name and where it stands. */
export interface SkippedVerb {
  name: string;
  position: Position;
}

export interface RcmlDocument {
  /** The verbs the sandbox runs, in document order (verbs it does not run are left out, with a warning). */
  verbs: Verb[];
  /** The verbs it does not run, in document order. */
  skipped: SkippedVerb[];
}

export interface ParseResult {
  /** null when any diagnostic is an error. */
  document: RcmlDocument | null;
  diagnostics: Diagnostic[];
}
