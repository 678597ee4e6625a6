/**
 * What a call needs from the browser, as interfaces: the call driver and its sessions are written against
 * these, so they run in Node unit tests with fakes; browser-io.ts gives the real ones.
 */
import type { CallSettings, CameraSettings } from './settings.ts';
import type { LiveInfo } from './inspector-log.ts';
import type { VadBackend } from './vad-session.ts';

export interface CaptureEvents {
  /** 8 kHz 16-bit mono audio of the caller (20 ms chunks), with the level of what was captured (0–1). */
  onChunk(samples: Int16Array, rms: number, peak: number): void;
  /** The caller's audio ended by itself (the device was unplugged, stopped, or went silent for good). */
  onEnded(reason: string): void;
}

/** The caller, opened for one call: the microphone or an audio file, feeding the capture path. */
export interface CallerSource {
  /** A short name for the phone pane: the device's label, or the file's name. */
  readonly label: string;
  /** Whether the device is still live (a stopped track is not, though it fires no event). */
  alive(): boolean;
  /** For a file that starts when recording starts: start it now. Idempotent. */
  startPlayback(): void;
  /** Releases the device or file, the nodes and the listeners. Idempotent. */
  stop(): void;
  /**
   * With a Network other than `direct` (SPEC §11): the network's figures so far, from getStats of the
   * connection the caller's audio travels through (the last figures once it closed).
   */
  network?(): Promise<NetworkStats>;
  /**
   * With a Network other than `direct`: sends a keypad key as an RFC 4733 telephone-event over the
   * connection, as a softphone does. The call still takes the key from the keypad (the event never
   * reaches the audio as a tone). False when the key was not sent (not a DTMF key, connection down).
   */
  sendDtmf?(key: string): boolean;
  /**
   * The caller's audio as a track (what the platform hears: through the network path when there is one),
   * for the sound of a video recording; null when there is none.
   */
  audioTrack?(): MediaTrack | null;
}

/** What the video code needs of a MediaStreamTrack. */
export interface MediaTrack {
  readonly kind: string;
  readonly label: string;
  readonly readyState: 'live' | 'ended';
  addEventListener(type: 'ended', listener: () => void): void;
  removeEventListener(type: 'ended', listener: () => void): void;
  stop(): void;
}

/** The camera, opened for one call (SPEC §10). */
export interface CameraStream {
  readonly label: string;
  readonly track: MediaTrack;
  /** The stream the phone's preview shows (a MediaStream in the browser). */
  readonly preview: unknown;
}

/** What the video code needs of a MediaRecorder. */
export interface VideoRecorderPort {
  readonly mimeType: string;
  readonly state: 'inactive' | 'recording' | 'paused';
  /** Starts recording, delivering data every `timesliceMs` (so a camera lost mid-way keeps what came). */
  start(timesliceMs: number): void;
  stop(): void;
  ondataavailable: ((event: { data: Blob }) => void) | null;
  onstop: (() => void) | null;
  onerror: ((event: { error?: unknown }) => void) | null;
}

/** The browser's camera and MediaRecorder. */
export interface VideoIo {
  /** Opens the camera; throws what getUserMedia throws (NotAllowedError, NotFoundError, NotReadableError…). */
  openCamera(settings: CameraSettings): Promise<CameraStream>;
  /** MediaRecorder.isTypeSupported (false when the browser has no MediaRecorder). */
  isTypeSupported(mimeType: string): boolean;
  /** A recorder of these tracks (the camera's, and the caller's audio unless video_only). */
  createRecorder(tracks: MediaTrack[], mimeType: string): VideoRecorderPort;
  /**
   * How long a recorder runs past a recording's end before it is stopped (ms): its first frame comes a
   * frame or two after start(), so it needs that much more to hold the audio's length; the file is then
   * cut at that length.
   */
  readonly stopMarginMs: number;
}

