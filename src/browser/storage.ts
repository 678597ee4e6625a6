/**
 * Keeps the workspace and the recordings across reloads, in IndexedDB through idb-keyval. Each recording
 * is its own entry, so a failed write (storage full) never damages what was saved before it. Everything
 * read back is checked field by field, as a permalink is: a bad record is skipped (and counted), the rest
 * load.
 */
import { createStore, del, delMany, get, keys, set, type UseStore } from 'idb-keyval';
import type { InspectorSnapshot } from './inspector-log.ts';
import type { RecordingEntry } from './recording-library.ts';
import { normalizeWorkspace, type Workspace } from './permalink.ts';

/** A recording as stored: everything but its blob: URLs, which live only as long as the page. */
export type StoredRecording = Omit<RecordingEntry, 'objectUrl' | 'video'> & {
  video: { bytes: Uint8Array; mimeType: string } | null;
};

const WORKSPACE_KEY = 'workspace';
const RECORDING_PREFIX = 'recording:';

export class StorageError extends Error {
  constructor(
    readonly kind: 'full' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

function describe(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new StorageError(
      'full',
      'The browser storage for this page is full: new changes are not saved. What was saved before is kept; download the recordings you need, or use Clear.',
    );
  }
  return new StorageError(
    'unavailable',
    `Saving is not available in this browser (private window or blocked storage?): the workspace and recordings last only until the page is closed. ${
      error instanceof Error && error.message ? `(${error.message})` : ''
    }`.trim(),
  );
}

let store: UseStore | null = null;

function sandboxStore(): UseStore {
  if (typeof indexedDB === 'undefined')
    throw new StorageError('unavailable', 'This browser has no IndexedDB.');
  store ??= createStore('rcml-record-sandbox', 'keyval');
  return store;
}

async function guarded<T>(action: (store: UseStore) => Promise<T>): Promise<T> {
  try {
    return await action(sandboxStore());
  } catch (error) {
    throw describe(error);
  }
}

export function loadWorkspace(): Promise<Workspace | null> {
  return guarded(async (s) => normalizeWorkspace(await get(WORKSPACE_KEY, s)));
}

export function saveWorkspace(workspace: Workspace): Promise<void> {
  return guarded((s) => set(WORKSPACE_KEY, workspace, s));
}

const REASONS = ['finishOnKey', 'timeout', 'maxLength', 'hangup'] as const;
const MEDIA = ['audio_only', 'video_only', 'audio_video'] as const;

/** A stored recording read back, every field checked; null when any field is not what it must be. */
export function readStoredRecording(value: unknown): StoredRecording | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const isText = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;
  const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!isText(r.recordingSid) || !/^RE[0-9a-f]{32}$/.test(r.recordingSid)) return null;
  if (!isText(r.url) || !isText(r.publicUrl) || !isText(r.digits, 100) || !isText(r.callSid ?? '', 200))
    return null;
  if (!(REASONS as readonly unknown[]).includes(r.reason)) return null;
  if (!isFinite(r.durationSeconds) || !isCount(r.lengthSamples) || typeof r.empty !== 'boolean') return null;
  if (!isFinite(r.savedAtMs)) return null;
  if (!(r.wav instanceof Uint8Array) || r.wav.length < 44) return null;
  const durationParam = r.durationParam ?? null;
  if (durationParam !== null && !isText(durationParam, 100)) return null;
  const requestNumber = r.requestNumber ?? null;
  if (requestNumber !== null && !isCount(requestNumber)) return null;
  const media = r.media ?? 'audio_only';
  if (!(MEDIA as readonly unknown[]).includes(media)) return null;
  let video: StoredRecording['video'] = null;
  if (r.video !== undefined && r.video !== null) {
    const v = r.video as Record<string, unknown>;
    if (!(v.bytes instanceof Uint8Array) || !isText(v.mimeType, 200) || !/^video\//.test(v.mimeType))
      return null;
    video = { bytes: v.bytes, mimeType: v.mimeType };
  }
  return {
    recordingSid: r.recordingSid,
    url: r.url,
    publicUrl: r.publicUrl,
    reason: r.reason as StoredRecording['reason'],
    digits: r.digits,
    durationSeconds: r.durationSeconds,
    lengthSamples: r.lengthSamples,
    empty: r.empty,
    media: media as StoredRecording['media'],
    durationParam: durationParam as string | null,
    requestNumber: requestNumber as number | null,
    callSid: typeof r.callSid === 'string' ? r.callSid : '',
    endSample: isCount(r.endSample) ? r.endSample : r.lengthSamples,
    savedAtMs: r.savedAtMs,
    interrupted: r.interrupted === true,
    wav: r.wav,
    video,
  };
}

/** The saved recordings, oldest first, and how many stored entries could not be read. */
export function loadRecordings(): Promise<{ recordings: StoredRecording[]; skipped: number }> {
  return guarded(async (s) => {
    const recordingKeys = (await keys<string>(s)).filter((key) => String(key).startsWith(RECORDING_PREFIX));
    const found = await Promise.all(recordingKeys.map((key) => get<unknown>(key, s)));
    const recordings: StoredRecording[] = [];
    let skipped = 0;
    for (const value of found) {
      const recording = readStoredRecording(value);
      if (recording) recordings.push(recording);
      else skipped++;
    }
    return { recordings: recordings.sort((a, b) => a.savedAtMs - b.savedAtMs), skipped };
  });
}

/** What storage keeps of a recording. */
export function toStored(recording: RecordingEntry): StoredRecording {
  const { objectUrl: _objectUrl, video, ...rest } = recording;
  return { ...rest, video: video ? { bytes: video.bytes, mimeType: video.mimeType } : null };
}

