/**
 * Cuts the end of a MediaRecorder file at a length, so a video ends where its recording's audio ends (SPEC
 * §10: within one frame of the audio cut) however late the recorder was stopped: the engine reports a
 * recording once voice activity caught up with its end, a little after the cut. Frames that start at or
 * after the cut are dropped (of every track); in MP4 the last sample kept of each track lasts until the
 * cut. Two layouts:
 * fragmented MP4 (ftyp, moov, moof + mdat pairs, mfra: what Chromium writes) and WebM (EBML, Segment,
 * Clusters of SimpleBlocks; its Duration is written too). Anything else, or a file laid out otherwise, is
 * left as it is (null).
 */

/**
 * The file cut to `seconds` from its first video frame (a shorter one is kept whole), its length written
 * where players read it; null when it is not a file of these layouts.
 */
export function trimVideo(bytes: Uint8Array, seconds: number): Uint8Array | null {
  if (!(seconds > 0)) return null;
  try {
    if (ascii(bytes, 4, 8) === 'ftyp') return trimMp4(bytes, seconds);
    if (readU32(bytes, 0) === EBML_MAGIC) return trimWebm(bytes, seconds);
  } catch {
    return null;
  }
  return null;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function readU32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) throw new RangeError('past the end');
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function readU64(bytes: Uint8Array, at: number): number {
  return readU32(bytes, at) * 2 ** 32 + readU32(bytes, at + 4);
}

function writeU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = (value >>> 24) & 0xff;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

function writeU64(bytes: Uint8Array, at: number, value: number): void {
  writeU32(bytes, at, Math.floor(value / 2 ** 32));
  writeU32(bytes, at + 4, value % 2 ** 32);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ---- MP4 (ISO BMFF) ----

interface Box {
  type: string;
  start: number;
  /** Where its content starts (after size and type). */
  body: number;
  end: number;
}

function boxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const out: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = readU32(bytes, at);
    let body = at + 8;
    if (size === 1) {
      size = readU64(bytes, at + 8);
      body = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < body - at || at + size > end) throw new RangeError(`bad box at ${at}`);
    out.push({ type: ascii(bytes, at + 4, at + 8), start: at, body, end: at + size });
    at += size;
  }
  return out;
}

function child(bytes: Uint8Array, parent: Box, type: string): Box | undefined {
  return boxes(bytes, parent.body, parent.end).find((b) => b.type === type);
}

/** A box with its content replaced (its size rewritten). */
function box(type: string, content: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + content.length);
  writeU32(out, 0, out.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(content, 8);
  return out;
}

interface Sample {
  time: number;
  duration: number;
}

interface Run {
  box: Box;
  flags: number;
  count: number;
  /** Where the first sample's entry starts, and each entry's size. */
  entries: number;
  entrySize: number;
  samples: Sample[];
}

interface Fragment {
  moof: Box;
  mdat: Box | undefined;
  trafs: { box: Box; trackId: number; runs: Run[] }[];
}

const TFHD_BASE_DATA_OFFSET = 0x1;
const TFHD_DESCRIPTION_INDEX = 0x2;
const TFHD_DEFAULT_DURATION = 0x8;
const TRUN_DATA_OFFSET = 0x1;
const TRUN_FIRST_FLAGS = 0x4;
const TRUN_DURATION = 0x100;

