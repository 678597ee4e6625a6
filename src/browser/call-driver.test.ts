import { describe, expect, it } from 'vitest';
import { dtmfSamples } from '../audio/tones.ts';
import { encodeWav } from '../audio/wav.ts';
import { CATCH_ALL_RULE, type MockRule } from '../engine/mock-rules.ts';
import { seededRandomHex } from '../engine/seeded-hex.ts';
import { CallDriver, type MockServerControl } from './call-driver.ts';
import type {
  CallerSource,
  CallIo,
  CaptureEvents,
  HttpPort,
  LiveServerPort,
  MediaHandle,
  NetworkStats,
  OutgoingRequest,
  RequestResult,
  SpeakerPort,
} from './call-io.ts';
import type { MockCall } from './call-session.ts';
import type { RecordingEntry } from './recording-library.ts';
import { DEFAULT_SETTINGS, type CallSettings } from './settings.ts';
import type { SpeechModel, VadBackend } from './vad-session.ts';
import { FakeTrack, FakeVideoIo, settle } from './video-test-support.ts';

const DOC = 'https://app.example.com/voice.xml';
const CHUNK = 160;

/** A caller the test feeds: it pushes 20 ms chunks (speech: a loud tone; silence: zeros). */
class FakeCaller implements CallerSource {
  readonly label = 'Fake microphone';
  live = true;
  stops = 0;
  playbackStarted = 0;
  readonly track = new FakeTrack('audio', 'Fake microphone');
  constructor(readonly events: CaptureEvents) {}
  audioTrack(): FakeTrack {
    return this.track;
  }
  alive(): boolean {
    return this.live;
  }
  startPlayback(): void {
    this.playbackStarted++;
  }
  stop(): void {
    this.stops++;
  }
  /** Plays `samples` (8 kHz) in 20 ms chunks. */
  pushSamples(samples: Int16Array): void {
    for (let i = 0; i < samples.length; i += CHUNK) {
      const chunk = new Int16Array(CHUNK);
      chunk.set(samples.subarray(i, i + CHUNK));
      this.events.onChunk(chunk, 0.1, 0.2);
    }
  }
  /** With a network: the keys sent as telephone-events, and the figures network() reports. */
  dtmfSent: string[] = [];
  stats: NetworkStats | null = null;
  network?: () => Promise<NetworkStats>;
  sendDtmf?: (key: string) => boolean;
  overNetwork(): void {
    this.stats = { codec: 'PCMU', packetsSent: 0, packetsLost: 0, packetsConcealed: 0, jitterMs: 0 };
    this.network = () => Promise.resolve({ ...this.stats! });
    this.sendDtmf = (key) => (this.dtmfSent.push(key), true);
  }
  /** `seconds` of audio in 20 ms chunks; `loud` chunks carry a 1 kHz tone. */
  push(seconds: number, loud = false): void {
    for (let n = 0; n < Math.round((seconds * 8000) / CHUNK); n++) {
      const samples = new Int16Array(CHUNK);
      if (loud)
        for (let i = 0; i < CHUNK; i++) samples[i] = Math.round(12000 * Math.sin((2 * Math.PI * i) / 8));
      this.events.onChunk(samples, loud ? 0.3 : 0, loud ? 0.4 : 0);
    }
  }
}

class FakeSpeaker implements SpeakerPort {
  log: string[] = [];
  pending = new Map<string, () => void>();
  beep(seconds: number): void {
    this.log.push(`beep ${seconds}`);
  }
  keyTone(key: string): void {
    this.log.push(`tone ${key}`);
  }
  say(text: string, _options: unknown, onDone: () => void): MediaHandle {
    this.log.push(`say ${text}`);
    this.pending.set(`say ${text}`, onDone);
    return { stop: () => this.log.push(`stop say ${text}`) };
  }
  playAudio(bytes: ArrayBuffer, _loop: number, onDone: (error: string | null) => void): MediaHandle {
    this.log.push(`play ${bytes.byteLength} bytes`);
    this.pending.set('play', () => onDone(null));
    return { stop: () => undefined };
  }
  playDigits(digits: string, onDone: () => void): MediaHandle {
    this.log.push(`digits ${digits}`);
    this.pending.set(`digits ${digits}`, onDone);
    return { stop: () => undefined };
  }
  stopAll(): void {
    this.log.push('stop all');
  }
  finish(what: string): void {
    const done = this.pending.get(what);
    this.pending.delete(what);
    done?.();
  }
}

