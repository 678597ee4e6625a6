import { CallDriver } from './call-driver.ts';
import { MockServer } from './mock-server.ts';
import { loadSileroDetector } from './silero-detector.ts';

let starting: Promise<CallDriver> | null = null;

/**
 * The page's one mock server and call driver, started once (the service worker must be active first). The
 * voice detector starts loading at the same time, at page load, not at the first call; calls use it as soon
 * as it is ready (or the energy detector, if the model cannot load).
 */
export function startSandbox(): Promise<CallDriver> {
  starting ??= (() => {
    const detector = loadSileroDetector();
    return MockServer.start().then((server) => {
      const driver = new CallDriver(server);
      void detector.then((loaded) => driver.setDetector(loaded));
      return driver;
    });
  })();
  return starting;
}
