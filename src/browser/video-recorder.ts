/**
 * The camera of one call and the video of its `<Record media="audio_video">` and `video_only` (SPEC §10):
 * the camera opens with the microphone (or when a later response has a video Record), a MediaRecorder runs
 * from the recording-started effect to the recording-finished one, and the camera is released when the
 * call ends. Any failure of the camera is a message and an audio-only recording: the call goes on.
 */
import { VIDEO_RECORDED_AS_AUDIO } from '../rcml/codes.ts';
import { errorMessage } from '../rcml/error-message.ts';
import type { RecordVerb } from '../rcml/types.ts';
import type { CameraStream, MediaTrack, VideoIo, VideoRecorderPort } from './call-io.ts';
import type { CameraSettings } from './settings.ts';
import { trimVideo } from './video-trim.ts';

/** MediaRecorder delivers its data this often, so a camera that is lost keeps what it recorded. */
export const VIDEO_TIMESLICE_MS = 500;
/** How long a stopped MediaRecorder may take to hand over its last data. */
const STOP_TIMEOUT_MS = 5000;

export type VideoMedia = Exclude<RecordVerb['media'], 'audio_only'>;

/** The containers tried, best first: MP4 (H.264 + Opus) where the browser writes it, else WebM. */
const CANDIDATES: Record<VideoMedia, readonly string[]> = {
  audio_video: [
    'video/mp4;codecs=avc1,opus',
    'video/webm;codecs=vp8,opus',
    'video/webm;codecs=vp9,opus',
    'video/webm',
  ],
  video_only: ['video/mp4;codecs=avc1', 'video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'],
};

/** The container type MediaRecorder is asked for (the first one it supports), or null when none is. */
export function chooseVideoType(
  media: VideoMedia,
  isTypeSupported: (type: string) => boolean,
): string | null {
  return CANDIDATES[media].find((type) => isTypeSupported(type)) ?? null;
}

const CODEC_NAMES: Record<string, string> = {
  avc1: 'H.264',
  avc3: 'H.264',
  h264: 'H.264',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  av01: 'AV1',
  opus: 'Opus',
  'mp4a.40.2': 'AAC',
};

/** `video/webm;codecs=vp8,opus` → `video/webm (VP8, Opus)`: the container and codecs, as the page shows them. */
export function describeVideoType(mimeType: string): string {
  const [container = '', ...params] = mimeType.split(';').map((part) => part.trim());
  const codecs = params
    .find((param) => /^codecs=/i.test(param))
    ?.slice('codecs='.length)
    .replace(/"/g, '')
    .split(',')
    .map((codec) => codec.trim())
    .filter((codec) => codec !== '');
  if (!codecs || codecs.length === 0) return container.toLowerCase();
  const names = codecs.map((codec) => {
    const lower = codec.toLowerCase();
    return CODEC_NAMES[lower] ?? CODEC_NAMES[lower.split('.')[0] ?? ''] ?? codec;
  });
  return `${container.toLowerCase()} (${names.join(', ')})`;
}

/** The media type a server answers the file with: the container, without codecs (`video/webm`). */
export function videoContentType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase() || 'video/webm';
}

export type CameraFailureKind = 'permission-denied' | 'no-device' | 'device-busy' | 'unsupported' | 'other';

/** Why the camera could not be opened, in words a user can act on. */
export function describeCameraFailure(error: unknown): { kind: CameraFailureKind; message: string } {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        kind: 'permission-denied',
        message:
          'Camera permission was denied. Allow the camera for this page (the icon in the address bar) to record video.',
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return {
        kind: 'no-device',
        message:
          'No camera was found (or the chosen one is gone). Connect one, or pick another in the settings.',
      };
    case 'NotReadableError':
    case 'AbortError':
      return {
        kind: 'device-busy',
        message: 'The camera is busy or could not be started: close other apps that use it and try again.',
      };
    case 'TypeError':
      return {
        kind: 'unsupported',
        message:
          'This browser cannot open a camera here (the page must be served over https or from localhost).',
      };
    default:
      return { kind: 'other', message: `The camera could not be opened: ${errorMessage(error)}` };
  }
}

/** The camera as the phone shows it. */
export interface CameraView {
  status: 'opening' | 'on' | 'failed' | 'lost' | 'off';
  /** The device's label, once open. */
  label: string | null;
  /** Why it is not on (failed, lost), in words for the user. */
  message: string | null;
  /** The stream for the preview, while the camera is on. */
  preview: unknown;
  /** The container being recorded (`video/mp4 (H.264, Opus)`), while a video recording runs. */
  recording: string | null;
}

