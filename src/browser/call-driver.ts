import { encodeWav } from '../audio/wav.ts';
import { describeCall, startCall, step, type CallSnapshot, type CallState } from '../engine/call.ts';
import {
  SAMPLE_RATE_HZ,
  type CallEffect,
  type CallEvent,
  type HttpRequest,
  type Notification,
  type StopReason,
} from '../engine/events.ts';
import type { ProfileName } from '../rcml/types.ts';
import { getAudioContext } from './audio-context.ts';
import { Capture } from './capture.ts';
import { describeMicrophoneFailure, type MicrophoneSettings } from './microphone.ts';
import type { MockRule } from './mock-rules.ts';
import { CALL_REQUEST_HEADER, RULE_RESPONSE_HEADER, type MockServer } from './mock-server.ts';
import { EMPTY_SNAPSHOT } from './empty-snapshot.ts';
import { randomHex } from './random-hex.ts';
import { Speaker, type MediaHandle } from './speaker.ts';
import { energyDetector, type DetectorSession, type SpeechDetector } from './speech-detector.ts';

export interface CallSettings {
  documentUrl: string;
  profile: ProfileName;
  from: string;
  to: string;
  callerName: string;
  microphone: MicrophoneSettings;
}

export interface InspectorResponse {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: string;
  /** The mock rule that answered (`document` for the pasted RCML, `none` for a 404 without a rule). */
  ruleId: string | null;
  durationMs: number;
}

export interface InspectorRequest extends HttpRequest {
  /** Unique in the inspector: the engine's request id, or `<id>-resend-<n>` for a re-sent copy. */
  entryId: string;
  /** The entry this one re-sends, if it is a re-send. */
  resendOf: string | null;
  /** Where on the call clock (8 kHz samples) the request was made. */
  clockSamples: number;
  startedAtMs: number;
  response: InspectorResponse | null;
  error: string | null;
}

export interface RecordingEntry {
  recordingSid: string;
  url: string;
  publicUrl: string;
  reason: StopReason;
  digits: string;
  durationSeconds: number;
  lengthSamples: number;
  empty: boolean;
  wav: Uint8Array;
  /** A blob: URL of the WAV for players and downloads, revoked when the recordings are cleared. */
  objectUrl: string;
  /** The id of the request that carried it to the action, if one did. */
  requestId: number | null;
}

export type SessionPhase = 'idle' | 'starting' | 'in-call' | 'ended';

export interface SessionSnapshot {
  phase: SessionPhase;
  call: CallSnapshot | null;
  requests: InspectorRequest[];
  notifications: Notification[];
  recordings: RecordingEntry[];
  level: { rms: number; peak: number };
  keys: string[];
  /** A problem outside the call's RCML (microphone, audio), shown to the user. */
  error: string | null;
}

/**
 * Runs calls in the browser: performs the engine's effects (requests through the mock server, beep, speech,
 * playback) and feeds it events (8 kHz audio from the capture worklet, voice activity, keys, hang-up,
 * responses). It owns the call's capture and speaker and releases them when the call ends.
 */
export class CallDriver {
  private snapshot: SessionSnapshot = EMPTY_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private state: CallState | null = null;
  private capture: Capture | null = null;
  private speaker: Speaker | null = null;
  private vad: DetectorSession | null = null;
  private detector: SpeechDetector = energyDetector;
  private readonly media = new Map<number, MediaHandle>();
  private readonly queue: CallEvent[] = [];
  private dispatching = false;
  private pendingRecording: number | null = null;
  private generation = 0;

  constructor(private readonly server: MockServer) {}

