import { expect, test, type Page } from '@playwright/test';
import lzString from 'lz-string';
import { encodeWav } from '../src/audio/wav.ts';
import { lzBomb } from '../src/browser/lz-bomb.ts';
import { CATCH_ALL_RULE } from '../src/engine/mock-rules.ts';
import { expectNothingLeftTheBrowser, watchNetwork } from './helpers.ts';

/** Page errors and console errors from now on. */
function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

function link(workspace: { rcml: string; rules?: unknown[]; settings?: Record<string, unknown> }): string {
  return `/#w=${lzString.compressToEncodedURIComponent(JSON.stringify({ rules: [CATCH_ALL_RULE], ...workspace }))}`;
}

const status = (page: Page) => page.getByRole('status');
const editor = (page: Page) => page.getByRole('textbox', { name: 'RCML', exact: true });

/** A stored recording as the app keeps it in IndexedDB (idb-keyval's store `rcml-record-sandbox`/`keyval`). */
async function storeRecordings(page: Page, records: Record<string, unknown>[]): Promise<void> {
  const wav = Array.from(encodeWav(new Int16Array(8000).fill(1000)));
  await page.evaluate(
    async ({ records, wav }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('rcml-record-sandbox');
        open.onupgradeneeded = () => open.result.createObjectStore('keyval');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('keyval', 'readwrite');
      for (const record of records) {
        tx.objectStore('keyval').put(
          { ...record, wav: new Uint8Array(wav) },
          `recording:${String(record.recordingSid)}`,
        );
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { records, wav },
  );
}

function storedRecording(sid: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recordingSid: sid,
    url: `https://app.example.com/2012-04-24/Accounts/AC1/Recordings/${sid}.wav`,
    publicUrl: `https://app.example.com/2012-04-24/Accounts/AC1/Recordings/${sid}.wav`,
    reason: 'timeout',
    digits: '',
    durationSeconds: 1,
    lengthSamples: 8000,
    empty: false,
    media: 'audio_only',
    durationParam: '1',
    requestNumber: 2,
    callSid: 'CA1',
    endSample: 8000,
    savedAtMs: 1,
    interrupted: false,
    video: null,
    ...patch,
  };
}

test('a permalink decompression bomb opens the page with a banner, and a reload is clean', async ({
  page,
}) => {
  const problems = watchErrors(page);
  const bomb = lzBomb(35_000); // 82,425 characters that would expand to 600 million
  await page.goto(`/#w=${bomb}`);
  await expect(page.getByText(/would expand to more than 2,500,000 characters/)).toBeVisible({
    timeout: 10_000,
  });
  await expect(editor(page)).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  await page.reload();
  await expect(editor(page)).toBeVisible();
  await expect(page.getByText(/would expand/)).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a call that ends on an audio chunk ends cleanly, with no page error', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto(link({ rcml: '<Response><Pause length="2"/></Response>' }));
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(status(page)).toContainText('Call ended: no verbs left', { timeout: 10_000 });
  expect(problems).toEqual([]);
});

test('a damaged stored recording is skipped with a notice, and the others load', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto('/');
  await expect(editor(page)).toBeVisible();
  await storeRecordings(page, [
    storedRecording(`RE${'a'.repeat(32)}`, { savedAtMs: 1 }),
    storedRecording(`RE${'b'.repeat(32)}`, { durationSeconds: { seconds: 1 }, digits: { key: '#' } }),
    storedRecording(`RE${'c'.repeat(32)}`, { url: 42 }),
  ]);
  await page.reload();
  await expect(page.getByText('2 saved recordings were damaged and could not be loaded')).toBeVisible();
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings.getByRole('listitem')).toHaveCount(1);
  await expect(recordings).toContainText(`RE${'a'.repeat(32)}`);
  expect(problems).toEqual([]);
});

test('Play URLs are answered by the rules, never fetched from elsewhere; one that fails is a notification', async ({
  page,
}) => {
  const seen = watchNetwork(page);
  await page.goto(
    link({
      rcml: '<Response><Play>https://tracker.example/p.wav?c=1</Play><Play>/tone.wav</Play><Hangup/></Response>',
      rules: [
        {
          id: 'tone',
          name: 'A tone',
          pattern: '/tone.wav',
          match: 'exact',
          method: 'ANY',
          status: 200,
          contentType: 'audio/wav',
          body: '',
          delayMs: 0,
          audio: { kind: 'tone', frequencyHz: 440, seconds: 1 },
        },
        { ...CATCH_ALL_RULE, pattern: '/voice.xml' },
      ],
    }),
  );
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(status(page)).toContainText('Call ended', { timeout: 15_000 });
  const timeline = page.getByRole('region', { name: 'Requests' });
  await expect(timeline).toContainText('Play URL https://tracker.example/p.wav?c=1 answered 404: skipped.');
  await expect(
    timeline.getByRole('listitem').filter({ hasText: 'GET https://app.example.com/tone.wav' }),
  ).toContainText('200');
  await expectNothingLeftTheBrowser(seen, ['https://tracker.example', 'https://app.example.com']);
});

test('two tabs: a save in one is announced in the other, and Clear empties both lists', async ({
  context,
}) => {
  const a = await context.newPage();
  await a.goto('/');
  await expect(editor(a)).toBeVisible();
  await storeRecordings(a, [storedRecording(`RE${'d'.repeat(32)}`)]);
  await a.reload();
  const b = await context.newPage();
  await b.goto('/');
  for (const page of [a, b]) {
    await expect(page.getByRole('region', { name: 'Recordings' }).getByRole('listitem')).toHaveCount(1);
  }
  await editor(a).fill('<Response><Hangup/></Response>');
  await expect(b.getByText('Another tab saved its workspace.')).toBeVisible({ timeout: 5_000 });
  await a.getByRole('button', { name: 'Clear' }).click();
  await a.getByRole('button', { name: 'Clear everything' }).click();
  await expect(b.getByRole('region', { name: 'Recordings' }).getByRole('listitem')).toHaveCount(0);
  await expect(b.getByText('Another tab cleared the saved workspace and recordings.')).toBeVisible();
});

test('a call starts before the voice detector is ready; its audio is judged once it is', async ({ page }) => {
  let releaseModel: () => void = () => undefined;
  const modelHeld = new Promise<void>((resolve) => (releaseModel = resolve));
  await page.route('**/vad/silero_vad_v5.onnx', async (route) => {
    await modelHeld;
    await route.continue();
  });
  await page.goto(
    link({
      rcml: '<Response><Record action="/handle-recording" timeout="1" maxLength="20" playBeep="false"/></Response>',
    }),
  );
  const start = page.getByRole('button', { name: 'Start call' });
  await expect(start).toBeEnabled();
  await expect(page.locator('[data-vad-status]')).toHaveAttribute('data-vad-status', 'loading');
  await start.click();
  await expect(status(page)).toContainText('Recording');
  await expect(page.locator('.detector-text')).toContainText('judged once it is ready');
  // With no voice activity known, silence cannot end the recording yet.
  await page.waitForTimeout(4000);
  await expect(status(page)).toContainText('Recording');
  releaseModel();
  await expect(status(page)).toContainText('Call ended', { timeout: 20_000 });
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings).toContainText('Stopped because the silence reached timeout');
  await expect(recordings).toContainText('sent RecordingDuration=');
});
