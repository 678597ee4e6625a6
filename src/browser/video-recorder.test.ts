import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
import {
  CallVideo,
  chooseVideoType,
  describeCameraFailure,
  describeVideoType,
  videoContentType,
  VIDEO_TIMESLICE_MS,
  type CameraView,
  type VideoNotice,
} from './video-recorder.ts';
import { FakeTrack, FakeVideoIo, settle } from './video-test-support.ts';

function setup() {
  const io = new FakeVideoIo();
  const views: CameraView[] = [];
  const notices: VideoNotice[] = [];
  const video = new CallVideo(io, DEFAULT_SETTINGS.camera, {
    onView: (view) => views.push(view),
    notify: (notice) => notices.push(notice),
  });
  const mic = new FakeTrack('audio', 'Fake microphone');
  return { io, video, views, notices, mic, last: () => views[views.length - 1] };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('container choice', () => {
  it('MP4 (H.264 + Opus) where MediaRecorder writes it, else WebM; video_only asks for no audio codec', () => {
    const all = () => true;
    expect(chooseVideoType('audio_video', all)).toBe('video/mp4;codecs=avc1,opus');
    expect(chooseVideoType('video_only', all)).toBe('video/mp4;codecs=avc1');
    const webmOnly = (type: string) => type.startsWith('video/webm');
    expect(chooseVideoType('audio_video', webmOnly)).toBe('video/webm;codecs=vp8,opus');
    expect(chooseVideoType('video_only', webmOnly)).toBe('video/webm;codecs=vp8');
    const vp9 = (type: string) => type === 'video/webm;codecs=vp9,opus';
    expect(chooseVideoType('audio_video', vp9)).toBe('video/webm;codecs=vp9,opus');
    expect(chooseVideoType('audio_video', () => false)).toBeNull();
  });

  it('names the container and codecs as the page shows them, and serves the container type', () => {
    expect(describeVideoType('video/mp4;codecs=avc1,opus')).toBe('video/mp4 (H.264, Opus)');
    expect(describeVideoType('video/webm; codecs="vp8, opus"')).toBe('video/webm (VP8, Opus)');
    expect(describeVideoType('video/mp4;codecs=avc1.42E01E')).toBe('video/mp4 (H.264)');
    expect(describeVideoType('video/x-matroska;codecs=avc1,opus')).toBe('video/x-matroska (H.264, Opus)');
    expect(describeVideoType('video/webm')).toBe('video/webm');
    expect(videoContentType('video/webm;codecs=vp8,opus')).toBe('video/webm');
    expect(videoContentType('video/MP4;codecs=avc1,opus')).toBe('video/mp4');
  });

  it('says what to do for each camera failure', () => {
    const failure = (name: string) => describeCameraFailure(new DOMException('x', name));
    expect(failure('NotAllowedError')).toMatchObject({ kind: 'permission-denied' });
    expect(failure('NotAllowedError').message).toMatch(/Camera permission was denied/);
    expect(failure('NotFoundError').message).toMatch(/No camera was found/);
    expect(failure('NotReadableError').message).toMatch(/camera is busy/);
    expect(describeCameraFailure(new TypeError('no mediaDevices')).kind).toBe('unsupported');
    expect(describeCameraFailure(new Error('strange')).message).toMatch(/could not be opened: strange/);
  });
});

describe('CallVideo', () => {
  it('records from recording-started to recording-finished, keeps every chunk, releases the camera at the end', async () => {
    const { io, video, notices, mic, last } = setup();
    await video.open();
    expect(io.opened[0]?.settings).toEqual({ deviceId: null, width: 640, height: 480, frameRate: 30 });
    expect(last()).toMatchObject({ status: 'on', label: 'Fake camera', preview: { fake: 'stream' } });
    video.start('audio_video', mic);
    const recorder = io.recorder!;
    expect(recorder.tracks).toEqual([io.camera, mic]);
    expect(recorder.mimeType).toBe('video/mp4;codecs=avc1,opus');
    expect(recorder.timesliceMs).toBe(VIDEO_TIMESLICE_MS);
    expect(last()?.recording).toBe('video/mp4 (H.264, Opus)');
    recorder.emit('one,');
    recorder.emit('two,');
    const file = await video.finish();
    expect(recorder.stops).toBe(1);
    expect(text(file?.bytes)).toBe('one,two,tail');
    expect(file).toMatchObject({ mimeType: 'video/mp4;codecs=avc1,opus', cameraLost: false });
    expect(last()?.recording).toBeNull();
    // The camera stays on for the rest of the call, and is released when it ends (never the microphone).
    expect(io.camera?.stops).toBe(0);
    video.release();
    expect(io.camera?.stops).toBe(1);
    expect(mic.stops).toBe(0);
    expect(last()).toMatchObject({ status: 'off', preview: null });
    expect(notices).toEqual([]);
  });

  it('runs the recorder on past the end by the margin its late first frame needs', async () => {
    const { io, video, mic } = setup();
    io.stopMarginMs = 40;
    await video.open();
    video.start('audio_video', mic);
    const written = video.finish(2);
    await settle();
    expect(io.recorder?.stops).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(io.recorder?.stops).toBe(1);
    expect(text((await written)?.bytes)).toBe('tail');
  });

  it('video_only records the camera alone (no audio track)', async () => {
    const { io, video, mic } = setup();
    await video.open();
    video.start('video_only', mic);
    expect(io.recorder?.tracks).toEqual([io.camera]);
    expect(io.recorder?.mimeType).toBe('video/mp4;codecs=avc1');
    io.supported = new Set(['video/webm;codecs=vp8']);
    await video.finish();
    video.start('video_only', mic);
    expect(io.recorder?.mimeType).toBe('video/webm;codecs=vp8');
  });

  it('a call that ends while the recording is written releases the camera once it is written', async () => {
    const { io, video, mic } = setup();
    await video.open();
    video.start('audio_video', mic);
    io.recorder?.emit('a,');
    const written = video.finish();
    video.release();
    expect(io.camera?.stops).toBe(0);
    expect(text((await written)?.bytes)).toBe('a,tail');
    await settle();
    expect(io.camera?.stops).toBe(1);
  });

  it('a hang-up before recording-finished stops the recorder with the camera', async () => {
    const { io, video, mic } = setup();
    await video.open();
    video.start('audio_video', mic);
    video.release();
    expect(io.recorder?.state).toBe('inactive');
    expect(io.camera?.stops).toBe(1);
  });

  it.each([
    ['NotAllowedError', /Camera permission was denied/],
    ['NotFoundError', /No camera was found/],
    ['NotReadableError', /camera is busy/],
  ])('%s: the phone says why, the recording is audio only with warning 19003', async (name, message) => {
    const { io, video, notices, mic, last } = setup();
    io.failWith = name;
    expect(await video.open()).toBeNull();
    expect(last()).toMatchObject({ status: 'failed', message: expect.stringMatching(message) });
    expect(notices).toEqual([]);
    video.start('audio_video', mic);
    expect(io.recorders).toEqual([]);
    expect(notices).toEqual([
      {
        severity: 'warning',
        code: 19003,
        message: expect.stringMatching(/^<Record media="audio_video"> was recorded as audio only: /),
      },
    ]);
    expect(notices[0]?.message).toMatch(message);
    expect(await video.finish()).toBeNull();
  });

  it('a Record that starts while the camera is still opening records once it opens', async () => {
    const { io, video, mic } = setup();
    io.hold = true;
    const opened = video.open();
    video.start('audio_video', mic);
    expect(io.recorders).toEqual([]);
    io.releaseHeld();
    await opened;
    expect(io.recorder?.state).toBe('recording');
  });

  it('the camera lost mid-recording: warning 19003, the video so far is kept, later Records are audio only', async () => {
    const { io, video, notices, mic, last } = setup();
    await video.open();
    video.start('audio_video', mic);
    io.recorder?.emit('before-loss,');
    io.camera?.lose();
    expect(io.recorder?.state).toBe('inactive');
    expect(last()).toMatchObject({ status: 'lost', preview: null });
    expect(notices.map((n) => [n.code, n.message])).toEqual([
      [
        19003,
        expect.stringMatching(/camera stopped during the recording: the video up to that point is kept/),
      ],
    ]);
    await settle();
    const file = await video.finish();
    expect(text(file?.bytes)).toBe('before-loss,tail');
    expect(file?.cameraLost).toBe(true);
    video.start('audio_video', mic);
    expect(io.recorders).toHaveLength(1);
    expect(notices[1]?.message).toMatch(/recorded as audio only: the camera stopped during the call/);
  });

  it('a browser whose MediaRecorder writes no video container: warning 19003, audio only', async () => {
    const { io, video, notices, mic } = setup();
    io.supported = new Set();
    await video.open();
    video.start('audio_video', mic);
    expect(io.recorders).toEqual([]);
    expect(notices[0]?.message).toMatch(/cannot record video/);
  });

  it('a camera that opens after the call ended is released at once', async () => {
    const { io, video } = setup();
    io.hold = true;
    const opened = video.open();
    video.release();
    io.releaseHeld();
    expect(await opened).toBeNull();
    expect(io.camera?.stops).toBe(1);
  });
});
