/**
 * Keeps the workspace and the recordings across reloads, in IndexedDB through idb-keyval. Each recording
 * is its own entry, so a failed write (storage full) never damages what was saved before it.
 */
import { createStore, del, delMany, get, keys, set, type UseStore } from 'idb-keyval';
import type { RecordingEntry } from './call-driver.ts';
import { normalizeWorkspace, type Workspace } from './permalink.ts';

/** A recording as stored: everything but its blob: URL, which lives only as long as the page. */
export type StoredRecording = Omit<RecordingEntry, 'objectUrl'> & { savedAtMs: number };

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

function isStoredRecording(value: unknown): value is StoredRecording {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<StoredRecording>;
  return (
    typeof r.recordingSid === 'string' && r.wav instanceof Uint8Array && typeof r.lengthSamples === 'number'
  );
}

/** The saved recordings, oldest first. */
export function loadRecordings(): Promise<StoredRecording[]> {
  return guarded(async (s) => {
    const recordingKeys = (await keys<string>(s)).filter((key) => String(key).startsWith(RECORDING_PREFIX));
    const found = await Promise.all(recordingKeys.map((key) => get<unknown>(key, s)));
    return found.filter(isStoredRecording).sort((a, b) => a.savedAtMs - b.savedAtMs);
  });
}

/** Saves (or updates) one recording; `savedAtMs` orders the list when it is loaded again. */
export function saveRecording(recording: RecordingEntry, savedAtMs: number): Promise<void> {
  const stored: StoredRecording = {
    recordingSid: recording.recordingSid,
    url: recording.url,
    publicUrl: recording.publicUrl,
    reason: recording.reason,
    digits: recording.digits,
    durationSeconds: recording.durationSeconds,
    lengthSamples: recording.lengthSamples,
    empty: recording.empty,
    wav: recording.wav,
    requestId: recording.requestId,
    savedAtMs,
  };
  return guarded((s) => set(`${RECORDING_PREFIX}${recording.recordingSid}`, stored, s));
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
