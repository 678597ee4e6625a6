import { useEffect, useState } from 'react';
import type { CallDriver } from '../browser/call-driver.ts';
import { errorMessage } from '../rcml/error-message.ts';

/**
 * The call driver once the mock server runs, and any start-up failure. The sandbox (engine, msw) loads
 * after the first paint.
 */
export function useSandbox(): { driver: CallDriver | null; startupError: string | null } {
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
          setStartupError(`The mock server could not start, so calls cannot run: ${errorMessage(error)}`),
      );
    return () => {
      live = false;
    };
  }, []);
  return { driver, startupError };
}
