/**
 * Reads a recorded video file the way a user's tools would: its container, its tracks (kind, codec, sample
 * count) and how long each track lasts. MP4 is read with mp4box.js; a fragmented MP4's times are taken from
 * each fragment's decode time (tfdt), as players do: mp4box adds up sample durations instead, and
 * Chromium's muxer guesses the last duration of each fragment (an Opus packet of 21 ms where it is 60 ms),
 * so the sums drift from the real clock. WebM is read with the small EBML reader below (Segment → Tracks
 * and Clusters' SimpleBlocks; MediaRecorder's WebM often has no Duration, so a track's length is taken from
 * its block timecodes: the last block's time plus one frame).
 */
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';

export interface VideoTrackInfo {
  kind: 'video' | 'audio';
  codec: string;
  samples: number;
  /** Where the first sample starts on the file's clock. */
  startSeconds: number;
  /** From the first sample's start to the last sample's end. */
  durationSeconds: number;
  /** The mean length of one sample (a video frame, an audio packet). */
  sampleSeconds: number;
  width?: number;
  height?: number;
}

export interface VideoFileInfo {
  container: 'mp4' | 'webm';
  tracks: VideoTrackInfo[];
}

export function readVideoFile(bytes: Uint8Array): VideoFileInfo {
  const magic = String.fromCharCode(...bytes.subarray(4, 8));
  if (magic === 'ftyp') return readMp4(bytes);
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return readWebm(bytes);
  throw new Error(`not an MP4 or WebM file (first bytes ${Array.from(bytes.subarray(0, 8)).join(' ')})`);
}

function readMp4(bytes: Uint8Array): VideoFileInfo {
  const file = createFile();
  let movie: Movie | null = null;
  let failure: string | null = null;
  file.onReady = (info) => {
    movie = info;
  };
  file.onError = (_module, message) => {
    failure = message;
  };
  const buffer = MP4BoxBuffer.fromArrayBuffer(bytes.slice().buffer, 0);
  file.appendBuffer(buffer);
  file.flush();
  if (failure !== null) throw new Error(`mp4box: ${failure}`);
  const info = movie as Movie | null;
  if (!info) throw new Error('mp4box found no movie in the file');
  const fragments = fragmentTimes(bytes);
  return {
    container: 'mp4',
    tracks: info.tracks.map((track) => {
      const samples = file.getTrackById(track.id).samples ?? [];
      const first = samples[0];
      const last = samples[samples.length - 1];
      const own = fragments.get(track.id);
      const lastFragment = own?.[own.length - 1];
      const durationSeconds =
        own?.[0] && lastFragment
          ? (lastFragment.time + lastFragment.durations - own[0].time) / track.timescale
          : first && last
            ? (last.dts + last.duration - first.dts) / track.timescale
            : 0;
      return {
        kind: track.type === 'video' || track.video ? 'video' : 'audio',
        codec: track.codec,
        samples: samples.length,
        startSeconds: own?.[0] ? own[0].time / track.timescale : first ? first.dts / track.timescale : 0,
        durationSeconds,
        sampleSeconds: samples.length > 0 ? durationSeconds / samples.length : 0,
        width: track.video?.width,
        height: track.video?.height,
      };
    }),
  };
}

/** Each track's fragments of a fragmented MP4: decode time (tfdt) and the sum of its sample durations. */
function fragmentTimes(bytes: Uint8Array): Map<number, { time: number; durations: number }[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes = (start: number, end: number) => {
    const out: { type: string; start: number; end: number }[] = [];
    for (let at = start; at + 8 <= end;) {
      const size = view.getUint32(at);
      if (size < 8) break;
      out.push({ type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)), start: at, end: at + size });
      at += size;
    }
    return out;
  };
  const tracks = new Map<number, { time: number; durations: number }[]>();
  for (const moof of boxes(0, bytes.length).filter((b) => b.type === 'moof')) {
    for (const traf of boxes(moof.start + 8, moof.end).filter((b) => b.type === 'traf')) {
      const inner = boxes(traf.start + 8, traf.end);
      const tfhd = inner.find((b) => b.type === 'tfhd');
      const tfdt = inner.find((b) => b.type === 'tfdt');
      if (!tfhd || !tfdt) continue;
      const tfhdFlags = view.getUint32(tfhd.start + 8) & 0xffffff;
      const id = view.getUint32(tfhd.start + 12);
      const defaultDuration =
        tfhdFlags & 0x8
          ? view.getUint32(tfhd.start + 16 + (tfhdFlags & 0x1 ? 8 : 0) + (tfhdFlags & 0x2 ? 4 : 0))
          : 0;
      const time =
        bytes[tfdt.start + 8] === 1
          ? Number(view.getBigUint64(tfdt.start + 12))
          : view.getUint32(tfdt.start + 12);
      let durations = 0;
      for (const trun of inner.filter((b) => b.type === 'trun')) {
        const flags = view.getUint32(trun.start + 8) & 0xffffff;
        const count = view.getUint32(trun.start + 12);
        const entries = trun.start + 16 + (flags & 0x1 ? 4 : 0) + (flags & 0x4 ? 4 : 0);
        const size = 4 * [0x100, 0x200, 0x400, 0x800].filter((bit) => flags & bit).length;
        for (let i = 0; i < count; i++)
          durations += flags & 0x100 ? view.getUint32(entries + i * size) : defaultDuration;
      }
      if (!tracks.has(id)) tracks.set(id, []);
      tracks.get(id)!.push({ time, durations });
    }
  }
  return tracks;
}

