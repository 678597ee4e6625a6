// The Playwright kit from source, where a user's suite would fail: the messages must say what went wrong.
// (examples/playwright-user runs the kit as a user installs it, from the packed tarball.)
import { expect, test } from '../src/playwright/index.ts';

test('a caller file that does not exist is named, with where it was looked for', async ({ sandbox }) => {
  await sandbox.open();
  const error = await sandbox.startCall({ caller: 'fixtures/x.wav' }).catch((e: Error) => e);
  expect(String(error)).toMatch(
    /caller file fixtures\/x\.wav does not exist \(looked in \/.*\/fixtures\/x\.wav\)/,
  );
});

test('a sandbox that never becomes ready says what it waited for and why the call cannot start', async ({
  sandbox,
}) => {
  const error = await sandbox
    .open({ rcml: '<Response><Record maxLength="5"></Response>', timeoutMs: 4000 })
    .catch((e: Error) => e);
  expect(String(error)).toMatch(/was not ready to call 4 s after loading the workspace/);
  expect(String(error)).toMatch(
    /waited for the "Start call" button to be enabled; it is disabled: "Fix the error/,
  );
  expect(String(error)).toMatch(/the RCML.s diagnostics: "(ERROR )?line 1, column 33: \[12100\]/);
});

test('a call that does not end says what the phone shows and which requests were made', async ({
  sandbox,
}) => {
  await sandbox.open({ rcml: '<Response><Pause length="30"/></Response>' });
  const call = await sandbox.startCall();
  const error = await call.ended({ timeoutMs: 2000 }).catch((e: Error) => e);
  expect(String(error)).toMatch(/the call did not end within 2 s: the status shows "In call: <Pause>/);
  expect(String(error)).toMatch(/last requests: #1 POST https:\/\/app\.example\.com\/voice\.xml → 200/);
  await call.hangup();
  expect(await call.ended()).toBe('you hung up');
  expect((await call.requests()).map((r) => r.purpose)).toEqual(['document']);
});

test('a call that ends before it records says so', async ({ sandbox }) => {
  await sandbox.open({ rcml: '<Response><Hangup/></Response>' });
  const call = await sandbox.startCall();
  await expect(call.waitForRecording()).rejects.toThrow(
    /the call ended before it recorded: the status shows "Call ended: the RCML hung up/,
  );
});
