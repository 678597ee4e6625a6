import { describe, expect, it } from 'vitest';
import { DetectorStatusStore, INITIAL_DETECTOR_STATUS, describeDetectorStatus } from './silero-status.ts';

describe('DetectorStatusStore', () => {
  it('starts loading, notifies subscribers of each change and stops after unsubscribe', () => {
    const store = new DetectorStatusStore();
    expect(store.getSnapshot()).toEqual(INITIAL_DETECTOR_STATUS);
    const seen: number[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.getSnapshot().progress));
    store.set({ progress: 0.5 });
    store.set({ status: 'ready', progress: 1, loadMs: 1234 });
    unsubscribe();
    store.set({ progress: 0.1 });
    expect(seen).toEqual([0.5, 1]);
  });

  it('gives a new snapshot object per change (for useSyncExternalStore)', () => {
    const store = new DetectorStatusStore();
    const before = store.getSnapshot();
    store.set({ progress: 0.2 });
    expect(store.getSnapshot()).not.toBe(before);
  });
});

describe('describeDetectorStatus', () => {
  it('says how far loading got, that Silero is ready, or why it fell back', () => {
    expect(describeDetectorStatus({ status: 'loading', progress: 0.42, message: null, loadMs: null })).toBe(
      'Voice detector: loading Silero… 42%',
    );
    expect(describeDetectorStatus({ status: 'ready', progress: 1, message: null, loadMs: 1530 })).toBe(
      'Voice detector: Silero v5 (ready in 1.5 s)',
    );
    expect(describeDetectorStatus({ status: 'fallback', progress: 1, message: 'No wasm.', loadMs: 10 })).toBe(
      '⚠ No wasm.',
    );
  });
});