/** A speech model that calls a frame speech when it is loud (enough for the engine's bookkeeping). */
const loudnessModel: SpeechModel = {
  reset: () => undefined,
  score: (frame) => {
    let sum = 0;
    for (const x of frame) sum += x * x;
    return Promise.resolve(Math.sqrt(sum / frame.length) > 0.05 ? 0.95 : 0.02);
  },
};

type Route = (request: OutgoingRequest) => RequestResult | Promise<RequestResult>;

function ok(text: string, contentType = 'text/xml', ruleId = 'catch-all'): RequestResult {
  return {
    kind: 'response',
    status: 200,
    contentType,
    headers: { 'content-type': contentType },
    text,
    bytes: new TextEncoder().encode(text).buffer,
    ruleId,
    ruleLabel: ruleId,
    live: null,
    durationMs: 1,
  };
}

interface Harness {
  driver: CallDriver;
  caller: () => FakeCaller;
  speaker: FakeSpeaker;
  sent: OutgoingRequest[];
  served: MockCall[];
  server: { added: string[]; cleared: number };
  live: { stored: { sid: string; paths: string[] }[]; cleared: number; events: string[] } | null;
  tick: (ms: number) => void;
  backend: { resolve: (backend: VadBackend) => void };
  flush: () => Promise<void>;
}

function harness(
  rcml: string,
  route: Route,
  options: {
    live?: boolean;
    backendReady?: boolean;
    settings?: Partial<CallSettings>;
    network?: boolean;
    rules?: MockRule[];
    video?: FakeVideoIo;
  } = {},
): Harness & { start: () => Promise<void> } {
  let callerInstance: FakeCaller | null = null;
  const speaker = new FakeSpeaker();
  const sent: OutgoingRequest[] = [];
  const served: MockCall[] = [];
  const server = { added: [] as string[], cleared: 0 };
  let now = 0;
  const intervals = new Set<{ callback: () => void; ms: number; next: number }>();
  let resolveBackend: (backend: VadBackend) => void = () => undefined;
  const backend = new Promise<VadBackend>((resolve) => (resolveBackend = resolve));
  if (options.backendReady !== false) resolveBackend({ kind: 'silero', model: loudnessModel });
  const liveRecord = options.live
    ? { stored: [] as { sid: string; paths: string[] }[], cleared: 0, events: [] as string[] }
    : null;
  const liveServer: LiveServerPort | null = liveRecord
    ? {
        origin: 'http://127.0.0.1:5173',
        serverOrigins: [],
        storeRecording: async (sid, paths) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          liveRecord.stored.push({ sid, paths });
          liveRecord.events.push(`stored ${sid}`);
        },
        clearRecordings: async () => {
          liveRecord.cleared++;
        },
      }
    : null;
  const http: HttpPort = {
    send: async (request) => {
      sent.push(request);
      liveRecord?.events.push(`send ${request.method} ${request.url}`);
      if (request.servesDocument) return ok(rcml, 'text/xml', 'document');
      return route(request);
    },
  };
  const io: CallIo = {
    openCaller: async (_settings, _audio, events) => {
      callerInstance = new FakeCaller(events);
      if (options.network) callerInstance.overNetwork();
      return callerInstance;
    },
    speaker: async () => speaker,
    vadBackend: () => backend,
    http,
    timers: {
      now: () => now,
      wallClockMs: () => Date.UTC(2026, 11, 1, 12, 0, 0) + now,
      setInterval: (callback, ms) => {
        const entry = { callback, ms, next: now + ms };
        intervals.add(entry);
        return () => intervals.delete(entry);
      },
    },
    randomHex: seededRandomHex(5),
    liveServer,
    video: options.video ?? new FakeVideoIo(),
  };
  const mock: MockServerControl = {
    setCall: (call) => served.push(call),
    setRules: () => undefined,
    add: (entry: RecordingEntry) => void server.added.push(entry.url),
    clear: () => void server.cleared++,
  };
  const driver = new CallDriver(io, mock, { create: () => 'blob:fake', revoke: () => undefined });
  const settings: CallSettings = { ...DEFAULT_SETTINGS, documentUrl: DOC, ...options.settings };
  const rules: MockRule[] = options.rules ?? [CATCH_ALL_RULE];
  const flush = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    driver,
    caller: () => {
      if (!callerInstance) throw new Error('no caller yet');
      return callerInstance;
    },
    speaker,
    sent,
    served,
    server,
    live: liveRecord,
    backend: { resolve: resolveBackend },
    flush,
    tick(ms) {
      now += ms;
      for (const entry of [...intervals]) {
        while (entry.next <= now && intervals.has(entry)) {
          entry.next += entry.ms;
          entry.callback();
        }
      }
    },
    start: async () => {
      await driver.start({ rcml, settings, rules, callerAudio: null });
      await flush();
    },
  };
}

