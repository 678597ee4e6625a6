// eslint-disable-next-line no-restricted-imports -- the test reads its recorded files from disk (Node); the code under test reads none
import { readFileSync } from 'node:fs';
import { createFile, MP4BoxBuffer } from 'mp4box';
import { describe, expect, it } from 'vitest';
import { readVideoFile } from '../../e2e/video-file.ts';
import { encodeWav } from '../audio/wav.ts';
import { trimVideo } from './video-trim.ts';

// Files Chromium's MediaRecorder wrote (2 s of the e2e's fake camera and microphone, 500 ms timeslices, as
// the sandbox records): fragmented MP4 (H.264 + Opus) and WebM (VP8 + Opus).
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const MP4 = fixture('chromium-2s.mp4');
const WEBM = fixture('chromium-2s.webm');

/** The movie's length as its mvhd says it (version 0 or 1), in seconds. */
function movieSeconds(bytes: Uint8Array): number {
  const at = Buffer.from(bytes).indexOf('mvhd') - 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  if (bytes[at + 8] === 1) return Number(view.getBigUint64(at + 32)) / view.getUint32(at + 28);
  return view.getUint32(at + 24) / view.getUint32(at + 20);
}

/** Each track's samples as mp4box reads them: time, duration and their bytes. */
function mp4Samples(bytes: Uint8Array): Map<number, { time: number; duration: number; data: string }[]> {
  const file = createFile();
  let error: string | null = null;
  file.onError = (_module, message) => (error = message);
  file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes.slice().buffer, 0));
  file.flush();
  expect(error).toBeNull();
  const tracks = new Map<number, { time: number; duration: number; data: string }[]>();
  for (const id of [1, 2]) {
    const track = file.getTrackById(id);
    tracks.set(
      id,
      (track.samples ?? []).map((s) => ({
        time: s.dts / s.timescale,
        duration: s.duration / s.timescale,
        data: Buffer.from(bytes.subarray(s.offset, s.offset + s.size)).toString('base64'),
      })),
    );
  }
  return tracks;
}

describe('trimVideo: fragmented MP4', () => {
  it('cuts every track at the length; the frames kept are the same bytes; the movie says its length', () => {
    const before = readVideoFile(MP4);
    expect(before.tracks.find((t) => t.kind === 'video')!.durationSeconds).toBeGreaterThan(1.9);
    const trimmed = trimVideo(MP4, 1.5)!;
    expect(trimmed.length).toBeLessThan(MP4.length);
    const after = readVideoFile(trimmed);
    const video = after.tracks.find((t) => t.kind === 'video')!;
    const audio = after.tracks.find((t) => t.kind === 'audio')!;
    // On the players' clock (each fragment's decode time): both tracks end at the cut.
    expect(Math.abs(video.durationSeconds - 1.5)).toBeLessThan(0.001);
    expect(Math.abs(audio.durationSeconds - 1.5)).toBeLessThan(0.001);
    expect(video.samples).toBeLessThan(before.tracks.find((t) => t.kind === 'video')!.samples);
    const original = mp4Samples(MP4);
    const cut = mp4Samples(trimmed);
    for (const id of [1, 2]) {
      const kept = cut.get(id)!;
      expect(kept.length).toBeGreaterThan(10);
      expect(kept.map((s) => s.data)).toEqual(
        original
          .get(id)!
          .slice(0, kept.length)
          .map((s) => s.data),
      );
      expect(kept.every((s) => s.time < 1.5)).toBe(true);
    }
    expect(movieSeconds(MP4)).toBe(0);
    expect(movieSeconds(trimmed)).toBeCloseTo(1.5, 3);
  });

  it('a file not longer than the length keeps every frame and learns its length', () => {
    const whole = trimVideo(MP4, 5)!;
    expect(whole.length).toBe(MP4.length);
    const samples = mp4Samples(whole);
    expect(samples.get(1)!.map((s) => s.data)).toEqual(
      mp4Samples(MP4)
        .get(1)!
        .map((s) => s.data),
    );
    expect(movieSeconds(whole)).toBeCloseTo(
      readVideoFile(MP4).tracks.find((t) => t.kind === 'video')!.durationSeconds,
      1,
    );
  });
});

describe('trimVideo: WebM', () => {
  it('drops the blocks at and after the length, keeps the rest, and writes Duration', () => {
    const before = readVideoFile(WEBM);
    const trimmed = trimVideo(WEBM, 1.5)!;
    const after = readVideoFile(trimmed);
    for (const kind of ['video', 'audio'] as const) {
      const was = before.tracks.find((t) => t.kind === kind)!;
      const is = after.tracks.find((t) => t.kind === kind)!;
      expect(is.samples).toBeLessThan(was.samples);
      expect(is.samples).toBeGreaterThan(10);
      // The last block starts before the cut; it lasts about one frame (or packet) more.
      expect(is.durationSeconds - is.sampleSeconds).toBeLessThan(1.5);
      expect(is.durationSeconds).toBeGreaterThan(1.5 - 2 * is.sampleSeconds);
    }
    // Duration (0x4489, an 8-byte float in milliseconds at the default timecode scale).
    const at = Buffer.from(trimmed).indexOf(Buffer.from([0x44, 0x89, 0x88]));
    expect(at).toBeGreaterThan(0);
    expect(new DataView(trimmed.buffer, trimmed.byteOffset).getFloat64(at + 3)).toBeCloseTo(1500, 6);
    expect(Buffer.from(WEBM).indexOf(Buffer.from([0x44, 0x89]))).toBe(-1);
  });
});

describe('trimVideo: other input', () => {
  it('leaves files it does not know alone (null), and never throws', () => {
    expect(trimVideo(encodeWav(new Int16Array(800), 8000), 1)).toBeNull();
    expect(trimVideo(new Uint8Array(0), 1)).toBeNull();
    expect(trimVideo(MP4.subarray(0, 700), 1)).toBeNull();
    expect(trimVideo(WEBM.subarray(0, 40), 1)).toBeNull();
    expect(trimVideo(MP4, 0)).toBeNull();
    const broken = MP4.slice();
    broken.fill(0xff, 40, 60);
    expect(() => trimVideo(broken, 1)).not.toThrow();
  });
});
