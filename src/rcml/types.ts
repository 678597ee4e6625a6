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
  method: HttpMethod;
  /** Seconds of silence that end the recording; 0 disables silence detection (twilio only). */
  timeoutSeconds: number;
  /** Keys that end the recording; `''` when `-1` (no key ends it). */
  finishOnKey: string;
  maxLengthSeconds: number;
  playBeep: boolean;
  media: 'audio_only' | 'video_only' | 'audio_video';
  /** twilio's `trim`; always `do-not-trim` in the other profiles. */
  trim: 'trim-silence' | 'do-not-trim';
}

export interface SayVerb extends VerbBase {
  kind: 'Say';
  text: string;
  voice: string;
  language: string;
  /** Times the text is spoken, ≥ 1; `loop="0"` (until the call ends) is read as LOOP_UNTIL_HANGUP (1000). */
  loop: number;
}

export interface PlayVerb extends VerbBase {
  kind: 'Play';
  /** The URL as written (trimmed), resolved against the document URL by the engine. */
  url: string;
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

export interface RcmlDocument {
  /** The verbs the sandbox runs, in document order (verbs it does not run are left out, with a warning). */
  verbs: Verb[];
}

export interface ParseResult {
  /** null when any diagnostic is an error. */
  document: RcmlDocument | null;
  diagnostics: Diagnostic[];
}