export interface VideoNotice {
  severity: 'warning';
  code: number;
  message: string;
}

export interface CallVideoEvents {
  onView(view: CameraView): void;
  notify(notice: VideoNotice): void;
}

/** A video recording's file, as MediaRecorder wrote it. */
export interface VideoResult {
  bytes: Uint8Array;
  mimeType: string;
  /** The camera was lost while recording: the file holds the video up to that point. */
  cameraLost: boolean;
  /** Whether its end was cut to the audio's length (the recorder stopped after the audio cut). */
  trimmed: boolean;
}

interface Take {
  media: VideoMedia;
  recorder: VideoRecorderPort;
  chunks: Blob[];
  /** How many chunks newChunks() handed out already. */
  taken: number;
  stopped: Promise<void>;
  cameraLost: boolean;
}

export class CallVideo {
  private camera: CameraStream | null = null;
  private opening: Promise<CameraStream | null> | null = null;
  private failure: string | null = null;
  private take: Take | null = null;
  /** The Record that started while the camera was still opening: it starts recording once it opens. */
  private waiting: { media: VideoMedia; audio: MediaTrack | null } | null = null;
  /** Takes being finished: the camera is released once they are written. */
  private readonly finishing = new Set<Promise<unknown>>();
  private released = false;
  private view: CameraView = { status: 'off', label: null, message: null, preview: null, recording: null };

  constructor(
    private readonly io: VideoIo,
    private readonly settings: CameraSettings,
    private readonly events: CallVideoEvents,
  ) {}

  /** Whether a camera was asked for in this call. */
  get requested(): boolean {
    return this.opening !== null;
  }

  /** Opens the camera (once per call); a failure is kept and said when a video recording starts. */
  open(): Promise<CameraStream | null> {
    this.opening ??= this.openCamera();
    return this.opening;
  }

