import type { RecordVerb } from '../rcml/types.ts';
import type { StopReason } from '../engine/events.ts';
import { Store } from './store.ts';

/** A video recording's file (`media="audio_video"` or `video_only`, SPEC §10). */
export interface VideoFile {
  bytes: Uint8Array;
  /** The container type MediaRecorder wrote: `video/mp4` or `video/webm` (with codecs). */
  mimeType: string;
  /** A blob: URL for the player and the download, revoked when the recording is forgotten. */
  objectUrl: string;
}

/** One recording as the page keeps and shows it. */
export interface RecordingEntry {
  recordingSid: string;
  /** RecordingUrl as sent (or as it would have been sent). */
  url: string;
  /** The http URL the WAV (or video) is served at. */
  publicUrl: string;
  reason: StopReason;
  digits: string;
  /** The file's length. */
  durationSeconds: number;
  lengthSamples: number;
  empty: boolean;
  media: RecordVerb['media'];
  /** The RecordingDuration the action request carried, or null when none was sent. */
  durationParam: string | null;
  /** The inspector number of the action request that carried it, or null. */
  requestNumber: number | null;
  /** The call it was made in (its CallSid), and where on that call's clock it stopped. */
  callSid: string;
  endSample: number;
  /** When it was made (ms since the epoch), for ordering across reloads. */
  savedAtMs: number;
  /** Cut short because the page was reloaded during the call. */
  interrupted: boolean;
  wav: Uint8Array;
  /** A blob: URL of the WAV for players and downloads, revoked when the recording is forgotten. */
  objectUrl: string;
  video: VideoFile | null;
}

/** Where else the recordings are served (the mock server in the page, the sandbox's own server). */
export interface RecordingServer {
  add(entry: RecordingEntry): void | Promise<void>;
  clear(): void | Promise<void>;
}

export interface BlobUrls {
  create(bytes: Uint8Array, type: string): string;
  revoke(url: string): void;
}

export const browserBlobUrls: BlobUrls = {
  create: (bytes, type) => URL.createObjectURL(new Blob([bytes.slice().buffer], { type })),
  revoke: (url) => URL.revokeObjectURL(url),
};

/**
 * The recordings of the page, in the order they were made: added as calls finish them, restored from
 * storage at load. `clear` forgets them everywhere: the list, their blob: URLs, and every server that
 * answered their RecordingUrl (an old RecordingUrl no longer answers 200).
 */
export class RecordingLibrary {
  readonly store = new Store<readonly RecordingEntry[]>([]);

  constructor(
    private readonly servers: RecordingServer[],
    private readonly urls: BlobUrls = browserBlobUrls,
  ) {}

  get entries(): readonly RecordingEntry[] {
    return this.store.getSnapshot();
  }

  /** A blob: URL for bytes of this type (released when the recording is forgotten). */
  objectUrl(bytes: Uint8Array, type: string): string {
    return this.urls.create(bytes, type);
  }

  /** Adds a new recording, serves it, and resolves once every server holds it. */
  async add(entry: RecordingEntry): Promise<void> {
    this.store.update((list) => [...list.filter((r) => r.recordingSid !== entry.recordingSid), entry]);
    await Promise.all(this.servers.map((server) => server.add(entry)));
  }

  /** Changes what is known of a recording (its action request, once it is sent). */
  patch(recordingSid: string, patch: Partial<RecordingEntry>): void {
    this.store.update((list) => list.map((r) => (r.recordingSid === recordingSid ? { ...r, ...patch } : r)));
  }

  /** Puts recordings kept from an earlier visit back, oldest first; ones already listed are left as they are. */
  restore(entries: RecordingEntry[]): void {
    const known = new Set(this.entries.map((r) => r.recordingSid));
    const restored = entries.filter((entry) => !known.has(entry.recordingSid));
    if (restored.length === 0) return;
    for (const entry of restored) for (const server of this.servers) void server.add(entry);
    this.store.update((list) => [...list, ...restored].sort((a, b) => a.savedAtMs - b.savedAtMs));
  }

  /** Forgets recordings that another tab removed (without touching the servers' other recordings). */
  forget(recordingSids: ReadonlySet<string>): void {
    for (const entry of this.entries) if (recordingSids.has(entry.recordingSid)) this.release(entry);
    this.store.update((list) => list.filter((r) => !recordingSids.has(r.recordingSid)));
  }

  /** Forgets every recording, here and on every server. */
  async clear(): Promise<void> {
    for (const entry of this.entries) this.release(entry);
    this.store.set([]);
    await Promise.all(this.servers.map((server) => server.clear()));
  }

  private release(entry: RecordingEntry): void {
    this.urls.revoke(entry.objectUrl);
    if (entry.video) this.urls.revoke(entry.video.objectUrl);
  }
}