const hangup = () => ok('<Response><Hangup/></Response>');

describe('CallDriver', () => {
  it('a call that ends on an audio chunk releases everything once and throws nothing', async () => {
    const h = harness('<Response><Pause length="2"/></Response>', hangup);
    await h.start();
    expect(h.driver.view.getSnapshot().phase).toBe('in-call');
    expect(() => h.caller().push(2.5)).not.toThrow();
    await h.flush();
    const view = h.driver.view.getSnapshot();
    expect(view.phase).toBe('ended');
    expect(view.call?.endReason).toBe('end-of-document');
    expect(h.caller().stops).toBe(1);
    expect(h.speaker.log).toContain('stop all');
  });

  it('runs a Record against the rules: the action carries the recording, the recording names the request', async () => {
    const h = harness(
      '<Response><Record action="/handle" maxLength="2" playBeep="false"/></Response>',
      hangup,
    );
    await h.start();
    h.caller().push(2, true);
    await h.flush();
    h.caller().push(0.2);
    await h.flush();
    expect(h.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${DOC}`,
      'POST https://app.example.com/handle',
    ]);
    const [recording] = h.driver.recordings.entries;
    expect(recording).toMatchObject({
      reason: 'maxLength',
      empty: false,
      requestNumber: 2,
      durationParam: '2',
    });
    const action = h.driver.log.find(2);
    expect(action?.recordingSid).toBe(recording?.recordingSid);
    expect(action?.params.RecordingUrl).toBe(recording?.url);
    expect(h.server.added).toEqual([recording?.url]);
    expect(h.driver.view.getSnapshot().phase).toBe('ended');
  });

  it('starts before the voice detector is ready: the audio is kept and judged once it is', async () => {
    const h = harness(
      '<Response><Record action="/handle" timeout="1" maxLength="30" playBeep="false"/></Response>',
      hangup,
      { backendReady: false },
    );
    await h.start();
    expect(h.driver.view.getSnapshot().vad).toBe('waiting');
    h.caller().push(1, true);
    h.caller().push(2);
    await h.flush();
    // No verdict without voice activity: still recording.
    expect(h.driver.view.getSnapshot().call?.status).toBe('recording');
    h.backend.resolve({ kind: 'silero', model: loudnessModel });
    await h.flush();
    h.caller().push(0.1);
    await h.flush();
    const [recording] = h.driver.recordings.entries;
    expect(recording?.reason).toBe('timeout');
    expect(recording?.empty).toBe(false);
    // Cut where the silence reached the timeout: about 1 s of speech + 1 s of silence.
    expect(recording?.lengthSamples).toBeGreaterThan(1.9 * 8000);
    expect(recording?.lengthSamples).toBeLessThan(2.1 * 8000);
  });

  it('a microphone track that stopped (no event) hangs the call up within 1 s, keeping the recording', async () => {
    const h = harness(
      '<Response><Record action="/handle" maxLength="30" playBeep="false"/></Response>',
      hangup,
    );
    await h.start();
    h.caller().push(1, true);
    await h.flush();
    h.caller().live = false;
    h.tick(250);
    await h.flush();
    h.tick(250);
    await h.flush();
    const [recording] = h.driver.recordings.entries;
    expect(recording?.reason).toBe('hangup');
    expect(h.driver.view.getSnapshot().error).toMatch(/microphone stopped/);
  });

  it('over a network: a keypad key goes out as a telephone-event and presses once; the figures reach the view', async () => {
    const h = harness('<Response><Record action="/a" finishOnKey="#" playBeep="false"/></Response>', hangup, {
      network: true,
    });
    await h.start();
    h.caller().push(0.5, true);
    h.caller().stats = { codec: 'PCMU', packetsSent: 25, packetsLost: 3, packetsConcealed: 2, jitterMs: 4.5 };
    h.tick(1000);
    await h.flush();
    expect(h.driver.view.getSnapshot().network).toEqual(h.caller().stats);
    h.driver.key('#');
    expect(h.caller().dtmfSent).toEqual(['#']);
    // The key ends the Record, the action's Hangup ends the call, and the last figures are read then.
    h.caller().stats = { codec: 'PCMU', packetsSent: 30, packetsLost: 3, packetsConcealed: 2, jitterMs: 4 };
    h.caller().push(0.2);
    await h.flush();
    expect(h.driver.view.getSnapshot().keys.map((k) => k.key)).toEqual(['#']);
    const [recording] = h.driver.recordings.entries;
    expect(recording?.reason).toBe('finishOnKey');
    expect(h.driver.view.getSnapshot().phase).toBe('ended');
    expect(h.driver.view.getSnapshot().network?.packetsSent).toBe(30);
  });

  it('over a network, a caller path that closed hangs up and says it was the audio path', async () => {
    const h = harness('<Response><Pause length="30"/></Response>', hangup, { network: true });
    await h.start();
    h.caller().live = false;
    h.tick(250);
    await h.flush();
    expect(h.driver.view.getSnapshot().error).toMatch(
      /stopped reaching the call \(the microphone or the network path closed\)/,
    );
  });

  it('twilio transcribeCallback: posted after the action, with the text of the rule that matches the callback', async () => {
    const transcribed = {
      ...CATCH_ALL_RULE,
      id: 'transcribed',
      pattern: '/transcribed',
      match: 'exact' as const,
      transcript: 'Please call me back',
    };
    const h = harness(
      '<Response><Record action="/done" maxLength="3" playBeep="false" transcribeCallback="/transcribed"/></Response>',
      hangup,
      { settings: { profile: 'twilio' }, rules: [transcribed, CATCH_ALL_RULE] },
    );
    await h.start();
    h.caller().push(3.2, true);
    await h.flush();
    const paths = h.sent.map((r) => new URL(r.url).pathname);
    expect(paths).toEqual(['/voice.xml', '/done', '/transcribed']);
    const callback = new URLSearchParams(h.sent[2]?.body ?? '');
    expect(callback.get('TranscriptionText')).toBe('Please call me back');
    expect(callback.get('TranscriptionStatus')).toBe('completed');
    expect(callback.get('RecordingSid')).toBe(h.driver.recordings.entries[0]?.recordingSid);
  });

  it('restcomm-connect: CallTimestamp is when the call started, by the machine clock', async () => {
    const h = harness('<Response><Hangup/></Response>', hangup, {
      settings: { profile: 'restcomm-connect' },
    });
    await h.start();
    const body = new URLSearchParams(h.sent[0]?.body ?? '');
    expect(body.get('CallTimestamp')).toBe('2026-12-01T12:00:00.000Z');
  });

  it('no chunks for a while (a busy main thread: they queue up) does not hang up', async () => {
    const h = harness('<Response><Pause length="30"/></Response>', hangup);
    await h.start();
    h.caller().push(0.1);
    h.tick(5000);
    await h.flush();
    expect(h.driver.view.getSnapshot().phase).toBe('in-call');
  });

  it('keys outside a call play their tone; keys during the beep are marked ignored', async () => {
    const h = harness('<Response><Record action="/a" finishOnKey="#"/></Response>', hangup);
    h.driver.key('5');
    await h.flush();
    expect(h.speaker.log).toContain('tone 5');
    await h.start();
    h.driver.key('#');
    expect(h.driver.view.getSnapshot().keys).toMatchObject([{ key: '#', ignored: 'during the beep' }]);
    expect(h.driver.view.getSnapshot().call?.status).toBe('recording');
  });

  it('hanging up before the call connected says so', async () => {
    const h = harness('<Response><Hangup/></Response>', hangup);
    const starting = h.driver.start({
      rcml: '',
      settings: { ...DEFAULT_SETTINGS },
      rules: [],
      callerAudio: null,
    });
    h.driver.hangup();
    await starting;
    expect(h.driver.view.getSnapshot()).toMatchObject({
      phase: 'idle',
      endedBecause: 'Cancelled before the call connected.',
    });
  });

  it('a Play is fetched through the rules; one that fails is a warning and the call goes on', async () => {
    const h = harness(
      '<Response><Play>/hello.wav</Play><Play>/missing.wav</Play><Hangup/></Response>',
      (r) =>
        r.url.endsWith('/hello.wav')
          ? { ...ok('(audio/wav, 12 bytes)', 'audio/wav', 'tone'), bytes: new ArrayBuffer(12) }
          : { ...ok('Not Found', 'text/plain', 'none'), status: 404 },
    );
    await h.start();
    expect(h.speaker.log).toContain('play 12 bytes');
    h.speaker.finish('play');
    await h.flush();
    const log = h.driver.log.snapshot;
    expect(log.requests.map((r) => [r.purpose, r.url])).toEqual([
      ['document', DOC],
      ['play', 'https://app.example.com/hello.wav'],
      ['play', 'https://app.example.com/missing.wav'],
    ]);
    expect(log.notifications).toMatchObject([
      { severity: 'warning', code: 11200, message: expect.stringContaining('/missing.wav answered 404') },
    ]);
    expect(h.driver.view.getSnapshot().call?.endReason).toBe('hangup');
  });

  it('the mock server gets the workspace as the call started; Clear empties every server', async () => {
    const h = harness(
      '<Response><Record action="/handle" maxLength="2" playBeep="false"/></Response>',
      hangup,
      {
        live: true,
        settings: { liveOrigins: ['http://127.0.0.1:3000'] },
      },
    );
    await h.start();
    expect(h.served[0]).toMatchObject({ liveOrigins: ['http://127.0.0.1:3000'], timeoutMs: 15_000 });
    h.caller().push(2.1, true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.flush();
    // RecordingUrl is on the sandbox's server, and the recording is stored there before the action is sent.
    const [recording] = h.driver.recordings.entries;
    expect(recording?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:5173\/2012-04-24\/Accounts\/AC[0-9a-f]{32}\/Recordings\/RE[0-9a-f]{32}\.wav$/,
    );
    expect(h.live?.events.slice(-2)).toEqual([
      `stored ${recording?.recordingSid}`,
      'send POST https://app.example.com/handle',
    ]);
    await h.driver.clearRecordings();
    expect(h.driver.recordings.entries).toEqual([]);
    expect(h.server.cleared).toBe(1);
    expect(h.live?.cleared).toBe(1);
  });

  it('a second start while a call runs is ignored', async () => {
    const h = harness('<Response><Pause length="5"/></Response>', hangup);
    await h.start();
    await h.driver.start({ rcml: '', settings: DEFAULT_SETTINGS, rules: [], callerAudio: null });
    expect(h.sent).toHaveLength(1);
  });

  it('re-sends a request against the current rules as a new numbered entry', async () => {
    const h = harness('<Response><Redirect>/next</Redirect></Response>', hangup);
    await h.start();
    await h.flush();
    await h.driver.resend(2);
    const log = h.driver.log.snapshot.requests;
    expect(log.map((r) => [r.number, r.resendOf])).toEqual([
      [1, null],
      [2, null],
      [3, 2],
    ]);
    expect(h.sent.at(-1)).toMatchObject({ resend: true, url: 'https://app.example.com/next' });
  });
});

function toneChunks(key: '#' | '5', seconds: number): Int16Array {
  const tone = dtmfSamples(key, 8000, seconds);
  return Int16Array.from(tone, (x) => Math.round(x * 32767));
}

describe('in-band DTMF in the caller audio', () => {
  it('a tone in the caller audio presses its key: # ends a Record with finishOnKey', async () => {
    const h = harness('<Response><Record action="/a" finishOnKey="#" playBeep="false"/></Response>', hangup);
    await h.start();
    h.caller().push(1, true);
    h.caller().pushSamples(toneChunks('#', 0.12));
    h.caller().push(0.2);
    await h.flush();
    expect(h.driver.view.getSnapshot().keys).toMatchObject([{ key: '#', source: 'in-band', ignored: null }]);
    const [recording] = h.driver.recordings.entries;
    expect(recording).toMatchObject({ reason: 'finishOnKey', digits: '#' });
  });

  it('a keypad key heard back through the microphone counts once', async () => {
    const h = harness('<Response><Gather action="/g" timeout="5" numDigits="2"/></Response>', hangup);
    await h.start();
    h.driver.key('5');
    h.caller().pushSamples(toneChunks('5', 0.12));
    h.caller().push(0.2);
    await h.flush();
    expect(h.driver.view.getSnapshot().keys.map((k) => [k.key, k.source])).toEqual([['5', 'keypad']]);
  });
});

describe('recordings restored from storage', () => {
  it('are served again and listed oldest first', () => {
    const h = harness('<Response/>', hangup);
    const wav = encodeWav(new Int16Array(8000));
    const entry = (sid: string, savedAtMs: number): RecordingEntry => ({
      recordingSid: sid,
      url: `https://app.example.com/r/${sid}.wav`,
      publicUrl: `https://app.example.com/r/${sid}.wav`,
      reason: 'timeout',
      digits: '',
      durationSeconds: 1,
      lengthSamples: 8000,
      empty: false,
      media: 'audio_only',
      durationParam: '1',
      requestNumber: 2,
      callSid: 'CA1',
      endSample: 8000,
      savedAtMs,
      interrupted: false,
      wav,
      objectUrl: 'blob:x',
      video: null,
    });
    h.driver.restoreRecordings([entry('RE2', 20), entry('RE1', 10)]);
    expect(h.driver.recordings.entries.map((r) => r.recordingSid)).toEqual(['RE1', 'RE2']);
    expect(h.server.added).toHaveLength(2);
  });
});

