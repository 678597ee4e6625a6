import { DtmfDetector } from '../audio/dtmf-detector.ts';
import { encodeWav } from '../audio/wav.ts';
import { describeCall, startCall, step, type CallState } from '../engine/call.ts';
import { servesDocument } from '../engine/document-url.ts';
import {
  SAMPLE_RATE_HZ,
  type CallEffect,
  type CallEvent,
  type HttpRequest,
  type RecordingResult,
} from '../engine/events.ts';
import { ruleTranscript, type MockRule } from '../engine/mock-rules.ts';
import { SPEECH_PROBABILITY_THRESHOLD } from '../engine/speech.ts';
import { SILERO_FRAME_SAMPLES_8K, VAD_DECISION_OFFSET_SAMPLES } from '../engine/vad-frames.ts';
import { SpeechIntervals } from './call-export.ts';
import type {
  CallerAudio,
  CallerSource,
  CallIo,
  MediaHandle,
  RequestResult,
  SpeakerPort,
} from './call-io.ts';
import { Disposer } from './disposer.ts';
import type { InspectorLog, InspectorResponse } from './inspector-log.ts';
import type { RecordingEntry, RecordingLibrary } from './recording-library.ts';
import type { CallSettings } from './settings.ts';
import type { Store } from './store.ts';
import { IDLE_VIEW, type CallView, type KeyPress } from './call-view.ts';
import { VadSession } from './vad-session.ts';
import { CallVideo, videoContentType, type VideoResult } from './video-recorder.ts';
import { errorMessage } from '../rcml/error-message.ts';
import { parseRcml } from '../rcml/parse.ts';
import type { RcmlDocument, RecordVerb } from '../rcml/types.ts';

/** What the mock server answers a call with: the workspace as it was when the call started. */
export interface MockCall {
  rcml: string;
  rules: readonly MockRule[];
  /** Origins forwarded to the sandbox's server (the Live servers setting). */
  liveOrigins: readonly string[];
  timeoutMs: number;
}

export interface MockServerPort {
  setCall(call: MockCall): void;
}

/** The call in progress as a reload would leave it (see CallSession.progress). */
export interface CallProgress {
  callSid: string;
  accountSid: string;
  clockSamples: number;
  documentUrl: string;
  profile: string;
  /** The recording in progress: where it started, its audio since the last progress(), its length so far. */
  recording: {
    startSample: number;
    newSamples: Int16Array;
    totalSamples: number;
    media: RecordVerb['media'];
    /** A video recording's file since the last progress() (MediaRecorder's timeslices), or null. */
    video: { mimeType: string; chunks: Blob[] } | null;
  } | null;
}

export interface SessionOptions {
  rcml: string;
  settings: CallSettings;
  rules: readonly MockRule[];
  callerAudio: CallerAudio | null;
}

const WATCHDOG_INTERVAL_MS = 250;
/** How often the network's figures are read while the call runs. */
const NETWORK_POLL_MS = 1000;
/** A keypad press's own feedback tone heard back in-band within this time is not a second press. */
export const KEYPAD_ECHO_MS = 600;

/**
 * One call in the browser: the engine's state, the caller's audio (microphone or file) fed to it with its
 * voice activity and keys, and the engine's effects performed (requests, beep, speech, playback,
 * recordings, notifications). Everything the call opens is owned by one Disposer and released when the
 * call ends; callbacks that arrive later do nothing.
 */
export class CallSession {
  private readonly owner = new Disposer();
  private state: CallState | null = null;
  private caller: CallerSource | null = null;
  private speaker: SpeakerPort | null = null;
  private vad: VadSession | null = null;
  private readonly media = new Map<number, MediaHandle>();
  private readonly queue: CallEvent[] = [];
  private dispatching = false;
  /** Stores of each recording on the live server; its action request waits for them. */
  private readonly uploads = new Map<string, Promise<void>>();
  private lastKeypad: { key: string; atMs: number } | null = null;
  /** Keys in the caller's own audio (in-band DTMF, SPEC §9). */
  private readonly dtmf = new DtmfDetector();
  /** Where the voice detector heard speech (for a call exported as a simulateCall test). */
  readonly speech = new SpeechIntervals(SILERO_FRAME_SAMPLES_8K, SAMPLE_RATE_HZ, VAD_DECISION_OFFSET_SAMPLES);
  private liveOrigins: string[] = [];
  /** The recording in progress, as captured (kept so a reload does not lose it). */
  private partial: {
    startSample: number;
    chunks: Int16Array[];
    length: number;
    taken: number;
    media: RecordVerb['media'];
  } | null = null;
  /** The camera and the video of video `<Record>`s (created at start). */
  private video: CallVideo | null = null;