function readFragment(bytes: Uint8Array, moof: Box, mdat: Box | undefined): Fragment {
  const trafs: Fragment['trafs'] = [];
  for (const traf of boxes(bytes, moof.body, moof.end).filter((b) => b.type === 'traf')) {
    const tfhd = child(bytes, traf, 'tfhd');
    const tfdt = child(bytes, traf, 'tfdt');
    if (!tfhd || !tfdt) throw new Error('traf without tfhd or tfdt');
    const tfhdFlags = readU32(bytes, tfhd.body) & 0xffffff;
    if (tfhdFlags & TFHD_BASE_DATA_OFFSET) throw new Error('absolute data offsets are not rewritten');
    const trackId = readU32(bytes, tfhd.body + 4);
    let at = tfhd.body + 8;
    if (tfhdFlags & TFHD_DESCRIPTION_INDEX) at += 4;
    const defaultDuration = tfhdFlags & TFHD_DEFAULT_DURATION ? readU32(bytes, at) : 0;
    let time = bytes[tfdt.body] === 1 ? readU64(bytes, tfdt.body + 4) : readU32(bytes, tfdt.body + 4);
    const runs: Run[] = [];
    for (const trun of boxes(bytes, traf.body, traf.end).filter((b) => b.type === 'trun')) {
      const flags = readU32(bytes, trun.body) & 0xffffff;
      const count = readU32(bytes, trun.body + 4);
      let entries = trun.body + 8;
      if (flags & TRUN_DATA_OFFSET) entries += 4;
      if (flags & TRUN_FIRST_FLAGS) entries += 4;
      const entrySize = 4 * [0x100, 0x200, 0x400, 0x800].filter((bit) => flags & bit).length;
      if (entries + count * entrySize > trun.end) throw new Error('trun past its box');
      const samples: Sample[] = [];
      for (let i = 0; i < count; i++) {
        const duration = flags & TRUN_DURATION ? readU32(bytes, entries + i * entrySize) : defaultDuration;
        samples.push({ time, duration });
        time += duration;
      }
      runs.push({ box: trun, flags, count, entries, entrySize, samples });
    }
    trafs.push({ box: traf, trackId, runs });
  }
  return { moof, mdat, trafs };
}

/** The moof with each track's samples cut to `keep` of them (the last one's duration set); null: none kept. */
function cutMoof(
  bytes: Uint8Array,
  fragment: Fragment,
  keep: (trackId: number, sample: Sample) => { keep: boolean; duration?: number },
): Uint8Array | null {
  let kept = 0;
  // Offsets of data_offset fields inside the new moof, with their old values, to shift afterwards.
  const offsets: { at: number; value: number }[] = [];
  let written = 8;
  const moofChildren = boxes(bytes, fragment.moof.body, fragment.moof.end);
  const parts: Uint8Array[] = [];
  for (const part of moofChildren) {
    if (part.type !== 'traf') {
      parts.push(bytes.slice(part.start, part.end));
      written += part.end - part.start;
      continue;
    }
    const traf = fragment.trafs.find((t) => t.box.start === part.start)!;
    const inner: Uint8Array[] = [];
    let innerWritten = written + 8;
    for (const piece of boxes(bytes, part.body, part.end)) {
      const run = traf.runs.find((r) => r.box.start === piece.start);
      if (!run) {
        inner.push(bytes.slice(piece.start, piece.end));
        innerWritten += piece.end - piece.start;
        continue;
      }
      let count = 0;
      let lastDuration: number | undefined;
      for (const sample of run.samples) {
        const verdict = keep(traf.trackId, sample);
        if (!verdict.keep) break;
        count++;
        lastDuration = verdict.duration;
      }
      kept += count;
      const head = bytes.slice(run.box.body, run.entries);
      writeU32(head, 4, count);
      const entries = bytes.slice(run.entries, run.entries + count * run.entrySize);
      if (lastDuration !== undefined && count > 0 && run.flags & TRUN_DURATION)
        writeU32(entries, (count - 1) * run.entrySize, lastDuration);
      const content = concat([head, entries]);
      // In the new trun: its header (8), version and flags (4), sample_count (4), then data_offset.
      if (run.flags & TRUN_DATA_OFFSET)
        offsets.push({ at: innerWritten + 16, value: readU32(bytes, run.box.body + 8) });
      const trun = box('trun', content);
      inner.push(trun);
      innerWritten += trun.length;
    }
    const trafBox = box('traf', concat(inner));
    parts.push(trafBox);
    written += trafBox.length;
  }
  if (kept === 0) return null;
  const moof = box('moof', concat(parts));
  // data_offset counts from the moof's start to the sample data in the mdat that follows it.
  const shrink = fragment.moof.end - fragment.moof.start - moof.length;
  for (const { at, value } of offsets) writeU32(moof, at, value - shrink);
  return moof;
}