  private async openCamera(): Promise<CameraStream | null> {
    this.show({ status: 'opening' });
    let camera: CameraStream;
    try {
      camera = await this.io.openCamera(this.settings);
    } catch (error) {
      if (this.released) return null;
      this.failure = describeCameraFailure(error).message;
      this.show({ status: 'failed', message: this.failure });
      this.waitingFailed();
      return null;
    }
    if (this.released) {
      camera.track.stop();
      return null;
    }
    this.camera = camera;
    camera.track.addEventListener('ended', this.onCameraEnded);
    this.show({ status: 'on', label: camera.label, preview: camera.preview, message: null });
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) this.record(waiting.media, waiting.audio);
    return camera;
  }

  /**
   * The recording-started effect of a video Record: records the camera (and `audio`, the caller's track,
   * unless video_only). Without a camera: warning 19003, and the recording is audio only.
   */
  start(media: VideoMedia, audio: MediaTrack | null): void {
    if (this.released) return;
    if (this.take) this.abandon();
    if (this.camera) {
      this.record(media, audio);
      return;
    }
    if (this.failure === null && this.opening === null) void this.open();
    if (this.failure !== null) {
      this.notifyAudioOnly(media, this.failure);
      return;
    }
    this.waiting = { media, audio };
  }

  private waitingFailed(): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting && this.failure !== null) this.notifyAudioOnly(waiting.media, this.failure);
  }

  private notifyAudioOnly(media: VideoMedia, why: string): void {
    this.events.notify({
      severity: 'warning',
      code: VIDEO_RECORDED_AS_AUDIO,
      message: `<Record media="${media}"> was recorded as audio only: ${why}`,
    });
  }

  private record(media: VideoMedia, audio: MediaTrack | null): void {
    const camera = this.camera;
    if (!camera) return;
    if (camera.track.readyState !== 'live') {
      this.notifyAudioOnly(media, this.failure ?? 'the camera stopped during the call.');
      return;
    }
    const type = chooseVideoType(media, (t) => this.io.isTypeSupported(t));
    if (type === null) {
      this.notifyAudioOnly(
        media,
        'this browser cannot record video (MediaRecorder writes neither MP4 nor WebM).',
      );
      return;
    }
    const tracks = media === 'video_only' || audio === null ? [camera.track] : [camera.track, audio];
    let recorder: VideoRecorderPort;
    try {
      recorder = this.io.createRecorder(tracks, type);
    } catch (error) {
      this.notifyAudioOnly(media, `the video recorder could not start (${errorMessage(error)}).`);
      return;
    }
    const chunks: Blob[] = [];
    let done: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      done = resolve;
    });
    const take: Take = { media, recorder, chunks, taken: 0, stopped, cameraLost: false };
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => done();
    recorder.onerror = (event) => {
      this.events.notify({
        severity: 'warning',
        code: VIDEO_RECORDED_AS_AUDIO,
        message: `The video recorder failed (${errorMessage(event.error ?? 'unknown error')}): the video up to that point is kept, the rest of the recording is audio only.`,
      });
    };
    try {
      recorder.start(VIDEO_TIMESLICE_MS);
    } catch (error) {
      this.notifyAudioOnly(media, `the video recorder could not start (${errorMessage(error)}).`);
      return;
    }
    this.take = take;
    this.show({ recording: describeVideoType(recorder.mimeType || type) });
  }

  private readonly onCameraEnded = (): void => {
    if (this.released) return;
    this.failure = 'the camera stopped during the call (unplugged, or taken by another app).';
    this.show({ status: 'lost', message: 'The camera stopped during the call.', preview: null });
    const take = this.take;
    if (!take) return;
    take.cameraLost = true;
    this.events.notify({
      severity: 'warning',
      code: VIDEO_RECORDED_AS_AUDIO,
      message:
        'The camera stopped during the recording: the video up to that point is kept, the rest of the recording is audio only.',
    });
    if (take.recorder.state !== 'inactive') take.recorder.stop();
  };

  /**
   * The recording-finished effect: stops the recorder and resolves with its file (what it recorded so
   * far, if the camera was lost), cut to `lengthSeconds` (the audio's length: the recorder stops once the
   * call judged the recording, a little after the audio cut), or null when this recording has no video.
   */
  finish(lengthSeconds?: number): Promise<VideoResult | null> {
    this.waiting = null;
    const take = this.take;
    this.take = null;
    if (!take) return Promise.resolve(null);
    this.show({ recording: null });
    const written = this.write(take, lengthSeconds);
    this.finishing.add(written);
    void written.finally(() => {
      this.finishing.delete(written);
      if (this.released && this.finishing.size === 0) this.stopCamera();
    });
    return written;
  }

  private async write(take: Take, lengthSeconds: number | undefined): Promise<VideoResult | null> {
    if (take.recorder.state !== 'inactive' && lengthSeconds !== undefined && this.io.stopMarginMs > 0) {
      const margin = this.io.stopMarginMs;
      await new Promise((resolve) => setTimeout(resolve, margin));
    }
    if (take.recorder.state !== 'inactive') {
      try {
        take.recorder.stop();
      } catch {
        // it stopped by itself meanwhile; onstop follows or came
      }
    }
    // The last data comes with `stop`; a recorder that never says it stopped keeps what it gave.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      take.stopped,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (take.chunks.length === 0) return null;
    const mimeType = take.recorder.mimeType || take.chunks[0]?.type || 'video/webm';
    const bytes = new Uint8Array(await new Blob(take.chunks, { type: mimeType }).arrayBuffer());
    const trimmed = lengthSeconds === undefined ? null : trimVideo(bytes, lengthSeconds);
    return { bytes: trimmed ?? bytes, mimeType, cameraLost: take.cameraLost, trimmed: trimmed !== null };
  }

  /**
   * The video recording in progress as a reload would lose it: the data MediaRecorder delivered since the
   * last call of this (its timeslices; together they are the file so far), or null when none records.
   */
  newChunks(): { mimeType: string; chunks: Blob[] } | null {
    const take = this.take;
    if (!take) return null;
    const fresh = take.chunks.slice(take.taken);
    take.taken = take.chunks.length;
    return { mimeType: take.recorder.mimeType || fresh[0]?.type || 'video/webm', chunks: fresh };
  }

  /** A take that will never finish (a new Record started first): dropped. */
  private abandon(): void {
    const take = this.take;
    this.take = null;
    if (take && take.recorder.state !== 'inactive') take.recorder.stop();
  }

  /** The call ended: the camera is released (after any recording still being written). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.waiting = null;
    const take = this.take;
    this.take = null;
    if (take && take.recorder.state !== 'inactive') take.recorder.stop();
    if (this.finishing.size === 0) this.stopCamera();
  }

  private stopCamera(): void {
    const camera = this.camera;
    this.camera = null;
    if (camera) {
      camera.track.removeEventListener('ended', this.onCameraEnded);
      camera.track.stop();
    }
    if (this.view.status !== 'off' || camera) this.show({ status: 'off', preview: null, recording: null });
  }

  private show(patch: Partial<CameraView>): void {
    this.view = { ...this.view, ...patch };
    this.events.onView(this.view);
  }
}