  constructor(
    private readonly io: CallIo,
    readonly options: SessionOptions,
    private readonly view: Store<CallView>,
    private readonly log: InspectorLog,
    private readonly library: RecordingLibrary,
    private readonly server: MockServerPort,
  ) {}

  get ended(): boolean {
    return this.owner.disposed;
  }

  async start(): Promise<void> {
    const { settings, rcml, rules } = this.options;
    const owner = this.owner;
    this.update({ ...IDLE_VIEW, phase: 'starting', startedAtMs: this.io.timers.now() });
    const live = this.io.liveServer;
    this.liveOrigins = [...new Set([...settings.liveOrigins, ...(live?.serverOrigins ?? [])])];
    this.server.setCall({
      rcml,
      rules,
      liveOrigins: settings.liveOrigins,
      timeoutMs: settings.httpTimeoutSeconds * 1000,
    });
    const video = new CallVideo(this.io.video, settings.camera, {
      // The camera is released after the call once its last video is written: that still shows.
      onView: (camera) => {
        if (
          !owner.disposed ||
          (this.state !== null && this.view.getSnapshot().callSid === this.state.callSid)
        )
          this.update({ camera });
      },
      notify: owner.guard((notice) =>
        this.log.notify({ ...notice, line: 0, column: 0, url: null, requestId: null }, this.clock()),
      ),
    });
    this.video = video;
    owner.add(() => video.release());
    // The camera opens with the microphone when the document records video (SPEC §10).
    if (recordsVideo(parseRcml(rcml, { profile: settings.profile }).document)) void video.open();
    let caller: CallerSource;
    try {
      caller = await this.io.openCaller(settings, this.options.callerAudio, {
        onChunk: owner.guard((samples, rms, peak) => this.onChunk(samples, rms, peak)),
        onEnded: owner.guard((reason) => this.callerGone(reason)),
      });
    } catch (error) {
      if (!owner.disposed) {
        this.update({ phase: 'idle', error: errorMessage(error) });
        owner.dispose();
      }
      return;
    }
    if (owner.disposed) {
      caller.stop();
      return;
    }
    this.caller = caller;
    owner.add(() => caller.stop());
    if (caller.network) {
      owner.add(
        this.io.timers.setInterval(
          owner.guard(() => this.pollNetwork()),
          NETWORK_POLL_MS,
        ),
      );
    }
    let speaker: SpeakerPort;
    try {
      speaker = await this.io.speaker();
    } catch (error) {
      this.update({
        phase: 'idle',
        error: `The call's audio output could not start: ${errorMessage(error)}`,
      });
      owner.dispose();
      return;
    }
    if (owner.disposed) return;
    this.speaker = speaker;
    owner.add(() => {
      for (const handle of this.media.values()) handle.stop();
      this.media.clear();
      speaker.stopAll();
    });
    const vad = new VadSession(
      this.io.vadBackend(),
      owner.guard((frames) => {
        for (const frame of frames) {
          this.speech.add(frame.endSample, frame.speechProbability >= SPEECH_PROBABILITY_THRESHOLD);
          this.dispatch({ type: 'vad', ...frame });
        }
        this.refresh();
      }),
      owner.guard(() => this.update({ vad: 'energy' })),
    );
    this.vad = vad;
    owner.add(() => vad.stop());
    owner.add(
      this.io.timers.setInterval(
        owner.guard(() => this.watch()),
        WATCHDOG_INTERVAL_MS,
      ),
    );

    const started = startCall({
      documentUrl: settings.documentUrl,
      profile: settings.profile,
      from: settings.from,
      to: settings.to,
      callerName: settings.callerName,
      randomHex: (length) => this.io.randomHex(length),
      vadFrameSamples: SILERO_FRAME_SAMPLES_8K,
      authToken: settings.authToken,
      startTimeMs: this.io.timers.wallClockMs(),
      recordingOrigin: live && this.liveOrigins.length > 0 ? live.origin : undefined,
    });
    this.state = started.state;
    this.update({
      phase: 'in-call',
      call: describeCall(started.state),
      callerLabel: caller.label,
      vad: vad.state,
      callSid: started.state.callSid,
    });
    this.perform(started.effects);
  }