function trimMp4(bytes: Uint8Array, seconds: number): Uint8Array | null {
  const top = boxes(bytes, 0, bytes.length);
  const moov = top.find((b) => b.type === 'moov');
  if (!moov) return null;
  const timescales = new Map<number, { timescale: number; video: boolean }>();
  for (const trak of boxes(bytes, moov.body, moov.end).filter((b) => b.type === 'trak')) {
    const tkhd = child(bytes, trak, 'tkhd');
    const mdia = child(bytes, trak, 'mdia');
    const mdhd = mdia && child(bytes, mdia, 'mdhd');
    const hdlr = mdia && child(bytes, mdia, 'hdlr');
    if (!tkhd || !mdhd || !hdlr) return null;
    const trackId = readU32(bytes, tkhd.body + (bytes[tkhd.body] === 1 ? 20 : 12));
    const timescale = readU32(bytes, mdhd.body + (bytes[mdhd.body] === 1 ? 20 : 12));
    timescales.set(trackId, { timescale, video: ascii(bytes, hdlr.body + 8, hdlr.body + 12) === 'vide' });
  }
  const fragments: Fragment[] = [];
  for (let i = 0; i < top.length; i++) {
    const b = top[i]!;
    if (b.type !== 'moof') continue;
    const next = top[i + 1];
    fragments.push(readFragment(bytes, b, next?.type === 'mdat' ? next : undefined));
  }
  const videoId = [...timescales].find(([, t]) => t.video)?.[0];
  if (videoId === undefined || fragments.length === 0) return null;
  const videoScale = timescales.get(videoId)!.timescale;
  const videoSamples = fragments.flatMap((f) =>
    f.trafs.filter((t) => t.trackId === videoId).flatMap((t) => t.runs.flatMap((r) => r.samples)),
  );
  const first = videoSamples[0];
  const last = videoSamples[videoSamples.length - 1];
  if (!first || !last) return null;
  const actual = (last.time + last.duration - first.time) / videoScale;
  // Not longer than the cut: every frame stays, only the moov learns the length (so it can be seeked).
  const length = Math.min(seconds, actual);
  const cutSeconds = actual <= seconds ? Infinity : first.time / videoScale + seconds;
  const keep = (trackId: number, sample: Sample): { keep: boolean; duration?: number } => {
    if (cutSeconds === Infinity) return { keep: true };
    const scale = timescales.get(trackId)?.timescale ?? videoScale;
    const cut = Math.round(cutSeconds * scale);
    if (sample.time >= cut) return { keep: false };
    // The last frame (and the last audio packet) of each track lasts until the cut, not past it.
    return { keep: true, duration: Math.min(sample.duration, cut - sample.time) };
  };
  const parts: Uint8Array[] = [];
  for (const b of top) {
    if (b.type === 'moov') parts.push(withMovieDuration(bytes, b, length));
    else if (b.type === 'moof') {
      const fragment = fragments.find((f) => f.moof.start === b.start)!;
      const moof = cutMoof(bytes, fragment, keep);
      if (moof) {
        parts.push(moof);
        if (fragment.mdat) parts.push(bytes.slice(fragment.mdat.start, fragment.mdat.end));
      }
    } else if (b.type === 'mdat' || (b.type === 'mfra' && cutSeconds !== Infinity)) {
      // An mdat goes with its moof; a cut makes mfra's offsets stale (it is optional).
    } else parts.push(bytes.slice(b.start, b.end));
  }
  return concat(parts);
}

/**
 * The moov with its durations (mvhd, tkhd and mehd in the movie's timescale, mdhd in the track's) set to
 * `seconds`: MediaRecorder writes its moov before it knows the length, and players read it as the length.
 */
