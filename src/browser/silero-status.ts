/** Where the page's voice-activity detector is: loading the model, ready, or fallen back to energy. */
export interface DetectorStatus {
  status: 'loading' | 'ready' | 'fallback';
  /** 0…1 while loading; 1 once ready or fallen back. */
  progress: number;
  /** Why the energy detector took over (shown as a warning), or null. */
  message: string | null;
  /** Milliseconds from page load (navigation start) to ready or fallback; null while loading. */
  loadMs: number | null;
}

export const INITIAL_DETECTOR_STATUS: DetectorStatus = {
  status: 'loading',
  progress: 0,
  message: null,
  loadMs: null,
};

/** A tiny external store (for React's useSyncExternalStore): subscribe, getSnapshot, set. */
export class DetectorStatusStore {
  private snapshot: DetectorStatus = INITIAL_DETECTOR_STATUS;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DetectorStatus => this.snapshot;

  set(patch: Partial<DetectorStatus>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** The page's one detector status. */
export const detectorStatus = new DetectorStatusStore();

/** One line for the Phone pane: what detects silence, or how far loading got, or why it fell back. */
export function describeDetectorStatus(status: DetectorStatus): string {
  switch (status.status) {
    case 'loading':
      return `Voice detector: loading Silero… ${Math.round(status.progress * 100)}%`;
    case 'ready':
      return `Voice detector: Silero v5${status.loadMs === null ? '' : ` (ready in ${(status.loadMs / 1000).toFixed(1)} s)`}`;
    case 'fallback':
      return `⚠ ${status.message ?? 'Voice detector: energy threshold (the neural model is unavailable).'}`;
  }
}