  /** A key of the keypad (or the keyboard). */
  key(key: string): void {
    if (!this.state || this.owner.disposed) return;
    this.lastKeypad = { key, atMs: this.io.timers.now() };
    // Over a network the key also travels as a telephone-event, as a softphone sends it; the call takes
    // it from the keypad, once (the event never becomes a tone in the audio).
    this.caller?.sendDtmf?.(key);
    this.press(key, 'keypad');
  }

  /** The caller hangs up (the Hang up button). Before the call connected, it is abandoned. */
  hangup(): void {
    if (this.owner.disposed) return;
    if (!this.state) {
      this.update({ phase: 'idle', endedBecause: 'Cancelled before the call connected.' });
      this.owner.dispose();
      return;
    }
    this.dispatch({ type: 'hangup' });
    this.refresh();
  }

  /** Ends everything without a word (the page is going away). */
  dispose(): void {
    this.owner.dispose();
  }

  private update(patch: Partial<CallView>): void {
    this.view.update((v) => ({ ...v, ...patch }));
  }

  private refresh(): void {
    if (this.state) this.update({ call: describeCall(this.state), vad: this.vad?.state ?? null });
  }

  private press(key: string, source: KeyPress['source']): void {
    const state = this.state;
    if (!state) return;
    const call = describeCall(state);
    // SPEC §3.3: keys pressed during the beep are ignored.
    const ignored = call.recording && call.recording.beepRemainingSamples > 0 ? 'during the beep' : null;
    this.update({
      keys: [...this.view.getSnapshot().keys, { key, atSample: call.clockSamples, source, ignored }],
    });
    this.dispatch({ type: 'key', key });
    this.refresh();
  }

  private onChunk(samples: Int16Array, rms: number, peak: number): void {
    const state = this.state;
    if (!state) return;
    const chunkStart = state.clockSamples;
    this.dispatch({ type: 'audio', samples });
    this.keepPartial(samples, chunkStart);
    // The chunk may have ended the call (its resources are released): nothing more to do with it.
    if (this.owner.disposed) return;
    this.vad?.push(samples);
    for (const { key } of this.dtmf.push(samples, chunkStart)) {
      // A keypad key's own feedback tone, heard back through the microphone, is not a second press.
      const echo = this.lastKeypad;
      if (echo && echo.key === key && this.io.timers.now() - echo.atMs < KEYPAD_ECHO_MS) continue;
      this.press(key, 'in-band');
      if (this.owner.disposed) return;
    }
    this.update({ level: { rms, peak }, call: describeCall(state), vad: this.vad?.state ?? null });
  }

  /**
   * The watchdog: a caller that is gone hangs the call up. A track stopped by the page fires no `ended`
   * event, but its readyState says it. (Chunks that stop coming are not taken for it: while the main
   * thread is busy, say compiling the voice model, they queue up and all arrive later.)
   */
  private watch(): void {
    const caller = this.caller;
    if (!caller || !this.state) return;
    if (caller.alive()) return;
    this.callerGone(
      caller.network
        ? "The caller's audio stopped reaching the call (the microphone or the network path closed): the call was hung up."
        : 'The microphone stopped during the call: the call was hung up.',
    );
  }

  private callerGone(reason: string): void {
    if (!this.state || this.state.hungUp) return;
    this.update({ error: reason, endedBecause: reason });
    this.dispatch({ type: 'hangup' });
    this.refresh();
  }

