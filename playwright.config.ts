import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/** The production build, served by `vite preview` on a fixed, uncommon port. */
export const PREVIEW_PORT = 4873;
const speechFixture = fileURLToPath(new URL('./e2e/fixtures/speech.wav', import.meta.url));
const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PREVIEW_PORT}`,
    permissions: ['microphone'],
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || undefined,
      args: [
        // Chromium's fake microphone plays the speech fixture in real time from getUserMedia on.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${speechFixture}%noloop`,
        '--autoplay-policy=no-user-gesture-required',
        // This machine has no network beyond the registries: keep Chromium from trying.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
        ...(runningAsRoot ? ['--no-sandbox'] : []),
      ],
    },
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --port ${PREVIEW_PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PREVIEW_PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
