/**
 * The Playwright kit (`import { test, expect } from 'rcml-record-sandbox/playwright'`): Playwright's `test`
 * with a `sandbox` fixture that opens a workspace in the sandbox and runs calls with a caller audio file,
 * and reads back every request and recording. It drives the app only through its UI, so it also works
 * against a running sandbox (the `sandboxUrl` option).
 */
export { expect } from '@playwright/test';
export { test, SANDBOX_DIST_DIR, type SandboxTestFixtures, type SandboxWorkerOptions } from './fixtures.ts';
export {
  Sandbox,
  SandboxCall,
  type SandboxOpenOptions,
  type RecordingWaitOptions,
  type SandboxRecording,
  type StartCallOptions,
  type WaitOptions,
} from './sandbox.ts';
export type { SandboxCaller } from './caller-file.ts';
export type { SandboxNotification, SandboxRequest, SandboxRequestPurpose } from './timeline.ts';
export type { SandboxRule, SandboxSettings } from './workspace-link.ts';
export { sandboxChromiumArgs } from './chromium-args.ts';