  private dispatch(event: CallEvent): void {
    this.queue.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (!this.state || this.owner.disposed) break;
        const result = step(this.state, next);
        this.perform(result.effects);
      }
    } finally {
      this.dispatching = false;
      this.queue.length = this.owner.disposed ? 0 : this.queue.length;
    }
  }

  private clock(): number {
    return this.state?.clockSamples ?? 0;
  }

  private perform(effects: CallEffect[]): void {
    for (const effect of effects) {
      if (this.owner.disposed) return;
      switch (effect.type) {
        case 'http-request':
          void this.send(effect.request);
          break;
        case 'beep':
          this.speaker?.beep(effect.durationSamples / SAMPLE_RATE_HZ);
          break;
        case 'say': {
          const { id } = effect;
          const handle = this.speaker?.say(
            effect.text,
            effect,
            this.owner.guard(() => this.mediaFinished(id)),
          );
          if (handle) this.media.set(id, handle);
          break;
        }
        case 'play':
          this.play(effect.id, effect.url, effect.loop, effect.digits);
          break;
        case 'stop-media':
          this.media.get(effect.id)?.stop();
          this.media.delete(effect.id);
          break;
        case 'recording-started':
          this.caller?.startPlayback();
          this.partial = {
            startSample: effect.atSample,
            chunks: [],
            length: 0,
            taken: 0,
            media: effect.media,
          };
          if (effect.media !== 'audio_only')
            this.video?.start(effect.media, this.caller?.audioTrack?.() ?? null);
          break;
        case 'recording-finished':
          this.partial = null;
          this.recordingFinished(effect.recording, this.finishVideo(effect.recording));
          if (effect.recording.awaitsTranscript) this.transcribe(effect.recording);
          break;
        case 'notification':
          this.log.notify(effect.notification, this.clock());
          break;
        case 'call-ended':
          this.end();
          break;
        case 'verb-started':
          // A later response's video Record: the camera opens as the verb starts (before its beep).
          if (effect.verb.kind === 'Record' && effect.verb.media !== 'audio_only') void this.video?.open();
          break;
      }
    }
  }

  /** Keeps the part of a chunk the recording in progress holds (from its start on). */
  private keepPartial(samples: Int16Array, chunkStart: number): void {
    const partial = this.partial;
    if (!partial) return;
    const from = Math.max(0, partial.startSample - chunkStart);
    if (from >= samples.length) return;
    const part = samples.slice(from);
    partial.chunks.push(part);
    partial.length += part.length;
  }

  /**
   * What a reload would lose of the call in progress: its SID and clock, and the recording's audio captured
   * since the last call of this (so it can be kept piece by piece). Null when no call runs.
   */
  progress(): CallProgress | null {
    const state = this.state;
    if (!state || this.owner.disposed) return null;
    const partial = this.partial;
    let recording: CallProgress['recording'] = null;
    if (partial) {
      const fresh = partial.chunks.slice(partial.taken);
      partial.taken = partial.chunks.length;
      const samples = new Int16Array(fresh.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const chunk of fresh) {
        samples.set(chunk, offset);
        offset += chunk.length;
      }
      recording = {
        startSample: partial.startSample,
        newSamples: samples,
        totalSamples: partial.length,
        media: partial.media,
        video: partial.media === 'audio_only' ? null : (this.video?.newChunks() ?? null),
      };
    }
    return {
      callSid: state.callSid,
      clockSamples: state.clockSamples,
      documentUrl: state.documentUrl,
      profile: state.profile.name,
      accountSid: state.accountSid,
      recording,
    };
  }

  private end(): void {
    const state = this.state;
    this.owner.dispose();
    this.update({ phase: 'ended', call: state ? describeCall(state) : null, level: { rms: 0, peak: 0 } });
    // The network's last figures (its connection keeps them once closed).
    this.pollNetwork(true);
  }

  /** The network's figures into the view; a failed read keeps the last ones. */
  private pollNetwork(final = false): void {
    const caller = this.caller;
    if (!caller?.network || (!final && this.owner.disposed)) return;
    const callSid = this.state?.callSid ?? null;
    caller.network().then(
      (network) => {
        // A new call may have started on the same view meanwhile.
        if (this.view.getSnapshot().callSid === callSid) this.update({ network });
      },
      () => undefined,
    );
  }

  private mediaFinished(id: number, error?: string): void {
    if (!this.media.delete(id)) return;
    this.dispatch(
      error === undefined ? { type: 'media-finished', id } : { type: 'media-finished', id, error },
    );
    this.refresh();
  }

  /** A Play: fetched through the mock server (answered by the rules or a live server, never elsewhere). */
  private play(id: number, url: string, loop: number, digits: string | undefined): void {
    const speaker = this.speaker;
    if (!speaker) return;
    const finished = this.owner.guard((error: string | null) => this.mediaFinished(id, error ?? undefined));
    if (digits !== undefined) {
      this.media.set(
        id,
        speaker.playDigits(digits, () => finished(null)),
      );
      return;
    }
    let handle: MediaHandle | null = null;
    let stopped = false;
    this.media.set(id, {
      stop: () => {
        stopped = true;
        handle?.stop();
      },
    });
    void this.fetchLogged({
      purpose: 'play',
      method: 'GET',
      url,
      target: url,
      params: {},
      headers: {},
      body: null,
    }).then(
      this.owner.guard((result: RequestResult) => {
        if (stopped) return;
        if (result.kind === 'error') finished(`Play URL ${url} could not be fetched: ${result.message}`);
        else if (result.status !== 200) finished(`Play URL ${url} answered ${result.status}`);
        else handle = speaker.playAudio(result.bytes, loop, finished);
      }),
    );
  }

  /**
   * twilio's transcription: the text the call's rules give the recording's transcribeCallback (or none: the
   * transcription failed). Queued, so the callback follows the requests the recording's end makes.
   */
  private transcribe(recording: RecordingResult): void {
    const url = recording.transcriptionCallbackUrl;
    const text = url === undefined ? null : ruleTranscript(this.options.rules, url);
    this.dispatch({ type: 'transcript', recordingSid: recording.recordingSid, text });
  }

  private recordingFinished(recording: RecordingResult, video: Promise<VideoResult | null> | null): void {
    const state = this.state;
    if (!state) return;
    const wav = encodeWav(recording.samples, SAMPLE_RATE_HZ);
    const entry: RecordingEntry = {
      recordingSid: recording.recordingSid,
      url: recording.url,
      publicUrl: recording.publicUrl,
      reason: recording.reason,
      digits: recording.digits,
      durationSeconds: recording.durationSeconds,
      lengthSamples: recording.samples.length,
      empty: recording.empty,
      media: recording.media,
      durationParam: recording.durationParam,
      requestNumber: null,
      callSid: state.callSid,
      endSample: recording.endSample,
      savedAtMs: Date.now(),
      interrupted: false,
      wav,
      objectUrl: this.library.objectUrl(wav, 'audio/wav'),
      video: null,
    };
    const { recordingSid } = recording;
    if (!video) {
      const stored = this.library.add(entry);
      if (!recording.empty)
        this.uploads.set(
          recordingSid,
          this.storeLive(entry).then(() => stored),
        );
      return;
    }
    // A video is kept (and served, and uploaded) once MediaRecorder wrote it; the action request waits.
    const uploaded = video
      .then(
        (file) => this.withVideo(entry, file),
        () => entry,
      )
      .then((complete) => {
        const stored = this.library.add(complete);
        return recording.empty ? stored : this.storeLive(complete).then(() => stored);
      });
    this.uploads.set(
      recordingSid,
      uploaded.catch(() => undefined),
    );
  }

  /** The video of a video recording, cut to its audio's length; null for audio_only. */
  private finishVideo(recording: RecordingResult): Promise<VideoResult | null> | null {
    if (recording.media === 'audio_only' || !this.video) return null;
    const recordedSamples = recording.endSample - recording.startSample;
    const lateMs = ((this.clock() - recording.endSample) / SAMPLE_RATE_HZ) * 1000;
    const video = this.video.finish(recordedSamples / SAMPLE_RATE_HZ);
    void video.then((file) => {
      if (file)
        console.info(
          `Video: the recorder stopped ${lateMs.toFixed(0)} ms of call audio after the audio cut; the file is ${
            file.trimmed ? 'cut' : 'kept'
          } at ${(recordedSamples / SAMPLE_RATE_HZ).toFixed(3)} s (${file.bytes.length} bytes, ${file.mimeType})`,
        );
    });
    return video;
  }

  private withVideo(entry: RecordingEntry, file: VideoResult | null): RecordingEntry {
    if (!file) return entry;
    return {
      ...entry,
      video: {
        bytes: file.bytes,
        mimeType: file.mimeType,
        objectUrl: this.library.objectUrl(file.bytes, videoContentType(file.mimeType)),
      },
    };
  }

  /** Puts the recording on the sandbox's server (live calls), so the app can download RecordingUrl. */
  private async storeLive(entry: RecordingEntry): Promise<void> {
    const live = this.io.liveServer;
    if (!live || this.liveOrigins.length === 0) return;
    const paths = new Set<string>();
    for (const url of [entry.url, entry.publicUrl]) {
      if (!URL.canParse(url) || new URL(url).origin !== live.origin) continue;
      const path = new URL(url).pathname;
      paths.add(path);
      if (!entry.video) paths.add(path.endsWith('.wav') ? path : `${path}.wav`);
    }
    if (paths.size === 0) return;
    // A video recording's URL answers with the video (its real container type); one the camera could not
    // record answers with the WAV (audio/wav), so RecordingUrl always serves what was recorded.
    const file = entry.video
      ? { bytes: entry.video.bytes, type: videoContentType(entry.video.mimeType) }
      : { bytes: entry.wav, type: 'audio/wav' };
    try {
      await live.storeRecording(entry.recordingSid, [...paths], file.bytes, file.type);
    } catch (error) {
      this.log.notify(
        {
          severity: 'warning',
          code: 19010,
          message: `The recording could not be stored on the sandbox's server, so your app cannot download it: ${errorMessage(error)}`,
          line: 0,
          column: 0,
          url: null,
          requestId: null,
        },
        this.clock(),
      );
    }
  }

  private isLive(url: string): boolean {
    return URL.canParse(url) && this.liveOrigins.includes(new URL(url).origin);
  }

  private async send(request: HttpRequest): Promise<void> {
    if (request.recordingSid !== null) await this.uploads.get(request.recordingSid);
    if (this.owner.disposed && !request.background) return;
    const number = this.log.addRequest(
      request,
      this.clock(),
      this.io.timers.now(),
      this.isLive(request.url) ? { target: request.url, address: null } : null,
    );
    if (request.purpose === 'record-action' && request.recordingSid !== null) {
      this.library.patch(request.recordingSid, { requestNumber: number });
    }
    const result = await this.exchange(number, request);
    if (request.background || this.owner.disposed) return;
    this.dispatch(
      result.kind === 'response'
        ? {
            type: 'http-response',
            id: request.id,
            status: result.status,
            contentType: result.contentType,
            body: result.text,
          }
        : { type: 'http-error', id: request.id, message: result.message, code: result.code },
    );
    this.refresh();
  }

  private fetchLogged(
    request: Pick<HttpRequest, 'method' | 'url' | 'target' | 'params' | 'headers' | 'body'> & {
      purpose: 'play';
    },
  ): Promise<RequestResult> {
    const number = this.log.add({
      engineId: null,
      ...request,
      recordingSid: null,
      background: false,
      clockSamples: this.clock(),
      startedAtMs: this.io.timers.now(),
      resendOf: null,
      live: this.isLive(request.url) ? { target: request.url, address: null } : null,
    });
    return this.exchange(number, request);
  }

  private async exchange(
    number: number,
    request: Pick<HttpRequest, 'method' | 'url' | 'target' | 'headers' | 'body'>,
  ): Promise<RequestResult> {
    const result = await this.io.http.send({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      servesDocument: servesDocument(request.target, this.options.settings.documentUrl),
      timeoutMs: this.options.settings.httpTimeoutSeconds * 1000,
    });
    this.log.complete(number, toOutcome(result));
    return result;
  }
}

/** Whether a document has a video `<Record>` (the camera then opens with the microphone). */
function recordsVideo(document: RcmlDocument | null): boolean {
  return document?.verbs.some((verb) => verb.kind === 'Record' && verb.media !== 'audio_only') ?? false;
}

/** What the inspector keeps of an answer. */
export function toOutcome(result: RequestResult): {
  response: InspectorResponse | null;
  error: { message: string; code: number } | null;
  live: RequestResult['live'];
} {
  if (result.kind === 'error')
    return { response: null, error: { message: result.message, code: result.code }, live: result.live };
  return {
    response: {
      status: result.status,
      contentType: result.contentType,
      headers: result.headers,
      body: result.text,
      ruleId: result.ruleId,
      ruleLabel: result.ruleLabel,
      durationMs: result.durationMs,
    },
    error: null,
    live: result.live,
  };
}
