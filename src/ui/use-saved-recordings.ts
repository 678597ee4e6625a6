import { useCallback, useEffect, useRef } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import type { RecordingEntry, RecordingLibrary } from '../browser/recording-library.ts';
import {
  clearStorage,
  loadRecording,
  loadRecordings,
  saveRecording,
  type StoredRecording,
} from '../browser/storage.ts';
import { Store } from '../browser/store.ts';
import { tabChannel } from '../browser/tab-channel.ts';
import type { Notice } from './use-workspace.ts';
import { useStore } from './use-store.ts';
import { errorMessage } from '../rcml/error-message.ts';

const EMPTY_STORE = new Store<readonly RecordingEntry[]>([]);

/** A stored recording back in the page: its blob: URLs made anew. */
function revive(library: RecordingLibrary, stored: StoredRecording): RecordingEntry {
  return {
    ...stored,
    objectUrl: library.objectUrl(stored.wav, 'audio/wav'),
    video: stored.video
      ? { ...stored.video, objectUrl: library.objectUrl(stored.video.bytes, stored.video.mimeType) }
      : null,
  };
}

/**
 * Keeps the driver's recordings in storage: restores the saved ones once the driver exists (skipping, with
 * a notice, any that cannot be read), saves each new recording (and again when what is known of it
 * changes), follows other tabs' saves and Clear. `forget` clears storage and tells the other tabs.
 */
export function useSavedRecordings(
  driver: CallDriver | null,
  onProblem: (message: string | null) => void,
  onNotice: (notice: Notice | null) => void,
): { forget: () => void } {
  const saved = useRef(new Map<string, RecordingEntry>());
  const library = driver?.recordings ?? null;
  const recordings = useStore(library?.store ?? EMPTY_STORE);

  useEffect(() => {
    if (!driver) return;
    let live = true;
    loadRecordings().then(
      ({ recordings: list, skipped }) => {
        if (!live) return;
        const entries = list.map((r) => revive(driver.recordings, r));
        for (const entry of entries) saved.current.set(entry.recordingSid, entry);
        driver.restoreRecordings(entries);
        if (skipped > 0) {
          onNotice({
            kind: 'problem',
            text: `${skipped} saved recording${skipped === 1 ? ' was' : 's were'} damaged and could not be loaded; the others are here.`,
          });
        }
      },
      (error: unknown) => live && onProblem(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [driver, onProblem, onNotice]);

  useEffect(() => {
    for (const recording of recordings) {
      if (saved.current.get(recording.recordingSid) === recording) continue;
      saved.current.set(recording.recordingSid, recording);
      saveRecording(recording).then(
        () => tabChannel().post({ type: 'recording-saved', recordingSid: recording.recordingSid }),
        (error: unknown) => onProblem(errorMessage(error)),
      );
    }
  }, [recordings, onProblem]);

  useEffect(() => {
    if (!driver) return;
    return tabChannel().subscribe((event) => {
      if (event.type === 'recording-saved') {
        loadRecording(event.recordingSid).then(
          (stored) => {
            if (!stored || saved.current.has(stored.recordingSid)) return;
            const entry = revive(driver.recordings, stored);
            saved.current.set(entry.recordingSid, entry);
            driver.restoreRecordings([entry]);
          },
          () => undefined,
        );
      } else if (event.type === 'cleared') {
        const sids = new Set(driver.recordings.entries.map((r) => r.recordingSid));
        driver.recordings.forget(sids);
        saved.current.clear();
        onNotice({ kind: 'info', text: 'Another tab cleared the saved workspace and recordings.' });
      }
    });
  }, [driver, onNotice]);

  const forget = useCallback(() => {
    saved.current.clear();
    void driver?.clearRecordings();
    clearStorage().then(
      () => {
        tabChannel().post({ type: 'cleared' });
        onProblem(null);
      },
      (error: unknown) => onProblem(errorMessage(error)),
    );
  }, [driver, onProblem]);

  return { forget };
}
