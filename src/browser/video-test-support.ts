/** Fakes of the camera and MediaRecorder for unit tests in Node (call-io.ts's VideoIo). */
import type { CameraStream, MediaTrack, VideoIo, VideoRecorderPort } from './call-io.ts';
import type { CameraSettings } from './settings.ts';

export class FakeTrack extends EventTarget implements MediaTrack {
  readyState: 'live' | 'ended' = 'live';
  stops = 0;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string,
  ) {
    super();
  }
  stop(): void {
    this.stops++;
    this.readyState = 'ended';
  }
  /** The device went away: `ended` fires, as it does when a camera is unplugged. */
  lose(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

/** Like MediaRecorder: data every timeslice (the test calls `emit`), a last piece and `stop`, asynchronously. */
export class FakeRecorder implements VideoRecorderPort {
  state: 'inactive' | 'recording' | 'paused' = 'inactive';
  timesliceMs: number | null = null;
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: ((event: { error?: unknown }) => void) | null = null;
  stops = 0;
  constructor(
    readonly tracks: MediaTrack[],
    readonly mimeType: string,
    /** What the last dataavailable (at stop) carries. */
    private readonly tail = 'tail',
  ) {}
  start(timesliceMs: number): void {
    this.state = 'recording';
    this.timesliceMs = timesliceMs;
  }
  /** One timeslice of data. */
  emit(text: string): void {
    if (this.state === 'recording') this.ondataavailable?.({ data: new Blob([text]) });
  }
  stop(): void {
    if (this.state === 'inactive') throw new DOMException('not recording', 'InvalidStateError');
    this.state = 'inactive';
    this.stops++;
    setTimeout(() => {
      this.ondataavailable?.({ data: new Blob([this.tail]) });
      this.onstop?.();
    }, 1);
  }
}

export class FakeVideoIo implements VideoIo {
  /** The error name getUserMedia throws (NotAllowedError, NotFoundError, NotReadableError), or null. */
  failWith: string | null = null;
  supported = new Set(['video/mp4;codecs=avc1,opus', 'video/mp4;codecs=avc1', 'video/webm;codecs=vp8,opus']);
  readonly opened: { settings: CameraSettings; track: FakeTrack }[] = [];
  readonly recorders: FakeRecorder[] = [];
  stopMarginMs = 0;
  /** Resolves the pending open (when `hold` is set, opening waits for `release()`). */
  hold = false;
  private held: (() => void)[] = [];

  async openCamera(settings: CameraSettings): Promise<CameraStream> {
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.failWith) throw new DOMException('camera failed', this.failWith);
    const track = new FakeTrack('video', 'Fake camera');
    this.opened.push({ settings, track });
    return { label: track.label, track, preview: { fake: 'stream' } };
  }
  releaseHeld(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }
  isTypeSupported(mimeType: string): boolean {
    return this.supported.has(mimeType);
  }
  createRecorder(tracks: MediaTrack[], mimeType: string): VideoRecorderPort {
    const recorder = new FakeRecorder(tracks, mimeType);
    this.recorders.push(recorder);
    return recorder;
  }
  get camera(): FakeTrack | undefined {
    return this.opened[this.opened.length - 1]?.track;
  }
  get recorder(): FakeRecorder | undefined {
    return this.recorders[this.recorders.length - 1];
  }
}

/** Waits for timers and promises of the fakes (their stop is one timer away). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 3));
    for (let j = 0; j < 10; j++) await Promise.resolve();
  }
}