function withMovieDuration(bytes: Uint8Array, moov: Box, seconds: number): Uint8Array {
  const out = bytes.slice(moov.start, moov.end);
  const base = moov.start;
  const mvhd = child(bytes, moov, 'mvhd');
  if (!mvhd) return out;
  const timescaleOf = (b: Box) => readU32(bytes, b.body + (bytes[b.body] === 1 ? 20 : 12));
  const movieScale = timescaleOf(mvhd);
  const set = (b: Box, offsetV0: number, offsetV1: number, timescale: number) => {
    const v1 = bytes[b.body] === 1;
    const at = b.body - base + (v1 ? offsetV1 : offsetV0);
    const value = Math.round(seconds * timescale);
    if (v1) writeU64(out, at, value);
    else writeU32(out, at, Math.min(value, 0xffffffff));
  };
  const walk = (parent: Box) => {
    for (const b of boxes(bytes, parent.body, parent.end)) {
      if (b.type === 'mvhd') set(b, 16, 24, movieScale);
      else if (b.type === 'mdhd') set(b, 16, 24, timescaleOf(b));
      else if (b.type === 'tkhd') set(b, 20, 28, movieScale);
      else if (b.type === 'mehd') set(b, 4, 4, movieScale);
      else if (b.type === 'trak' || b.type === 'mdia' || b.type === 'mvex') walk(b);
    }
  };
  walk(moov);
  return out;
}

// ---- WebM (Matroska) ----

const EBML_MAGIC = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const INFO = 0x1549a966;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const TRACK_TYPE = 0x83;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const CUES = 0x1c53bb6b;
const LEVEL_1 = new Set([CLUSTER, INFO, TRACKS, CUES, 0x1254c367, 0x114d9b74, 0x1941a469, 0x1043a770]);

interface Element {
  id: number;
  start: number;
  body: number;
  end: number;
  unknownSize: boolean;
}

function vint(
  bytes: Uint8Array,
  at: number,
  marker: boolean,
): { value: number; length: number; unknown: boolean } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new RangeError(`bad EBML number at ${at}`);
  let length = 1;
  while ((first & (0x80 >> (length - 1))) === 0) length++;
  const mask = (0x80 >> (length - 1)) - 1;
  let value = marker ? first : first & mask;
  let ones = (first & mask) === mask;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new RangeError('past the end');
    if (byte !== 0xff) ones = false;
    value = value * 256 + byte;
  }
  return { value, length, unknown: !marker && ones };
}

function elements(bytes: Uint8Array, start: number, end: number, inSegment = false): Element[] {
  const out: Element[] = [];
  let at = start;
  while (at < end) {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length, false);
    const body = at + id.length + size.length;
    let stop = body + size.value;
    if (size.unknown) {
      // Runs until the next element of its level (a Cluster until the next Cluster, …) or the end.
      stop = body;
      while (stop < end) {
        const inner = vint(bytes, stop, true);
        if (inSegment && LEVEL_1.has(inner.value)) break;
        const innerSize = vint(bytes, stop + inner.length, false);
        if (innerSize.unknown) {
          stop = end;
          break;
        }
        stop += inner.length + innerSize.length + innerSize.value;
      }
    }
    if (stop > end) throw new RangeError(`element past its parent at ${at}`);
    out.push({ id: id.value, start: at, body, end: stop, unknownSize: size.unknown });
    at = stop;
  }
  return out;
}

function uint(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + bytes[i]!;
  return value;
}

/** An element with an 8-byte size (so its size field can be written without moving anything else). */
function element(header: Uint8Array, content: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + 8 + content.length);
  out.set(header);
  out[header.length] = 0x01;
  let size = content.length;
  for (let i = 7; i >= 1; i--) {
    out[header.length + i] = size & 0xff;
    size = Math.floor(size / 256);
  }
  out.set(content, header.length + 8);
  return out;
}

