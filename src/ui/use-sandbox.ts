import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import { errorMessage } from '../rcml/error-message.ts';

/**
 * The call driver once the mock server runs, any start-up failure, and `whenReady`, which runs an action
 * with the driver now or as soon as it is there (a call can be started before the mock server is up: it
 * connects a moment later, as a phone dials). The sandbox (engine, msw) loads after the first paint.
 */
export function useSandbox(): {
  driver: CallDriver | null;
  startupError: string | null;
  whenReady: (action: (driver: CallDriver) => void) => void;
} {
  const [driver, setDriver] = useState<CallDriver | null>(null);
  const [startupError, setStartupError] = useState<string | null>(null);
  const ready = useRef<Promise<CallDriver> | null>(null);
  useEffect(() => {
    let live = true;
    // After the editor's chunk (main.tsx asks for it first), so the two largest chunks and the voice
    // detector's 16 MB do not compete for the main thread while the page becomes interactive.
    const started = import('./rcml-editor.tsx')
      .catch(() => undefined)
      .then(() => import('../browser/sandbox.ts'))
      .then(({ startSandbox }) => startSandbox());
    ready.current = started;
    started.then(
      (sandbox) => live && setDriver(sandbox),
      (error: unknown) =>
        live &&
        setStartupError(`The mock server could not start, so calls cannot run: ${errorMessage(error)}`),
    );
    return () => {
      live = false;
    };
  }, []);
  const whenReady = useCallback(
    (action: (driver: CallDriver) => void) => {
      if (driver) action(driver);
      else void ready.current?.then(action, () => undefined);
    },
    [driver],
  );
  return { driver, startupError, whenReady };
}
