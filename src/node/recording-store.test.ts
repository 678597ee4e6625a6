/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import {
  pathError,
  RecordingCapacityError,
  RecordingStore,
  resolveByteRange,
  sidError,
} from './recording-store.ts';

const SID = 'RE0123456789abcdef0123456789abcdef';
const PATH = `/2012-04-24/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/${SID}.wav`;

describe('RecordingStore', () => {
  it('finds a recording by each of its paths and by sid, and lists it', () => {
    const store = new RecordingStore();
    const bare = PATH.replace('.wav', '');
    store.put(SID, [PATH, bare], 'audio/wav', Buffer.from('RIFF'));
    expect(store.getByPath(PATH)?.bytes.toString()).toBe('RIFF');
    expect(store.getByPath(bare)?.sid).toBe(SID);
    expect(store.getBySid(SID)?.contentType).toBe('audio/wav');
    expect(store.list()).toEqual([{ sid: SID, paths: [PATH, bare], bytes: 4, contentType: 'audio/wav' }]);
    expect(store.totalBytes).toBe(4);
  });

  it('replaces a recording stored again under the same sid, dropping its old paths', () => {
    const store = new RecordingStore();
    store.put(SID, [PATH], 'audio/wav', Buffer.alloc(10));
    store.put(SID, [`/r/${SID}.webm`], 'video/webm', Buffer.alloc(3));
    expect(store.getByPath(PATH)).toBeUndefined();
    expect(store.getByPath(`/r/${SID}.webm`)?.contentType).toBe('video/webm');
    expect(store.totalBytes).toBe(3);
  });

  it('deletes one, and clears all', () => {
    const store = new RecordingStore();
    store.put(SID, [PATH], 'audio/wav', Buffer.alloc(10));
    expect(store.delete(SID)).toBe(true);
    expect(store.delete(SID)).toBe(false);
    expect(store.getByPath(PATH)).toBeUndefined();
    store.put(SID, [PATH], 'audio/wav', Buffer.alloc(10));
    store.clear();
    expect(store.list()).toEqual([]);
    expect(store.totalBytes).toBe(0);
  });

  it('refuses what would pass its total limit, counting the recording it replaces', () => {
    const store = new RecordingStore({ maxTotalBytes: 20 });
    store.put(SID, [PATH], 'audio/wav', Buffer.alloc(15));
    const other = `RE${'c'.repeat(32)}`;
    expect(() => store.put(other, [`/${other}`], 'audio/wav', Buffer.alloc(6))).toThrow(
      RecordingCapacityError,
    );
    expect(() => store.put(other, [`/${other}`], 'audio/wav', Buffer.alloc(6))).toThrow(
      'the sandbox server holds 15 bytes of recordings and this one (6 bytes) would pass its 20 bytes limit',
    );
    expect(store.roomFor(SID)).toBe(20);
    store.put(SID, [PATH], 'audio/wav', Buffer.alloc(20));
    expect(store.totalBytes).toBe(20);
  });

  it('refuses a bad content type', () => {
    expect(RecordingStore.validate(SID, [PATH], 'audio wav')).toBe(
      'Content-Type "audio wav" is not a media type',
    );
    expect(RecordingStore.validate(SID, [PATH], 'video/webm;codecs="vp8,opus"')).toBeNull();
  });
});

describe('sidError and pathError', () => {
  it('accept the platform forms', () => {
    expect(sidError(SID)).toBeNull();
    expect(pathError(PATH, SID)).toBeNull();
    expect(pathError(`/2010-04-01/Accounts/AC1/Recordings/${SID}`, SID)).toBeNull();
  });

  it('refuse upper-case hex, traversal, encoded traversal and paths of other files', () => {
    expect(sidError(SID.toUpperCase())).toMatch(/is not RE followed by 32 lowercase hex digits$/);
    expect(pathError(`/a/%2e%2e/${SID}`, SID)).toBe(
      `recording path "/a/%2e%2e/${SID}" has a "." or ".." segment`,
    );
    expect(pathError(`//evil.example/${SID}`, SID)).toBe(
      `recording path "//evil.example/${SID}" does not start with a single /`,
    );
    expect(pathError(`/a b/${SID}`, SID)).toBe(
      `recording path "/a b/${SID}" has characters a URL path cannot hold`,
    );
    expect(pathError(`/${SID}x`, SID)).toBe(
      `recording path "/${SID}x" does not end with ${SID} or ${SID}.<extension>`,
    );
    expect(pathError(42, SID)).toBe('recording path 42 is not a string');
  });
});

describe('resolveByteRange', () => {
  it('reads one range in each of its three forms, clamped to the file', () => {
    expect(resolveByteRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
    expect(resolveByteRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(resolveByteRange('bytes=-5', 100)).toEqual({ kind: 'part', start: 95, end: 99 });
    expect(resolveByteRange('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(resolveByteRange('bytes=99-1000', 100)).toEqual({ kind: 'part', start: 99, end: 99 });
  });

  it('says which ranges cannot be satisfied', () => {
    expect(resolveByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(resolveByteRange('bytes=100-200', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(resolveByteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(resolveByteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('gives the whole file for no, malformed, other-unit and multiple ranges', () => {
    for (const header of [undefined, 'bytes=', 'bytes=5-2', 'items=0-1', 'bytes=0-1,4-5', 'bytes=a-b']) {
      expect(resolveByteRange(header, 100), String(header)).toEqual({ kind: 'whole' });
    }
  });
});