/** The network between caller and platform, as the inspector shows it. */
export interface NetworkStats {
  /** The negotiated codec, from its stats' mimeType without `audio/`: PCMU, PCMA or opus. */
  codec: string;
  /** RTP packets the caller's side sent (telephone-events included). */
  packetsSent: number;
  /** Packets the network lost (the simulated loss, and any real loss on the connection). */
  packetsLost: number;
  /** 20 ms packets' worth of audio the receiver's jitter buffer made up (concealedSamples). */
  packetsConcealed: number;
  /** Interarrival jitter (RFC 3550) of the packets as the jitter buffer receives them, in ms. */
  jitterMs: number;
}

export interface MediaHandle {
  stop(): void;
}

/** What the caller hears. Every handle is released by stopAll(). */
export interface SpeakerPort {
  beep(seconds: number): void;
  /** The tone of a keypad key (also outside a call). */
  keyTone(key: string): void;
  say(
    text: string,
    options: { voice: string; language: string; loop: number },
    onDone: () => void,
  ): MediaHandle;
  /** Plays fetched audio `loop` times (0 = until stopped); `onDone(error)` once, also when it cannot decode. */
  playAudio(bytes: ArrayBuffer, loop: number, onDone: (error: string | null) => void): MediaHandle;
  /** DTMF tones for twilio's `<Play digits>` (`w` = a 0.5 s pause). */
  playDigits(digits: string, onDone: () => void): MediaHandle;
  stopAll(): void;
}

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /** Answered with the call's document, the pasted RCML (engine/document-url.ts). */
  servesDocument: boolean;
  /** A request that takes longer fails (11200). */
  timeoutMs: number;
  /** A re-send from the inspector: answered by the rules as they are now. */
  resend?: boolean;
}

export type RequestResult =
  | {
      kind: 'response';
      status: number;
      contentType: string;
      headers: Record<string, string>;
      /** The body as text (for audio and other binary bodies, a description). */
      text: string;
      /** The raw body, for audio. */
      bytes: ArrayBuffer;
      ruleId: string | null;
      ruleLabel: string | null;
      live: LiveInfo | null;
      durationMs: number;
    }
  | {
      kind: 'error';
      message: string;
      /** 11200 (a network error, a timeout, a mock rule that failed) or 19010 (a live server refused). */
      code: number;
      live: LiveInfo | null;
      durationMs: number;
    };

/** Sends the call's requests (through the mock server, which forwards the live ones). */
export interface HttpPort {
  send(request: OutgoingRequest): Promise<RequestResult>;
}

export interface Timers {
  /** Milliseconds on a monotonic clock (the page's performance clock). */
  now(): number;
  /** Milliseconds since 1970 UTC (the machine's clock): when a call starts, as its parameters say it. */
  wallClockMs(): number;
  setInterval(callback: () => void, ms: number): () => void;
}

/** The browser I/O of calls. */
export interface CallIo {
  openCaller(
    settings: CallSettings,
    callerAudio: CallerAudio | null,
    events: CaptureEvents,
  ): Promise<CallerSource>;
  /** The page's speaker (made on the first user gesture; it outlives calls, for key tones). */
  speaker(): Promise<SpeakerPort>;
  /** The voice detector's backend, as it loads (calls do not wait for it). */
  vadBackend(): Promise<VadBackend>;
  http: HttpPort;
  timers: Timers;
  randomHex(length: number): string;
  /** The sandbox's own server (live servers, recordings for the app), when the page was served by one. */
  liveServer: LiveServerPort | null;
  /** The camera, for video `<Record>`s. */
  video: VideoIo;
}

/** A caller audio file the user chose (or a sample caller), decoded by the caller source. */
export interface CallerAudio {
  name: string;
  bytes: ArrayBuffer;
}

/** The sandbox's own HTTP server, seen from the page (SPEC §8). */
export interface LiveServerPort {
  /** The origin recordings are served at for the developer's app (the page's own origin). */
  readonly origin: string;
  /** Origins given to the server on its command line (`--live`), added to the setting's. */
  readonly serverOrigins: readonly string[];
  /** Stores a recording's file for the app to download, at these URL paths. */
  storeRecording(
    recordingSid: string,
    paths: string[],
    bytes: Uint8Array,
    contentType: string,
  ): Promise<void>;
  clearRecordings(): Promise<void>;
}
