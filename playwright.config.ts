import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from './e2e/chromium.ts';

/** The production build, served by `vite preview` on a fixed, uncommon port. */
export const PREVIEW_PORT = Number(process.env.E2E_PREVIEW_PORT ?? 4873);
/** The e2e's stand-in for a developer's app server (e2e/app-server.ts). */
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4876);
const speechFixture = fileURLToPath(new URL('./e2e/fixtures/speech.wav', import.meta.url));

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
      // Chromium's fake microphone plays the speech fixture in real time from getUserMedia on.
      args: chromiumArgs(speechFixture),
    },
  },
  webServer: [
    {
      command: `node node_modules/vite/bin/vite.js preview --port ${PREVIEW_PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${PREVIEW_PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A developer's own voice app on loopback, for the live-server spec (e2e/app-server.ts).
      command: `node --import tsx e2e/app-server.ts`,
      url: `http://127.0.0.1:${APP_PORT}/log`,
      env: { APP_PORT: String(APP_PORT), AUTH_TOKEN: 'e2e-auth-token' },
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
