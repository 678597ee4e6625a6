import type { SessionSnapshot } from './call-driver.ts';

/** The session before any call: small and free of the driver's code, so the first paint needs neither. */
export const EMPTY_SNAPSHOT: SessionSnapshot = {
  phase: 'idle',
  call: null,
  requests: [],
  notifications: [],
  recordings: [],
  level: { rms: 0, peak: 0 },
  keys: [],
  error: null,
};