function trimWebm(bytes: Uint8Array, seconds: number): Uint8Array | null {
  const top = elements(bytes, 0, bytes.length);
  const segment = top.find((e) => e.id === SEGMENT);
  if (!segment) return null;
  const level1 = elements(bytes, segment.body, segment.end, true);
  let scaleNs = 1_000_000;
  const info = level1.find((e) => e.id === INFO);
  const infoFields = info ? elements(bytes, info.body, info.end) : [];
  const scale = infoFields.find((e) => e.id === TIMECODE_SCALE);
  if (scale) scaleNs = uint(bytes, scale.body, scale.end);
  let videoTrack: number | null = null;
  for (const tracks of level1.filter((e) => e.id === TRACKS)) {
    for (const entry of elements(bytes, tracks.body, tracks.end).filter((e) => e.id === TRACK_ENTRY)) {
      const fields = elements(bytes, entry.body, entry.end);
      const number = fields.find((e) => e.id === TRACK_NUMBER);
      const type = fields.find((e) => e.id === TRACK_TYPE);
      if (number && type && uint(bytes, type.body, type.end) === 1)
        videoTrack = uint(bytes, number.body, number.end);
    }
  }
  if (videoTrack === null) return null;
  const clusters = level1
    .filter((e) => e.id === CLUSTER)
    .map((cluster) => {
      const inside = elements(bytes, cluster.body, cluster.end);
      const timecode = inside.find((e) => e.id === TIMECODE);
      const base = timecode ? uint(bytes, timecode.body, timecode.end) : 0;
      const blocks = inside.map((e) => {
        if (e.id !== SIMPLE_BLOCK) return { element: e, track: null, time: base };
        const track = vint(bytes, e.body, false);
        const at = e.body + track.length;
        const relative = (((bytes[at]! << 8) | bytes[at + 1]!) << 16) >> 16;
        return { element: e, track: track.value, time: base + relative };
      });
      return { cluster, blocks };
    });
  const videoTimes = clusters.flatMap((c) =>
    c.blocks.filter((b) => b.track === videoTrack).map((b) => b.time),
  );
  if (videoTimes.length < 2) return null;
  const firstTime = Math.min(...videoTimes);
  const cut = firstTime + (seconds * 1e9) / scaleNs;
  const lastTime = Math.max(...videoTimes);
  const frame = (lastTime - firstTime) / (videoTimes.length - 1);
  // Not longer than the cut: only its Duration is written (so it can be seeked).
  const duration = Math.min(cut, lastTime + frame) - firstTime;
  const parts: Uint8Array[] = [];
  for (const e of level1) {
    if (e.id === CLUSTER) {
      const found = clusters.find((c) => c.cluster.start === e.start)!;
      const keptBlocks = found.blocks.filter((b) => b.track === null || b.time < cut);
      if (!keptBlocks.some((b) => b.track !== null)) continue;
      const content = concat(keptBlocks.map((b) => bytes.slice(b.element.start, b.element.end)));
      parts.push(element(bytes.slice(e.start, e.start + 4), content));
    } else if (e.id === CUES) {
      // Cue points would name dropped clusters; they are optional.
    } else if (e.id === INFO) {
      parts.push(withDuration(bytes, e, infoFields, duration));
    } else parts.push(bytes.slice(e.start, e.end));
  }
  const content = concat(parts);
  const segmentHeader = bytes.slice(segment.start, segment.start + 4);
  const head = bytes.slice(0, segment.start);
  return concat([head, element(segmentHeader, content)]);
}

/**
 * Info with its Duration (a float, in timecode units) set, added when missing: MediaRecorder writes none,
 * and without one a browser's player knows no length (it cannot seek) until it played the whole file.
 */
function withDuration(bytes: Uint8Array, info: Element, fields: Element[], duration: number): Uint8Array {
  const field = fields.find((e) => e.id === DURATION);
  if (field && (field.end - field.body === 8 || field.end - field.body === 4)) {
    const out = bytes.slice(info.start, info.end);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const at = field.body - info.start;
    if (field.end - field.body === 8) view.setFloat64(at, duration);
    else view.setFloat32(at, duration);
    return out;
  }
  const added = new Uint8Array(11);
  added.set([0x44, 0x89, 0x88]);
  new DataView(added.buffer).setFloat64(3, duration);
  const kept = fields.filter((e) => e.id !== DURATION).map((e) => bytes.slice(e.start, e.end));
  return element(bytes.slice(info.start, info.start + 4), concat([...kept, added]));
}
