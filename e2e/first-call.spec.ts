import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { decodeWav } from '../src/audio/wav.ts';
import { fetchBytes, loadRcml, parametersOf, requestItem } from './helpers.ts';

const DOCUMENT_URL = 'https://app.example.com/voice.xml';
const ACTION_URL = 'https://app.example.com/handle-recording';
const HEX32 = /^[0-9a-f]{32}$/;

function expectCallParameters(params: Record<string, string>, callStatus: string): void {
  expect(params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
  expect(params.AccountSid).toMatch(/^AC[0-9a-f]{32}$/);
  expect(params.From).toBe('+15551230001');
  expect(params.To).toBe('+15559870002');
  expect(params.CallerName).toBe('Sandbox Caller');
  expect(params.CallStatus).toBe(callStatus);
  expect(params.ApiVersion).toBe('2012-04-24');
  expect(params.Direction).toBe('inbound');
}

test('a call records until maxLength and posts the recording to the action', async ({ page }) => {
  await loadRcml(page, '<Response><Record action="/handle-recording" maxLength="4"/></Response>');
  await page.getByRole('button', { name: 'Start call' }).click();

  const status = page.getByRole('status');
  await expect(status).toContainText('Recording');
  await expect(status).toContainText('Call ended', { timeout: 20_000 });

  const documentRequest = requestItem(page, 'POST', DOCUMENT_URL);
  await expect(documentRequest).toHaveCount(1);
  expectCallParameters(await parametersOf(documentRequest), 'ringing');

  const action = requestItem(page, 'POST', ACTION_URL);
  await expect(action).toHaveCount(1);
  await expect(action).toContainText('200');
  await expect(action).toContainText('<Response><Hangup/></Response>');
  const params = await parametersOf(action);
  expectCallParameters(params, 'in-progress');
  expect(params.Digits).toBe('');
  expect(params.RecordingDuration).toBe('4');
  const recordingUrl = params.RecordingUrl ?? '';
  const match =
    /^https:\/\/app\.example\.com\/2012-04-24\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/RE([0-9a-f]{32})\.wav$/.exec(
      recordingUrl,
    );
  expect(match, `RecordingUrl ${recordingUrl}`).not.toBeNull();
  expect(match?.[1]).toBe(params.AccountSid);
  expect(match?.[2]).toMatch(HEX32);

  // The mock server answers the RecordingUrl with the WAV: 8 kHz, mono, 16-bit, exactly maxLength × 8000 samples.
  const { status: httpStatus, type, bytes } = await fetchBytes(page, recordingUrl);
  expect(httpStatus).toBe(200);
  expect(type).toBe('audio/wav');
  const wav = decodeWav(bytes);
  expect(wav.sampleRateHz).toBe(8000);
  expect(wav.channels).toBe(1);
  expect(wav.bitsPerSample).toBe(16);
  expect(wav.samples.length).toBe(4 * 8000);
  // It is the caller's speech, not silence.
  const peak = wav.samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  expect(peak).toBeGreaterThan(3000);

  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings.getByRole('listitem')).toHaveCount(1);
  await expect(recordings.getByRole('link', { name: 'Download WAV' })).toBeVisible();
  await expect(recordings.locator('audio')).toHaveCount(1);

  // The G.711 download: an 8 kHz μ-law WAV (format 7) of the same 32,000 samples.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    recordings.getByRole('button', { name: 'Download μ-law WAV' }).click(),
  ]);
  const ulaw = await readFile(await download.path());
  expect(ulaw.toString('ascii', 0, 4)).toBe('RIFF');
  expect(ulaw.readUInt16LE(20)).toBe(7);
  expect(ulaw.readUInt32LE(24)).toBe(8000);
  expect(ulaw.readUInt32LE(46)).toBe(4 * 8000);
});

test('the keypad # ends the recording with Digits=#, other keys do not', async ({ page }) => {
  await loadRcml(
    page,
    '<Response><Record action="/handle-recording" maxLength="30" finishOnKey="#"/></Response>',
  );
  await page.getByRole('button', { name: 'Start call' }).click();

  const status = page.getByRole('status');
  await expect(status).toContainText('Recording');
  const keypad = page.getByRole('group', { name: 'Keypad' });
  await page.waitForTimeout(1000);
  await keypad.getByRole('button', { name: '5', exact: true }).click();
  await page.waitForTimeout(1000);
  await expect(status).toContainText('Recording');
  await keypad.getByRole('button', { name: '#', exact: true }).click();
  await expect(status).toContainText('Call ended', { timeout: 10_000 });

  const action = requestItem(page, 'POST', ACTION_URL);
  await expect(action).toHaveCount(1);
  const params = await parametersOf(action);
  expectCallParameters(params, 'in-progress');
  expect(params.Digits).toBe('#');
  const duration = Number(params.RecordingDuration);
  expect(duration).toBeGreaterThanOrEqual(1);
  expect(duration).toBeLessThanOrEqual(4);

  const { bytes } = await fetchBytes(page, params.RecordingUrl ?? '');
  const wav = decodeWav(bytes);
  expect(wav.sampleRateHz).toBe(8000);
  // Cut at the key press: about two seconds, far below maxLength.
  expect(wav.samples.length).toBeGreaterThan(1.5 * 8000);
  expect(wav.samples.length).toBeLessThan(4 * 8000);
  expect(Math.round(wav.samples.length / 8000)).toBe(duration);
});
