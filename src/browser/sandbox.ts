import { browserIo } from './browser-io.ts';
import { CallDriver } from './call-driver.ts';
import { LiveServer, readServerConfig } from './live-server.ts';
import { MockServer } from './mock-server.ts';
import { loadSpeechBackend } from './silero-model.ts';

let starting: Promise<CallDriver> | null = null;

/**
 * The page's one mock server and call driver, started once (the service worker must be active first).
 * The voice detector starts loading at the same time, at page load; calls do not wait for it (their audio
 * is kept and judged once it is ready).
 */
export function startSandbox(): Promise<CallDriver> {
  starting ??= (async () => {
    void loadSpeechBackend();
    const server = await MockServer.start();
    const live = new LiveServer(readServerConfig());
    server.setLiveForwarder(live);
    return new CallDriver(browserIo(live), server);
  })();
  return starting;
}
