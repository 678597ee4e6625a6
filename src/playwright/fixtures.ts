import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { startServe } from '../node/serve.ts';
import { withSandboxArgs } from './chromium-args.ts';
import { Sandbox } from './sandbox.ts';

/** The app's production build that ships in the package (`dist/`, beside `lib/`). */
export const SANDBOX_DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface SandboxWorkerOptions {
  /**
   * A running sandbox to test against (`npx rcml-sandbox serve`, `npm run dev`), such as
   * `http://127.0.0.1:4700/`. Unset, each worker serves the package's own build on a free port.
   */
  sandboxUrl: string | undefined;
}

export interface SandboxTestFixtures {
  /** The sandbox in this test's page: `open()` a workspace, `startCall()`. */
  sandbox: Sandbox;
}

interface SandboxWorkerFixtures extends SandboxWorkerOptions {
  /** The address the tests of this worker use: `sandboxUrl`, or the worker's own server. */
  _sandboxAddress: string;
}

function checkedUrl(value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`sandboxUrl ${JSON.stringify(value)} is not an http or https URL of a running sandbox`);
  }
  const url = new URL(value);
  url.hash = '';
  return url.href;
}

/** Playwright's `test` with the `sandbox` fixture and the Chromium flags and permission the sandbox needs. */
export const test = base.extend<SandboxTestFixtures, SandboxWorkerFixtures>({
  sandboxUrl: [undefined, { scope: 'worker', option: true }],

  _sandboxAddress: [
    async ({ sandboxUrl }, use) => {
      if (sandboxUrl) {
        await use(checkedUrl(sandboxUrl));
        return;
      }
      const server = await startServe({ distDir: SANDBOX_DIST_DIR, port: 0 });
      try {
        await use(server.url);
      } finally {
        await server.close();
      }
    },
    { scope: 'worker', box: true },
  ],

  // Chromium: a fake microphone with no prompt, and audio without a user gesture; the given options keep
  // theirs. PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH names a Chromium when Playwright's own is not installed.
  launchOptions: [
    async ({ launchOptions, browserName }, use) => {
      if (browserName !== 'chromium') {
        await use(launchOptions);
        return;
      }
      const executablePath =
        launchOptions.executablePath ?? (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || undefined);
      await use({
        ...launchOptions,
        ...(executablePath ? { executablePath } : {}),
        args: withSandboxArgs(launchOptions.args),
      });
    },
    { scope: 'worker' },
  ],

  sandbox: async ({ page, _sandboxAddress }, use, testInfo) => {
    const startedAtMs = Date.now();
    const timeLeftMs = () =>
      testInfo.timeout > 0 ? testInfo.timeout - (Date.now() - startedAtMs) - 1500 : Number.POSITIVE_INFINITY;
    const configFile = testInfo.config.configFile;
    const baseDir = configFile ? dirname(configFile) : process.cwd();
    await use(new Sandbox(page, _sandboxAddress, baseDir, timeLeftMs));
  },
});
