import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRcml } from './helpers.ts';

/** Where the exported tests go; scripts/test-package.mjs runs them against the installed package. */
const OUT = fileURLToPath(new URL('../test-results/exported/', import.meta.url));
const CALLER = fileURLToPath(new URL('../public/callers/voicemail-pound.wav', import.meta.url));
const VOICEMAIL = `<Response>
  <Say>Leave a message after the beep.</Say>
  <Record action="/handle-recording" finishOnKey="#" maxLength="20"/>
</Response>`;

async function exported(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: 'Export the call as a test' }).click();
  const panel = page.getByRole('region', { name: 'Export the call as a test' });
  return panel.getByRole('textbox', { name: label }).inputValue();
}

test('a finished call exports a Playwright test with its caller file, keys and assertions', async ({
  page,
}) => {
  await loadRcml(page, VOICEMAIL);
  await page.getByRole('combobox', { name: 'Caller', exact: true }).selectOption('Audio file');
  await page.getByLabel('Caller audio file').setInputFiles(CALLER);
  await page.getByRole('combobox', { name: 'Caller audio starts' }).selectOption('When recording starts');
  await expect(page.getByText('Plays voicemail-pound.wav into the call')).toBeVisible();
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 30_000 });
  const source = await exported(page, 'Playwright test');
  expect(source).toContain("import { test, expect } from 'rcml-record-sandbox/playwright';");
  expect(source).toContain('caller: { file: "fixtures/voicemail-pound.wav", starts: "record" }');
  expect(source).toContain('expect(requests[1]!.params.Digits).toBe("#");');
  mkdirSync(`${OUT}fixtures`, { recursive: true });
  writeFileSync(`${OUT}exported.spec.ts`, source);
  copyFileSync(CALLER, `${OUT}fixtures/voicemail-pound.wav`);
});

test('a call with the microphone exports a simulateCall test with the speech the detector heard', async ({
  page,
}) => {
  await loadRcml(page, VOICEMAIL);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Recording');
  await page.waitForTimeout(2500);
  await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '#', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 15_000 });
  const source = await exported(page, 'simulateCall test');
  expect(source).toContain("import { respondWithRules, simulateCall } from 'rcml-record-sandbox';");
  expect(source).toMatch(/speech: \[\[\d/);
  expect(source).toMatch(/keys: \[\[\d+(\.\d+)?,"#"\]\]/);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}exported-simulate.test.mjs`, source);
});
