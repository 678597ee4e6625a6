import { useCallback, useEffect, useRef } from 'react';
import type { CallDriver, RecordingEntry } from '../browser/call-driver.ts';
import { clearStorage, loadRecordings, saveRecording } from '../browser/storage.ts';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps the driver's recordings in storage: restores the saved ones once the driver exists, saves each new
 * recording (and again when its action request becomes known). `forget` clears storage.
 */
export function useSavedRecordings(
  driver: CallDriver | null,
  recordings: RecordingEntry[],
  onProblem: (message: string | null) => void,
): { forget: () => void } {
  const saved = useRef(new Map<string, { savedAtMs: number; requestId: number | null }>());

  useEffect(() => {
    if (!driver) return;
    let live = true;
    loadRecordings().then(
      (list) => {
        if (!live) return;
        for (const r of list)
          saved.current.set(r.recordingSid, { savedAtMs: r.savedAtMs, requestId: r.requestId });
        driver.restoreRecordings(list);
      },
      (error: unknown) => live && onProblem(message(error)),
    );
    return () => {
      live = false;
    };
  }, [driver, onProblem]);

  useEffect(() => {
    for (const recording of recordings) {
      const known = saved.current.get(recording.recordingSid);
      if (known && known.requestId === recording.requestId) continue;
      const savedAtMs = known?.savedAtMs ?? Date.now();
      saved.current.set(recording.recordingSid, { savedAtMs, requestId: recording.requestId });
      saveRecording(recording, savedAtMs).catch((error: unknown) => onProblem(message(error)));
    }
  }, [recordings, onProblem]);

  const forget = useCallback(() => {
    saved.current.clear();
    driver?.clearRecordings();
    clearStorage().then(
      () => onProblem(null),
      (error: unknown) => onProblem(message(error)),
    );
  }, [driver, onProblem]);

  return { forget };
}