  /** The voice-activity detector used from the next call on. */
  setDetector(detector: SpeechDetector): void {
    this.detector = detector;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  private update(patch: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  async start(rcml: string, settings: CallSettings, rules: MockRule[]): Promise<void> {
    if (this.snapshot.phase === 'starting' || this.snapshot.phase === 'in-call') return;
    const generation = ++this.generation;
    this.update({ ...EMPTY_SNAPSHOT, recordings: this.snapshot.recordings, phase: 'starting' });
    this.server.setDocument(settings.documentUrl, rcml);
    this.server.setRules(rules);
    let capture: Capture;
    let context: AudioContext;
    try {
      context = await getAudioContext();
      capture = await Capture.start(context, settings.microphone, {
        onChunk: (samples, rms, peak) => {
          if (generation === this.generation) this.onAudio(samples, rms, peak);
        },
        onEnded: () => {
          if (generation !== this.generation) return;
          this.update({ error: 'The microphone stopped during the call: the call was hung up.' });
          this.dispatch({ type: 'hangup' });
        },
      });
    } catch (error) {
      this.update({ phase: 'idle', error: describeMicrophoneFailure(error).message });
      return;
    }
    if (generation !== this.generation) {
      capture.stop();
      return;
    }
    let vad: DetectorSession;
    try {
      vad = await this.detector.startSession(capture.stream, context);
    } catch (error) {
      capture.stop();
      this.update({
        phase: 'idle',
        error: `Voice activity detection could not start: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    if (generation !== this.generation) {
      vad.stop();
      capture.stop();
      return;
    }
    this.capture = capture;
    this.speaker = new Speaker(context);
    this.vad = vad;
    const started = startCall({
      documentUrl: settings.documentUrl,
      profile: settings.profile,
      from: settings.from,
      to: settings.to,
      callerName: settings.callerName,
      randomHex,
    });
    this.state = started.state;
    this.update({ phase: 'in-call', call: describeCall(started.state) });
    this.perform(started.effects);
  }

  key(key: string): void {
    this.speaker?.dtmf(key);
    if (this.snapshot.phase !== 'in-call') return;
    this.update({ keys: [...this.snapshot.keys, key] });
    this.dispatch({ type: 'key', key });
  }

  hangup(): void {
    if (this.snapshot.phase === 'in-call') this.dispatch({ type: 'hangup' });
    else if (this.snapshot.phase === 'starting') {
      // Hung up before the microphone opened: abandon the start.
      this.generation++;
      this.update({ phase: 'idle' });
    }
  }

  /**
   * Puts recordings kept from an earlier visit back at the head of the list; the mock server answers their
   * URLs again. Recordings already in the list are left as they are.
   */
  restoreRecordings(entries: Omit<RecordingEntry, 'objectUrl'>[]): void {
    const known = new Set(this.snapshot.recordings.map((r) => r.recordingSid));
    const restored = entries
      .filter((entry) => !known.has(entry.recordingSid))
      .map((entry): RecordingEntry => {
        if (!entry.empty) this.server.addRecording([entry.url, entry.publicUrl], entry.wav);
        return {
          ...entry,
          objectUrl: URL.createObjectURL(new Blob([entry.wav.slice().buffer], { type: 'audio/wav' })),
        };
      });
    if (restored.length === 0) return;
    if (this.pendingRecording !== null) this.pendingRecording += restored.length;
    this.update({ recordings: [...restored, ...this.snapshot.recordings] });
  }

  /** Forgets the recordings of this session and releases their players' URLs. */
  clearRecordings(): void {
    for (const recording of this.snapshot.recordings) URL.revokeObjectURL(recording.objectUrl);
    this.update({ recordings: [] });
  }

  dispose(): void {
    this.generation++;
    this.release();
    this.clearRecordings();
    this.listeners.clear();
  }

  private onAudio(samples: Int16Array, rms: number, peak: number): void {
    if (!this.state || !this.vad) return;
    const startSample = describeCall(this.state).clockSamples;
    this.dispatch({ type: 'audio', samples });
    for (const frame of this.vad.push(samples, startSample)) {
      this.dispatch({ type: 'vad', endSample: frame.endSample, speechProbability: frame.speechProbability });
    }
    if (this.state) this.update({ level: { rms, peak }, call: describeCall(this.state) });
  }

  private dispatch(event: CallEvent): void {
    this.queue.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (!this.state) break;
        const result = step(this.state, next);
        this.state = result.state;
        this.perform(result.effects);
      }
    } finally {
      this.dispatching = false;
    }
    if (this.state) this.update({ call: describeCall(this.state) });
  }

  private perform(effects: CallEffect[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'http-request':
          void this.send(effect.request, this.generation);
          break;
        case 'beep':
          this.speaker?.beep(effect.durationSamples / SAMPLE_RATE_HZ);
          break;
        case 'say': {
          const { id } = effect;
          const handle = this.speaker?.say(effect.text, effect, () => this.mediaFinished(id));
          if (handle) this.media.set(id, handle);
          break;
        }
        case 'play': {
          const { id } = effect;
          const handle = this.speaker?.play(effect.url, effect.loop, () => this.mediaFinished(id));
          if (handle) this.media.set(id, handle);
          break;
        }
        case 'stop-media':
          this.media.get(effect.id)?.stop();
          this.media.delete(effect.id);
          break;
        case 'recording-finished': {
          const { recording } = effect;
          const wav = encodeWav(recording.samples, SAMPLE_RATE_HZ);
          if (!recording.empty) this.server.addRecording([recording.url, recording.publicUrl], wav);
          const entry: RecordingEntry = {
            recordingSid: recording.recordingSid,
            url: recording.url,
            publicUrl: recording.publicUrl,
            reason: recording.reason,
            digits: recording.digits,
            durationSeconds: recording.durationSeconds,
            lengthSamples: recording.samples.length,
            empty: recording.empty,
            wav,
            objectUrl: URL.createObjectURL(new Blob([wav.slice().buffer], { type: 'audio/wav' })),
            requestId: null,
          };
          this.pendingRecording = this.snapshot.recordings.length;
          this.update({ recordings: [...this.snapshot.recordings, entry] });
          break;
        }
        case 'notification':
          this.update({ notifications: [...this.snapshot.notifications, effect.notification] });
          break;
        case 'call-ended':
          this.release();
          this.update({ phase: 'ended' });
          break;
        case 'verb-started':
        case 'recording-started':
          break;
      }
    }
  }

  private mediaFinished(id: number): void {
    if (!this.media.delete(id)) return;
    this.dispatch({ type: 'media-finished', id });
  }

  private async send(request: HttpRequest, generation: number): Promise<void> {
    const entry = this.newEntry(request, String(request.id), null);
    const recordings = [...this.snapshot.recordings];
    if (request.purpose === 'record-action' && this.pendingRecording !== null) {
      const index = this.pendingRecording;
      const recording = recordings[index];
      if (recording) recordings[index] = { ...recording, requestId: request.id };
      this.pendingRecording = null;
    }
    this.update({ requests: [...this.snapshot.requests, entry], recordings });
    const finished = await this.fetchEntry(entry);
    if (generation !== this.generation) return;
    this.replaceEntry(finished);
    const { response } = finished;
    this.dispatch(
      response
        ? {
            type: 'http-response',
            id: request.id,
            status: response.status,
            contentType: response.contentType,
            body: response.body,
          }
        : { type: 'http-error', id: request.id, message: finished.error ?? 'network error' },
    );
  }

  /**
   * Sends a request of the inspector again, against the current rules. Its answer is shown as a new entry;
   * the call (running or ended) is not affected.
   */
  async resend(entryId: string): Promise<void> {
    const original = this.snapshot.requests.find((r) => r.entryId === entryId);
    if (!original) return;
    const resends = this.snapshot.requests.filter((r) => r.resendOf === original.entryId).length;
    const entry = this.newEntry(original, `${original.entryId}-resend-${resends + 1}`, original.entryId);
    this.update({ requests: [...this.snapshot.requests, entry] });
    this.replaceEntry(await this.fetchEntry(entry));
  }

  setRules(rules: MockRule[]): void {
    this.server.setRules(rules);
  }

  private newEntry(request: HttpRequest, entryId: string, resendOf: string | null): InspectorRequest {
    const { id, method, url, params, body, headers, purpose } = request;
    return {
      id,
      method,
      url,
      params,
      body,
      headers,
      purpose,
      entryId,
      resendOf,
      clockSamples: this.state ? describeCall(this.state).clockSamples : 0,
      startedAtMs: performance.now(),
      response: null,
      error: null,
    };
  }

  private replaceEntry(entry: InspectorRequest): void {
    this.update({ requests: this.snapshot.requests.map((r) => (r.entryId === entry.entryId ? entry : r)) });
  }

  /** Fetches through the mock server and returns the entry completed with its response or error. */
  private async fetchEntry(entry: InspectorRequest): Promise<InspectorRequest> {
    try {
      const response = await fetch(entry.url, {
        method: entry.method,
        headers: { ...entry.headers, [CALL_REQUEST_HEADER]: '1' },
        body: entry.method === 'POST' ? entry.body : null,
        cache: 'no-store',
      });
      const body = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== RULE_RESPONSE_HEADER) headers[name] = value;
      });
      return {
        ...entry,
        response: {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          headers,
          body,
          ruleId: response.headers.get(RULE_RESPONSE_HEADER),
          durationMs: performance.now() - entry.startedAtMs,
        },
      };
    } catch (error) {
      return { ...entry, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private release(): void {
    this.capture?.stop();
    this.capture = null;
    this.speaker?.stopAll();
    this.speaker = null;
    this.media.clear();
    this.vad?.stop();
    this.vad = null;
  }
}