describe('video <Record> (SPEC §10)', () => {
  const videoDoc = (media = 'audio_video', action = '/handle') =>
    `<Response><Say>Leave a video</Say><Record action="${action}" maxLength="2" playBeep="false" media="${media}"/></Response>`;

  it('opens the camera with the microphone, records from start to finish, serves the video, releases the camera', async () => {
    const video = new FakeVideoIo();
    const h = harness(videoDoc(), hangup, { video, live: true, settings: { liveOrigins: [DOC] } });
    await h.start();
    // Open at the call's start (the document has a video Record), before the Record runs.
    expect(video.opened).toHaveLength(1);
    expect(video.recorders).toEqual([]);
    expect(h.driver.view.getSnapshot().camera).toMatchObject({ status: 'on', label: 'Fake camera' });
    h.speaker.finish('say Leave a video');
    await h.flush();
    const recorder = video.recorder!;
    expect(recorder.state).toBe('recording');
    expect(recorder.tracks).toEqual([video.camera, h.caller().track]);
    recorder.emit('frames-1,');
    h.caller().push(1, true);
    recorder.emit('frames-2,');
    h.caller().push(1.2, true);
    await h.flush();
    expect(recorder.state).toBe('inactive');
    // The action request waits until the video is written and stored where RecordingUrl points.
    expect(h.sent.map((r) => r.url)).toEqual([DOC]);
    await settle();
    const [recording] = h.driver.recordings.entries;
    expect(recording?.url).toMatch(/\/Recordings\/RE[0-9a-f]{32}\.mp4$/);
    expect(new TextDecoder().decode(recording?.video?.bytes)).toBe('frames-1,frames-2,tail');
    expect(recording?.video?.mimeType).toBe('video/mp4;codecs=avc1,opus');
    expect(recording?.lengthSamples).toBe(16000);
    expect(h.server.added).toEqual([recording?.url]);
    expect(h.live?.stored).toEqual([
      { sid: recording?.recordingSid, paths: [new URL(recording!.url).pathname] },
    ]);
    expect(h.sent.map((r) => r.url)).toEqual([DOC, 'https://app.example.com/handle']);
    expect(h.driver.log.find(2)?.params.RecordingUrl).toBe(recording?.url);
    expect(h.driver.view.getSnapshot().phase).toBe('ended');
    expect(video.camera?.stops).toBe(1);
    expect(h.driver.view.getSnapshot().camera?.status).toBe('off');
    expect(h.driver.log.snapshot.notifications.filter((n) => n.code === 19003)).toEqual([]);
  });

  it('no camera: warning 19003 says so, the recording is audio only, the action is sent, the call goes on', async () => {
    const video = new FakeVideoIo();
    video.failWith = 'NotFoundError';
    const h = harness(videoDoc(), () => ok('<Response><Say>Thanks</Say></Response>'), { video });
    await h.start();
    expect(h.driver.view.getSnapshot().camera).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/No camera was found/),
    });
    h.speaker.finish('say Leave a video');
    h.caller().push(2.2, true);
    await settle();
    const [recording] = h.driver.recordings.entries;
    expect(recording).toMatchObject({ media: 'audio_video', video: null, lengthSamples: 16000 });
    expect(h.driver.log.snapshot.notifications).toMatchObject([
      { severity: 'warning', code: 19003, message: expect.stringMatching(/audio only: No camera was found/) },
    ]);
    expect(h.sent.map((r) => r.url)).toEqual([DOC, 'https://app.example.com/handle']);
    expect(h.speaker.log).toContain('say Thanks');
  });

  it('the camera lost mid-recording: the video so far is kept, the audio records to the end', async () => {
    const video = new FakeVideoIo();
    const h = harness(videoDoc(), hangup, { video });
    await h.start();
    h.speaker.finish('say Leave a video');
    await h.flush();
    video.recorder?.emit('first-second,');
    h.caller().push(1, true);
    video.camera?.lose();
    h.caller().push(1.2, true);
    await settle();
    const [recording] = h.driver.recordings.entries;
    expect(recording?.lengthSamples).toBe(16000);
    expect(new TextDecoder().decode(recording?.video?.bytes)).toBe('first-second,tail');
    expect(h.driver.log.snapshot.notifications.map((n) => n.code)).toEqual([19003]);
    expect(h.sent).toHaveLength(2);
  });

  it('the video recording in progress is handed out piece by piece, as a reload would keep it', async () => {
    const video = new FakeVideoIo();
    const h = harness(videoDoc(), hangup, { video });
    await h.start();
    h.speaker.finish('say Leave a video');
    await h.flush();
    video.recorder?.emit('first,');
    h.caller().push(0.5, true);
    const first = h.driver.progress()?.recording;
    expect(first).toMatchObject({ media: 'audio_video', video: { mimeType: 'video/mp4;codecs=avc1,opus' } });
    expect(await new Blob(first?.video?.chunks ?? []).text()).toBe('first,');
    video.recorder?.emit('second,');
    const second = h.driver.progress()?.recording;
    expect(await new Blob(second?.video?.chunks ?? []).text()).toBe('second,');
    expect(h.driver.progress()?.recording?.video?.chunks).toEqual([]);
  });

  it('video_only records no audio track; an audio-only call never opens the camera', async () => {
    const video = new FakeVideoIo();
    const h = harness(videoDoc('video_only'), hangup, { video });
    await h.start();
    h.speaker.finish('say Leave a video');
    await h.flush();
    expect(video.recorder?.tracks).toEqual([video.camera]);
    const audio = new FakeVideoIo();
    const plain = harness('<Response><Record action="/handle" maxLength="2"/></Response>', hangup, {
      video: audio,
    });
    await plain.start();
    plain.caller().push(3, true);
    await settle();
    expect(plain.driver.recordings.entries).toHaveLength(1);
    expect(audio.opened).toEqual([]);
    expect(plain.driver.view.getSnapshot().camera).toBeNull();
  });

  it("a later response's video Record opens the camera when it starts", async () => {
    const video = new FakeVideoIo();
    const h = harness(
      '<Response><Record action="/first" maxLength="2" playBeep="false"/></Response>',
      (request) =>
        request.url.endsWith('/first')
          ? ok('<Response><Record action="/second" maxLength="2" media="audio_video"/></Response>')
          : hangup(),
      { video },
    );
    await h.start();
    expect(video.opened).toEqual([]);
    h.caller().push(2.2, true);
    await settle();
    expect(video.opened).toHaveLength(1);
    h.caller().push(0.6, true);
    await h.flush();
    expect(video.recorder?.state).toBe('recording');
    h.caller().push(2.2, true);
    await settle();
    expect(h.driver.recordings.entries.map((r) => [r.media, r.video !== null])).toEqual([
      ['audio_only', false],
      ['audio_video', true],
    ]);
    expect(video.camera?.stops).toBe(1);
  });
});