/** Saves (or updates) one recording. */
export function saveRecording(recording: RecordingEntry): Promise<void> {
  return guarded((s) => set(`${RECORDING_PREFIX}${recording.recordingSid}`, toStored(recording), s));
}

export function loadRecording(recordingSid: string): Promise<StoredRecording | null> {
  return guarded(async (s) => readStoredRecording(await get(`${RECORDING_PREFIX}${recordingSid}`, s)));
}

export function deleteRecording(recordingSid: string): Promise<void> {
  return guarded((s) => del(`${RECORDING_PREFIX}${recordingSid}`, s));
}

/** Forgets the workspace and every recording. */
export function clearStorage(): Promise<void> {
  return guarded(async (s) => {
    const all = await keys(s);
    await delMany(all, s);
  });
}

const INTERRUPTED_KEY = 'interrupted-call';
const INTERRUPTED_AUDIO_PREFIX = 'interrupted-audio:';
const INTERRUPTED_VIDEO_PREFIX = 'interrupted-video:';

/** A call in progress as storage keeps it, so that a reload does not lose it (its audio is in segments). */
export interface InterruptedCall {
  callSid: string;
  accountSid: string;
  clockSamples: number;
  documentUrl: string;
  profile: string;
  savedAtMs: number;
  log: InspectorSnapshot;
  /**
   * The recording in progress: where it started on the call clock, and how many audio segments hold it;
   * for a video recording, its media, its container type and how many video segments hold its file so far.
   */
  recording: {
    startSample: number;
    segments: number;
    media?: StoredRecording['media'];
    videoType?: string;
    videoSegments?: number;
  } | null;
}

/** Saves the call in progress, and the recording's audio captured since the last save as segment `index`. */
export function saveInterruptedCall(
  call: InterruptedCall,
  audio: { index: number; samples: Int16Array } | null,
  video: { index: number; data: Blob } | null = null,
): Promise<void> {
  return guarded(async (s) => {
    if (audio) await set(`${INTERRUPTED_AUDIO_PREFIX}${audio.index}`, audio.samples, s);
    if (video) await set(`${INTERRUPTED_VIDEO_PREFIX}${video.index}`, video.data, s);
    await set(INTERRUPTED_KEY, call, s);
  });
}

/** Whether a stored call in progress is of the form saveInterruptedCall writes (each field checked). */
export function isInterruptedCall(value: unknown): value is InterruptedCall {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const log = v.log as Record<string, unknown> | undefined;
  const recording = v.recording as Record<string, unknown> | null | undefined;
  return (
    typeof v.callSid === 'string' &&
    typeof v.accountSid === 'string' &&
    typeof v.documentUrl === 'string' &&
    typeof v.clockSamples === 'number' &&
    typeof v.savedAtMs === 'number' &&
    typeof log === 'object' &&
    log !== null &&
    Array.isArray(log.requests) &&
    log.requests.every(
      (r: unknown) => typeof r === 'object' && r !== null && typeof (r as { url?: unknown }).url === 'string',
    ) &&
    Array.isArray(log.notifications) &&
    (recording === null ||
      (typeof recording === 'object' &&
        typeof recording.startSample === 'number' &&
        isSegmentCount(recording.segments) &&
        (recording.media === undefined || (MEDIA as readonly unknown[]).includes(recording.media)) &&
        (recording.videoType === undefined ||
          (typeof recording.videoType === 'string' &&
            recording.videoType.length <= 200 &&
            /^video\//.test(recording.videoType))) &&
        (recording.videoSegments === undefined || isSegmentCount(recording.videoSegments))))
  );
}

function isSegmentCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < 1_000_000;
}

/** The call a reload interrupted, with its recording's audio (and video) so far, or null. */
export function loadInterruptedCall(): Promise<{
  call: InterruptedCall;
  samples: Int16Array | null;
  video: { bytes: Uint8Array; mimeType: string } | null;
} | null> {
  return guarded(async (s) => {
    const call = await get<unknown>(INTERRUPTED_KEY, s);
    if (!isInterruptedCall(call)) return null;
    if (!call.recording) return { call, samples: null, video: null };
    const { videoType, videoSegments = 0 } = call.recording;
    let video: { bytes: Uint8Array; mimeType: string } | null = null;
    if (videoType !== undefined && videoSegments > 0) {
      const pieces = await Promise.all(
        Array.from({ length: videoSegments }, (_, i) => get<unknown>(`${INTERRUPTED_VIDEO_PREFIX}${i}`, s)),
      );
      // The file so far is its pieces in order; a missing one ends it there.
      const missing = pieces.findIndex((piece) => !(piece instanceof Blob));
      const kept = (missing === -1 ? pieces : pieces.slice(0, missing)) as Blob[];
      if (kept.length > 0)
        video = { bytes: new Uint8Array(await new Blob(kept).arrayBuffer()), mimeType: videoType };
    }
    const segments = await Promise.all(
      Array.from({ length: call.recording.segments }, (_, i) =>
        get<unknown>(`${INTERRUPTED_AUDIO_PREFIX}${i}`, s),
      ),
    );
    const parts = segments.filter((part): part is Int16Array => part instanceof Int16Array);
    const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      samples.set(part, offset);
      offset += part.length;
    }
    return { call, samples, video };
  });
}

export function clearInterruptedCall(): Promise<void> {
  return guarded(async (s) => {
    const all = await keys<string>(s);
    await delMany(
      all.filter(
        (key) =>
          key === INTERRUPTED_KEY ||
          String(key).startsWith(INTERRUPTED_AUDIO_PREFIX) ||
          String(key).startsWith(INTERRUPTED_VIDEO_PREFIX),
      ),
      s,
    );
  });
}
