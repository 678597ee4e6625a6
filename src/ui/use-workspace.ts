import { useCallback, useEffect, useState } from 'react';
import { decodePermalinkHash, defaultWorkspace, type Workspace } from '../browser/permalink.ts';
import { loadWorkspace, saveWorkspace } from '../browser/storage.ts';

export interface InitialWorkspace {
  workspace: Workspace;
  /** Where it came from, said once to the user (a link, a damaged link, storage problems); null: nothing to say. */
  notice: { kind: 'info' | 'problem'; text: string } | null;
  /** False when the saved workspace could not be read: saving then could overwrite it, so nothing is saved. */
  canSave: boolean;
}

const SAVE_DELAY_MS = 400;
/** How long the first paint may wait for storage before the page opens without it. */
const LOAD_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(
      () => reject(new Error('The browser storage did not answer: the saved workspace could not be opened.')),
      ms,
    );
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * The workspace to open: a permalink in the URL wins over the saved workspace, which wins over the
 * default. The permalink's hash is removed once read, so a reload shows the saved (possibly edited) copy.
 */
export async function loadInitialWorkspace(): Promise<InitialWorkspace> {
  const linked = decodePermalinkHash(window.location.hash);
  if (linked !== null) history.replaceState(null, '', window.location.pathname + window.location.search);
  if (linked !== null && !(linked instanceof Error)) {
    return {
      workspace: linked,
      notice: { kind: 'info', text: 'Opened the document, mock rules and settings from the link.' },
      canSave: true,
    };
  }
  const linkProblem = linked instanceof Error ? `${linked.message} ` : '';
  try {
    const saved = await withTimeout(loadWorkspace(), LOAD_TIMEOUT_MS);
    if (saved) {
      const notice = linkProblem
        ? { kind: 'problem' as const, text: `${linkProblem}Your saved workspace is open instead.` }
        : null;
      return { workspace: saved, notice, canSave: true };
    }
    return {
      workspace: defaultWorkspace(),
      notice: linkProblem ? { kind: 'problem', text: linkProblem } : null,
      canSave: true,
    };
  } catch (error) {
    return {
      workspace: defaultWorkspace(),
      notice: {
        kind: 'problem',
        text: `${linkProblem}${error instanceof Error ? error.message : String(error)} Changes in this tab are not saved.`,
      },
      canSave: false,
    };
  }
}

/** The workspace state, saved shortly after each change; `storageProblem` says when saving fails. */
export function useWorkspace(initial: Workspace, canSave: boolean) {
  const [workspace, setWorkspace] = useState(initial);
  const [storageProblem, setStorageProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!canSave) return;
    let live = true;
    const timer = window.setTimeout(() => {
      saveWorkspace(workspace).then(
        () => live && setStorageProblem(null),
        (error: unknown) => live && setStorageProblem(error instanceof Error ? error.message : String(error)),
      );
    }, SAVE_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [workspace, canSave]);

  const update = useCallback(
    (patch: Partial<Workspace>) => setWorkspace((current) => ({ ...current, ...patch })),
    [],
  );
  return { workspace, setWorkspace, update, storageProblem, setStorageProblem };
}
