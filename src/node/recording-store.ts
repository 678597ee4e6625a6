/// <reference types="node" />
import { formatBytes } from './forwarder.ts';

/** Total bytes of recordings one server holds unless told otherwise (512 MB). */
export const DEFAULT_MAX_RECORDING_BYTES = 512 * 1024 * 1024;

/** The most URL paths one recording may be reachable at. */
export const MAX_PATHS_PER_RECORDING = 8;

export interface StoredRecording {
  sid: string;
  /** URL paths that answer with this file (`/2012-04-24/Accounts/AC…/Recordings/RE….wav`, …). */
  paths: string[];
  contentType: string;
  bytes: Buffer;
}

export interface RecordingSummary {
  sid: string;
  paths: string[];
  bytes: number;
  contentType: string;
}

const SID = /^RE[0-9a-f]{32}$/;
// RFC 3986 pchar (unreserved, sub-delims, ':', '@', percent-encoded) and '/'.
const PATH_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const CONTENT_TYPE =
  /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(?:\s*;\s*[a-z0-9!#$&^_.+-]+=(?:[a-z0-9!#$&^_.+-]+|"[^"\r\n]*"))*$/i;

/** Why `sid` is not a recording SID, or null when it is (`RE` + 32 lowercase hex digits). */
export function sidError(sid: string): string | null {
  return SID.test(sid)
    ? null
    : `recording sid ${JSON.stringify(sid)} is not RE followed by 32 lowercase hex digits`;
}

/**
 * Why `path` cannot be where recording `sid` is served, or null when it can: an absolute URL path
 * (`/…`) of plain URL characters, with no query or fragment, no `.` or `..` segment, not under
 * `/__sandbox/`, whose last segment is the sid itself or the sid with an extension (`RE….wav`), so a
 * recording can never take the place of one of the app's own files.
 */
export function pathError(path: unknown, sid: string): string | null {
  if (typeof path !== 'string') return `recording path ${JSON.stringify(path)} is not a string`;
  const shown = JSON.stringify(path);
  if (!path.startsWith('/') || path.startsWith('//'))
    return `recording path ${shown} does not start with a single /`;
  if (path.includes('?') || path.includes('#')) return `recording path ${shown} has a query or fragment`;
  if (!PATH_CHARS.test(path)) return `recording path ${shown} has characters a URL path cannot hold`;
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '.' || s === '..' || /%2e/i.test(s) || /%2f/i.test(s))) {
    return `recording path ${shown} has a "." or ".." segment`;
  }
  if (segments[0] === '__sandbox') return `recording path ${shown} is under /__sandbox/`;
  const last = segments[segments.length - 1] ?? '';
  if (last !== sid && !new RegExp(`^${sid}\\.[A-Za-z0-9]{1,8}$`).test(last)) {
    return `recording path ${shown} does not end with ${sid} or ${sid}.<extension>`;
  }
  return null;
}

/** Why a Content-Type value cannot be stored, or null when it can. */
export function contentTypeError(contentType: string): string | null {
  return CONTENT_TYPE.test(contentType)
    ? null
    : `Content-Type ${JSON.stringify(contentType)} is not a media type`;
}

export class RecordingCapacityError extends Error {}

/**
 * The recordings a sandbox server holds for the developer's app to download, in memory, by SID and by
 * each URL path they answer at. Bounded by `maxTotalBytes`; a recording that would pass it is refused.
 */
export class RecordingStore {
  readonly maxTotalBytes: number;
  private readonly bySid = new Map<string, StoredRecording>();
  private readonly byPath = new Map<string, StoredRecording>();
  private total = 0;

  constructor(options: { maxTotalBytes?: number } = {}) {
    this.maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_RECORDING_BYTES;
  }

  /** Bytes held now. */
  get totalBytes(): number {
    return this.total;
  }

  /** How many bytes a recording stored as `sid` may have (room left, counting the one it would replace). */
  roomFor(sid: string): number {
    return this.maxTotalBytes - this.total + (this.bySid.get(sid)?.bytes.length ?? 0);
  }

  /** Why this recording cannot be stored (the caller answers 400), or null. */
  static validate(sid: string, paths: unknown, contentType: string): string | null {
    const bad = sidError(sid);
    if (bad !== null) return bad;
    if (!Array.isArray(paths) || paths.length === 0)
      return 'the recording needs a non-empty array of URL paths';
    if (paths.length > MAX_PATHS_PER_RECORDING) {
      return `the recording has ${paths.length} paths; at most ${MAX_PATHS_PER_RECORDING} are kept`;
    }
    for (const path of paths) {
      const error = pathError(path, sid);
      if (error !== null) return error;
    }
    return contentTypeError(contentType);
  }

  /**
   * Stores (or replaces) a recording. Throws an Error for invalid input and a RecordingCapacityError when
   * it would pass `maxTotalBytes`.
   */
  put(sid: string, paths: string[], contentType: string, bytes: Buffer): StoredRecording {
    const invalid = RecordingStore.validate(sid, paths, contentType);
    if (invalid !== null) throw new Error(invalid);
    if (bytes.length > this.roomFor(sid))
      throw new RecordingCapacityError(this.capacityMessage(bytes.length));
    this.delete(sid);
    const recording: StoredRecording = { sid, paths: [...new Set(paths)], contentType, bytes };
    this.bySid.set(sid, recording);
    for (const path of recording.paths) this.byPath.set(path, recording);
    this.total += bytes.length;
    return recording;
  }

  /** The refusal for a recording of `bytes` that does not fit. */
  capacityMessage(bytes: number | string): string {
    const size = typeof bytes === 'number' ? formatBytes(bytes) : bytes;
    return `the sandbox server holds ${formatBytes(this.total)} of recordings and this one (${size}) would pass its ${formatBytes(this.maxTotalBytes)} limit: clear the recordings (DELETE /__sandbox/recordings) and try again`;
  }

  getByPath(path: string): StoredRecording | undefined {
    return this.byPath.get(path);
  }

  getBySid(sid: string): StoredRecording | undefined {
    return this.bySid.get(sid);
  }

  /** Removes one recording; false when it was not held. */
  delete(sid: string): boolean {
    const recording = this.bySid.get(sid);
    if (recording === undefined) return false;
    this.bySid.delete(sid);
    for (const path of recording.paths) this.byPath.delete(path);
    this.total -= recording.bytes.length;
    return true;
  }

  clear(): void {
    this.bySid.clear();
    this.byPath.clear();
    this.total = 0;
  }

  list(): RecordingSummary[] {
    return [...this.bySid.values()].map(({ sid, paths, bytes, contentType }) => ({
      sid,
      paths,
      bytes: bytes.length,
      contentType,
    }));
  }
}

export type ByteRange =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * What a `Range` header asks of a file of `size` bytes (RFC 9110 §14): one `bytes=a-b`, `bytes=a-` or
 * `bytes=-n` gives a part (end inclusive, clamped to the file); a range that starts past the end (or
 * `-0`, or any range of an empty file) is unsatisfiable; no header, another unit, a malformed value or
 * several ranges give the whole file (a server may always ignore Range, and a multipart/byteranges answer
 * is not worth its weight here). Written by hand: the common parser (range-parser) is not a dependency and
 * this is the whole of what is needed.
 */
export function resolveByteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (match === null) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return { kind: 'whole' }; // not a valid range: ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}
