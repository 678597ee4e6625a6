import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CallDriver, SessionSnapshot } from '../browser/call-driver.ts';
import { EMPTY_SNAPSHOT } from '../browser/empty-snapshot.ts';

const noSubscription = () => () => undefined;

/**
 * The call driver once the mock server runs, its latest snapshot, and any start-up failure. The sandbox
 * (engine, msw) loads after the first paint.
 */
export function useSandbox(): {
  driver: CallDriver | null;
  snapshot: SessionSnapshot;
  startupError: string | null;
} {
  const [driver, setDriver] = useState<CallDriver | null>(null);
  const [startupError, setStartupError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('../browser/sandbox.ts')
      .then(({ startSandbox }) => startSandbox())
      .then(
        (started) => live && setDriver(started),
        (error: unknown) =>
          live &&
          setStartupError(
            `The mock server could not start, so calls cannot run: ${error instanceof Error ? error.message : String(error)}`,
          ),
      );
    return () => {
      live = false;
    };
  }, []);
  const snapshot = useSyncExternalStore(
    driver ? driver.subscribe : noSubscription,
    driver ? driver.getSnapshot : () => EMPTY_SNAPSHOT,
  );
  return { driver, snapshot, startupError };
}
