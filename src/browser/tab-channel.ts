/**
 * What one tab of the sandbox tells the others (same browser, same storage), so that none of them shows
 * something storage no longer holds: a saved workspace, a saved recording, a Clear.
 */
export type TabMessage =
  | { type: 'workspace-saved'; from: string }
  | { type: 'recording-saved'; from: string; recordingSid: string }
  | { type: 'cleared'; from: string };

const CHANNEL = 'rcml-record-sandbox';

/** A message without its sender (the channel adds it). */
export type TabMessageBody = TabMessage extends infer M
  ? M extends TabMessage
    ? Omit<M, 'from'>
    : never
  : never;

export interface TabChannel {
  readonly tabId: string;
  post(message: TabMessageBody): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
}

let shared: TabChannel | null = null;

/** The page's channel to its other tabs (a no-op where BroadcastChannel does not exist). */
export function tabChannel(): TabChannel {
  if (shared) return shared;
  const tabId = Math.random().toString(36).slice(2);
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const listeners = new Set<(message: TabMessage) => void>();
  if (channel) {
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (typeof message !== 'object' || message === null || message.from === tabId) return;
      for (const listener of listeners) listener(message);
    };
  }
  shared = {
    tabId,
    post(message) {
      channel?.postMessage({ ...message, from: tabId });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return shared;
}