// EBML ids (Matroska).
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const CLUSTER = 0x1f43b675;
const TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;

function readVint(
  bytes: Uint8Array,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } {
  const first = bytes[at] ?? 0;
  let length = 1;
  while (length <= 8 && (first & (0x80 >> (length - 1))) === 0) length++;
  if (length > 8) throw new Error(`bad EBML number at ${at}`);
  let value = keepMarker ? first : first & ((0x80 >> (length - 1)) - 1);
  let allOnes = value === (0x80 >> (length - 1)) - 1;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i] ?? 0;
    if (byte !== 0xff) allOnes = false;
    value = value * 256 + byte;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + (bytes[i] ?? 0);
  return value;
}

interface Element {
  id: number;
  start: number;
  end: number;
}

/** Level-1 elements of a Segment: an unknown-size Cluster ends where the next of these begins. */
const LEVEL_1 = new Set([CLUSTER, TRACKS, INFO, 0x1c53bb6b, 0x1254c367, 0x114d9b74, 0x1941a469, 0x1043a770]);

/** The elements between start and end; an unknown-size element runs until a level-1 element (or the end). */
function children(bytes: Uint8Array, start: number, end: number): Element[] {
  const out: Element[] = [];
  let at = start;
  while (at < end) {
    const id = readVint(bytes, at, true);
    const size = readVint(bytes, at + id.length, false);
    const dataStart = at + id.length + size.length;
    if (!size.unknown) {
      out.push({ id: id.value, start: dataStart, end: Math.min(end, dataStart + size.value) });
      at = dataStart + size.value;
      continue;
    }
    // Unknown size (MediaRecorder's live Segment and Clusters): walk its children to find its end.
    let inner = dataStart;
    while (inner < end) {
      const childId = readVint(bytes, inner, true);
      if (id.value !== SEGMENT && LEVEL_1.has(childId.value)) break;
      const childSize = readVint(bytes, inner + childId.length, false);
      if (childSize.unknown) {
        inner = end;
        break;
      }
      inner += childId.length + childSize.length + childSize.value;
    }
    out.push({ id: id.value, start: dataStart, end: Math.min(end, inner) });
    at = Math.min(end, inner);
  }
  return out;
}

function readWebm(bytes: Uint8Array): VideoFileInfo {
  const segment = children(bytes, 0, bytes.length).find((e) => e.id === SEGMENT);
  if (!segment) throw new Error('WebM without a Segment');
  const top = children(bytes, segment.start, segment.end);
  let scaleNs = 1_000_000;
  const info = top.find((e) => e.id === INFO);
  if (info) {
    const scale = children(bytes, info.start, info.end).find((e) => e.id === TIMECODE_SCALE);
    if (scale) scaleNs = readUint(bytes, scale.start, scale.end);
  }
  const tracks = new Map<
    number,
    { kind: 'video' | 'audio'; codec: string; times: number[]; width?: number; height?: number }
  >();
  for (const list of top.filter((e) => e.id === TRACKS)) {
    for (const entry of children(bytes, list.start, list.end).filter((e) => e.id === TRACK_ENTRY)) {
      const fields = children(bytes, entry.start, entry.end);
      const number = fields.find((e) => e.id === TRACK_NUMBER);
      const type = fields.find((e) => e.id === TRACK_TYPE);
      const codec = fields.find((e) => e.id === CODEC_ID);
      const video = fields.find((e) => e.id === VIDEO);
      const dims = video ? children(bytes, video.start, video.end) : [];
      const width = dims.find((e) => e.id === PIXEL_WIDTH);
      const height = dims.find((e) => e.id === PIXEL_HEIGHT);
      if (!number) continue;
      tracks.set(readUint(bytes, number.start, number.end), {
        kind: type && readUint(bytes, type.start, type.end) === 1 ? 'video' : 'audio',
        codec: codec ? String.fromCharCode(...bytes.subarray(codec.start, codec.end)) : '',
        times: [],
        width: width ? readUint(bytes, width.start, width.end) : undefined,
        height: height ? readUint(bytes, height.start, height.end) : undefined,
      });
    }
  }
  for (const cluster of top.filter((e) => e.id === CLUSTER)) {
    const inside = children(bytes, cluster.start, cluster.end);
    const timecode = inside.find((e) => e.id === TIMECODE);
    const base = timecode ? readUint(bytes, timecode.start, timecode.end) : 0;
    const blocks = inside.flatMap((e) =>
      e.id === SIMPLE_BLOCK
        ? [e]
        : e.id === BLOCK_GROUP
          ? children(bytes, e.start, e.end).filter((b) => b.id === BLOCK)
          : [],
    );
    for (const block of blocks) {
      const track = readVint(bytes, block.start, false);
      const at = block.start + track.length;
      const relative = ((((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0)) << 16) >> 16;
      tracks.get(track.value)?.times.push(((base + relative) * scaleNs) / 1e9);
    }
  }
  return {
    container: 'webm',
    tracks: [...tracks.values()].map(({ kind, codec, times, width, height }) => {
      const sorted = [...times].sort((a, b) => a - b);
      const step = sorted.length > 1 ? (sorted[sorted.length - 1]! - sorted[0]!) / (sorted.length - 1) : 0;
      const durationSeconds = sorted.length > 0 ? sorted[sorted.length - 1]! - sorted[0]! + step : 0;
      return {
        kind,
        codec,
        samples: sorted.length,
        startSeconds: sorted[0] ?? 0,
        durationSeconds,
        sampleSeconds: step,
        width,
        height,
      };
    }),
  };
}
