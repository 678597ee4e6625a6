import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  // The calls run in real time; one worker shares one sandbox server and one Chromium.
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    // Where Playwright's own Chromium is not installed (`npx playwright install chromium`), name one;
    // the kit also reads PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH by itself.
    launchOptions: { executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || undefined },
  },
});
