import { useCallback, useEffect, useRef, useState } from 'react';
import { decodePermalinkHash, defaultWorkspace, hasPermalink, type Workspace } from '../browser/permalink.ts';
import { loadWorkspace, saveWorkspace } from '../browser/storage.ts';
import { tabChannel } from '../browser/tab-channel.ts';
import { errorMessage } from '../rcml/error-message.ts';

export type Notice = { kind: 'info' | 'problem'; text: string; action?: { label: string; run: () => void } };

export interface InitialWorkspace {
  workspace: Workspace;
  /** Where it came from, said once to the user (a link, a damaged link, storage problems); null: nothing to say. */
  notice: Notice | null;
  /** False when the saved workspace could not be read: saving then could overwrite it, so nothing is saved. */
  canSave: boolean;
  /** A link's workspace is shown but not saved until the user edits it; the saved one is kept meanwhile. */
  fromLink: boolean;
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

/** Reads a permalink in the location hash once, removing it first (so a bad link cannot stick on reload). */
export function takeLinkedWorkspace(): Workspace | Error | null {
  const hash = window.location.hash;
  if (!hasPermalink(hash)) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return decodePermalinkHash(hash);
}

const LINK_NOTICE =
  'Showing the workspace from the link. Your saved workspace is kept until you edit this one (then this one is saved instead).';

/**
 * The workspace to open: a permalink in the URL wins over the saved workspace (which it does not replace
 * until the user edits), which wins over the default.
 */
export async function loadInitialWorkspace(): Promise<InitialWorkspace> {
  let linked: Workspace | Error | null;
  try {
    linked = takeLinkedWorkspace();
  } catch (error) {
    linked = new Error(`The link could not be read (${errorMessage(error)}).`);
  }
  if (linked !== null && !(linked instanceof Error)) {
    return { workspace: linked, notice: { kind: 'info', text: LINK_NOTICE }, canSave: true, fromLink: true };
  }
  const linkProblem = linked instanceof Error ? `${linked.message} ` : '';
  try {
    const saved = await withTimeout(loadWorkspace(), LOAD_TIMEOUT_MS);
    const notice = linkProblem
      ? {
          kind: 'problem' as const,
          text: `${linkProblem}${saved ? 'Your saved workspace is open instead.' : ''}`,
        }
      : null;
    return { workspace: saved ?? defaultWorkspace(), notice, canSave: true, fromLink: false };
  } catch (error) {
    return {
      workspace: defaultWorkspace(),
      notice: {
        kind: 'problem',
        text: `${linkProblem}${errorMessage(error)} Changes in this tab are not saved.`,
      },
      canSave: false,
      fromLink: false,
    };
  }
}

/**
 * The workspace state, saved shortly after each edit; `storageProblem` says when saving fails. A link's
 * workspace (at load, or pasted into the open tab) is shown without being saved until the user edits it.
 * Another tab's save is announced with a way to load it.
 */
export function useWorkspace(initial: InitialWorkspace, onNotice: (notice: Notice | null) => void) {
  const [workspace, setWorkspaceState] = useState(initial.workspace);
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  /** Whether the shown workspace is to be saved: false for a link's, until it is edited. */
  const [owned, setOwned] = useState(!initial.fromLink);
  const lastSaved = useRef<Workspace | null>(null);
  const canSave = initial.canSave;

  useEffect(() => {
    if (!canSave || !owned || lastSaved.current === workspace) return;
    let live = true;
    const timer = window.setTimeout(() => {
      saveWorkspace(workspace).then(
        () => {
          lastSaved.current = workspace;
          tabChannel().post({ type: 'workspace-saved' });
          if (live) setStorageProblem(null);
        },
        (error: unknown) => live && setStorageProblem(errorMessage(error)),
      );
    }, SAVE_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [workspace, canSave, owned]);

  /** The user changed the workspace: it is theirs now, and saved. */
  const setWorkspace = useCallback((change: Workspace | ((current: Workspace) => Workspace)) => {
    setOwned(true);
    setWorkspaceState(change);
  }, []);
  const update = useCallback(
    (patch: Partial<Workspace>) => setWorkspace((current) => ({ ...current, ...patch })),
    [setWorkspace],
  );

  const openSaved = useCallback(() => {
    loadWorkspace().then(
      (saved) => {
        lastSaved.current = saved;
        setWorkspaceState(saved ?? defaultWorkspace());
        setOwned(true);
        onNotice({ kind: 'info', text: 'Your saved workspace is open.' });
      },
      (error: unknown) => onNotice({ kind: 'problem', text: errorMessage(error) }),
    );
  }, [onNotice]);

  // A link's notice offers the saved workspace back.
  useEffect(() => {
    if (initial.fromLink)
      onNotice({
        kind: 'info',
        text: LINK_NOTICE,
        action: { label: 'Open my saved workspace', run: openSaved },
      });
  }, [initial.fromLink, onNotice, openSaved]);

  // A link pasted into the open tab: shown like a link at load.
  useEffect(() => {
    const onHashChange = () => {
      const linked = takeLinkedWorkspace();
      if (linked === null) return;
      if (linked instanceof Error) {
        onNotice({ kind: 'problem', text: `${linked.message} The workspace you had is still open.` });
        return;
      }
      setWorkspaceState(linked);
      setOwned(false);
      onNotice({
        kind: 'info',
        text: LINK_NOTICE,
        action: { label: 'Open my saved workspace', run: openSaved },
      });
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [onNotice, openSaved]);

  // Another tab saved its workspace over this one's.
  useEffect(
    () =>
      tabChannel().subscribe((message) => {
        if (message.type !== 'workspace-saved') return;
        onNotice({
          kind: 'info',
          text: 'Another tab saved its workspace. This tab still shows yours; your next edit here is saved over the other one.',
          action: { label: "Open the other tab's workspace", run: openSaved },
        });
      }),
    [onNotice, openSaved],
  );

  return { workspace, setWorkspace, update, storageProblem, setStorageProblem, fromLink: !owned };
}
