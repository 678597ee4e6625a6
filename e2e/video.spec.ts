import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import config from '../playwright.config.ts';
import { chromiumArgs, chromiumExecutable } from './chromium.ts';
import { fetchBytes, parametersOf, requestItem } from './helpers.ts';
import { readVideoFile, type VideoFileInfo } from './video-file.ts';

// Video <Record>s (SPEC §10) with Chromium's fake camera showing e2e/fixtures/camera.y4m (128×96, 30 fps,
// scripts/make-y4m.mjs) and its fake microphone playing a short utterance (speech 0.5–2.7 s of 5.2 s). One
// browser for the spec: the microphone's file starts again with every call's getUserMedia.

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const ACTION_URL = 'https://app.example.com/handle-recording';
const SAMPLE_RATE_HZ = 8000;
/** The fixture's frame: the cut is within one of these of the audio cut. */
const FRAME_SECONDS = 1 / 30;
const baseURL = config.use?.baseURL ?? 'http://127.0.0.1:4873';

let browser: Browser;

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: chromiumArgs(`${FIXTURES}vad/one-utterance.wav`, `${FIXTURES}camera.y4m`),
  });
});

test.afterAll(async () => {
  await browser?.close();
});

async function open(rcml: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, permissions: ['microphone', 'camera'] });
  const page = await context.newPage();
  // The page says how late the recorder stopped after the audio cut, before the file was cut to it.
  page.on('console', (message) => {
    if (message.text().startsWith('Video:')) console.log(message.text());
  });
  await page.goto('/');
  const detector = page.locator('[data-vad-status]');
  await expect(detector).toHaveAttribute('data-vad-status', 'ready', { timeout: 30_000 });
  await page.getByRole('textbox', { name: 'RCML', exact: true }).fill(rcml);
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();
  return { context, page };
}

/** Runs the call to its end and returns the action request's parameters. */
async function call(page: Page): Promise<Record<string, string>> {
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 25_000 });
  const action = requestItem(page, 'POST', ACTION_URL);
  await expect(action).toHaveCount(1);
  return parametersOf(action);
}

/** The audio recording's length (its WAV, from the Download WAV link), in seconds. */
async function audioSeconds(page: Page): Promise<number> {
  const href = await page
    .getByRole('region', { name: 'Recordings' })
    .getByRole('link', { name: 'Download WAV' })
    .first()
    .getAttribute('href');
  const { bytes } = await fetchBytes(page, href ?? '');
  return (bytes.length - 44) / 2 / SAMPLE_RATE_HZ;
}

/** The video at RecordingUrl, read, with its cut measured against the audio's. */
async function videoAt(
  page: Page,
  url: string,
  label: string,
): Promise<{ info: VideoFileInfo; bytes: Uint8Array; type: string; cutMs: number; audio: number }> {
  const { status, type, bytes } = await fetchBytes(page, url);
  expect(status).toBe(200);
  const info = readVideoFile(bytes);
  expect(type).toBe(info.container === 'mp4' ? 'video/mp4' : 'video/webm');
  const audio = await audioSeconds(page);
  const video = info.tracks.find((t) => t.kind === 'video');
  expect(video, JSON.stringify(info)).toBeDefined();
  const cutMs = (video!.durationSeconds - audio) * 1000;
  console.log(
    `${label}: ${info.container} ${info.tracks.map((t) => `${t.kind} ${t.codec} ${t.samples} samples ${t.startSeconds.toFixed(3)}–${(t.startSeconds + t.durationSeconds).toFixed(3)} s`).join(', ')}; ` +
      `audio recording ${audio.toFixed(3)} s; video cut ${cutMs.toFixed(1)} ms from the audio cut ` +
      `(one frame = ${(FRAME_SECONDS * 1000).toFixed(1)} ms); ${bytes.length} bytes = ` +
      `${(bytes.length / 1024 / audio).toFixed(1)} KB per second`,
  );
  return { info, bytes, type, cutMs, audio };
}

test('audio_video, maxLength 3: an MP4 (or WebM) of 3 s ± 1 frame at RecordingUrl, played, downloaded, kept across a reload', async () => {
  const { context, page } = await open(
    '<Response><Record action="/handle-recording" maxLength="3" media="audio_video"/></Response>',
  );
  // The camera's settings, beside the microphone's: defaults 640×480 at 30 fps, kept like the others.
  const camera = page.getByRole('combobox', { name: 'Camera', exact: true });
  await expect(camera).toHaveValue('');
  await expect(camera.locator('option', { hasText: 'System default' })).toHaveCount(1);
  await expect(page.getByRole('combobox', { name: 'Camera resolution' })).toHaveValue('640x480');
  await expect(page.getByRole('combobox', { name: 'Camera frame rate' })).toHaveValue('30');
  await page.getByRole('combobox', { name: 'Camera frame rate' }).selectOption('24');
  await page.getByRole('button', { name: 'Start call' }).click();
  // The camera is on during the call, with its preview and what it records.
  await expect(page.getByLabel('Camera preview')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Recording');
  await expect(page.locator('.camera-line')).toContainText(
    /recording video\/(mp4 \(H\.264, Opus\)|webm \(VP8, Opus\))/,
  );
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 25_000 });
  // Released with the call.
  await expect(page.getByLabel('Camera preview')).toHaveCount(0);
  const action = requestItem(page, 'POST', ACTION_URL);
  await expect(action).toHaveCount(1);
  const params = await parametersOf(action);
  expect(params.RecordingUrl).toMatch(/\/Recordings\/RE[0-9a-f]{32}\.mp4$/);
  expect(params.RecordingDuration).toBe('3');

  const { info, bytes, cutMs, audio } = await videoAt(page, params.RecordingUrl!, 'audio_video maxLength=3');
  expect(audio).toBe(3);
  expect(info.tracks.map((t) => t.kind).sort()).toEqual(['audio', 'video']);
  const video = info.tracks.find((t) => t.kind === 'video')!;
  const sound = info.tracks.find((t) => t.kind === 'audio')!;
  expect(video.codec).toMatch(info.container === 'mp4' ? /^avc1/ : /^V_VP[89]$/);
  expect(sound.codec).toMatch(/^(Opus|A_OPUS)$/);
  // The sound lasts as long (MP4: its last packet is cut too; WebM: within one 60 ms Opus packet).
  expect(Math.abs(sound.durationSeconds - 3)).toBeLessThanOrEqual(
    info.container === 'mp4' ? FRAME_SECONDS : 0.06 + FRAME_SECONDS,
  );
  expect([video.width, video.height]).toEqual([128, 96]);
  expect(Math.abs(cutMs)).toBeLessThanOrEqual(FRAME_SECONDS * 1000);

  // Range, so a <video> can seek.
  const part = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    return {
      status: response.status,
      range: response.headers.get('content-range'),
      length: (await response.arrayBuffer()).byteLength,
    };
  }, params.RecordingUrl!);
  expect(part).toEqual({ status: 206, range: `bytes 100-199/${bytes.length}`, length: 100 });

  // The recording item: a video that plays to its end, the container shown, and a Download video link.
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings.locator('video')).toHaveCount(1);
  await expect(recordings).toContainText(
    info.container === 'mp4' ? 'video/mp4 (H.264, Opus)' : 'video/webm (VP8, Opus)',
  );
  const played = await recordings.locator('video').evaluate(async (element: HTMLVideoElement) => {
    element.muted = true;
    const ended = new Promise<boolean>((resolve) => {
      element.addEventListener('ended', () => resolve(true), { once: true });
      setTimeout(() => resolve(false), 10_000);
    });
    await element.play();
    return { ended: await ended, duration: element.duration, width: element.videoWidth };
  });
  console.log(`the recording's <video>: ended ${played.ended}, duration ${played.duration.toFixed(3)} s`);
  expect(played.ended).toBe(true);
  expect(played.width).toBe(128);
  expect(Math.abs(played.duration - 3)).toBeLessThanOrEqual(FRAME_SECONDS + 0.001);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    recordings.getByRole('link', { name: 'Download video' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^RE[0-9a-f]{32}\\.${info.container}$`));
  expect(Buffer.from(readFileSync(await download.path())).equals(Buffer.from(bytes))).toBe(true);

  // Kept across a reload (IndexedDB), and served again at its RecordingUrl.
  await page.waitForTimeout(800);
  await page.reload();
  await expect(recordings.locator('video')).toHaveCount(1);
  await expect(recordings.getByRole('link', { name: 'Download video' })).toHaveAttribute('href', /^blob:/);
  await expect(page.getByRole('combobox', { name: 'Camera frame rate' })).toHaveValue('24');
  const again = await fetchBytes(page, params.RecordingUrl!);
  expect(again.status).toBe(200);
  expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
  await context.close();
});

test('video_only, cut by finishOnKey: one video track, cut with the audio', async () => {
  const { context, page } = await open(
    '<Response><Record action="/handle-recording" maxLength="10" finishOnKey="#" playBeep="false" media="video_only"/></Response>',
  );
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Recording');
  await page.waitForTimeout(1500);
  await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '#' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 25_000 });
  const params = await parametersOf(requestItem(page, 'POST', ACTION_URL));
  expect(params.Digits).toBe('#');
  const { info, cutMs, audio } = await videoAt(page, params.RecordingUrl!, 'video_only finishOnKey');
  expect(audio).toBeGreaterThan(1);
  expect(audio).toBeLessThan(5);
  expect(info.tracks.map((t) => t.kind)).toEqual(['video']);
  expect(Math.abs(cutMs)).toBeLessThanOrEqual(FRAME_SECONDS * 1000);
  await context.close();
});

test('audio_video, cut by the silence timeout: the video ends where the audio does', async () => {
  const { context, page } = await open(
    '<Response><Record action="/handle-recording" maxLength="10" timeout="1" playBeep="false" media="audio_video"/></Response>',
  );
  const params = await call(page);
  const { info, cutMs, audio } = await videoAt(page, params.RecordingUrl!, 'audio_video timeout=1');
  // Speech ends 2.7 s into the file: the timeout cuts about 1 s later, well before maxLength.
  expect(audio).toBeGreaterThan(3);
  expect(audio).toBeLessThan(5);
  expect(info.tracks).toHaveLength(2);
  expect(Math.abs(cutMs)).toBeLessThanOrEqual(FRAME_SECONDS * 1000);
  await context.close();
});

test('a reload during a video recording keeps its video so far', async () => {
  const { context, page } = await open(
    '<Response><Record action="/handle-recording" maxLength="30" playBeep="false" media="audio_video"/></Response>',
  );
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText(/Recording [2-9]\.\d s/, { timeout: 15_000 });
  await page.reload();
  await expect(page.getByText(/A call was interrupted by a reload .* with its video\) is kept/)).toBeVisible({
    timeout: 10_000,
  });
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings).toContainText('interrupted by a reload of the page');
  await expect(recordings.locator('video')).toHaveCount(1);
  const href = await recordings.getByRole('link', { name: 'Download video' }).getAttribute('href');
  const { bytes } = await fetchBytes(page, href ?? '');
  const info = readVideoFile(bytes);
  const audio = await audioSeconds(page);
  const video = info.tracks.find((t) => t.kind === 'video')!;
  console.log(
    `interrupted by a reload: audio kept ${audio.toFixed(3)} s, video kept ${video.durationSeconds.toFixed(3)} s (${info.container})`,
  );
  expect(audio).toBeGreaterThan(1.5);
  // Up to the last half-second piece MediaRecorder delivered before the page went.
  expect(video.durationSeconds).toBeGreaterThan(1);
  expect(video.durationSeconds).toBeLessThanOrEqual(audio + FRAME_SECONDS);
  await context.close();
});

test('a busy camera: the phone and the timeline say so (19003), the recording is audio only and the call goes on', async () => {
  const context = await browser.newContext({ baseURL, permissions: ['microphone', 'camera'] });
  // Another app holds the camera: getUserMedia for video fails as Chromium fails it then.
  await context.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) =>
      constraints?.video
        ? Promise.reject(new DOMException('Could not start video source', 'NotReadableError'))
        : original(constraints);
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('[data-vad-status]')).toHaveAttribute('data-vad-status', 'ready', {
    timeout: 30_000,
  });
  await page
    .getByRole('textbox', { name: 'RCML', exact: true })
    .fill(
      '<Response><Record action="/handle-recording" maxLength="2" playBeep="false" media="audio_video"/></Response>',
    );
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.locator('.camera-line')).toContainText('Camera off: The camera is busy');
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 25_000 });
  const params = await parametersOf(requestItem(page, 'POST', ACTION_URL));
  expect(params.RecordingUrl).toMatch(/\.mp4$/);
  expect(params.RecordingDuration).toBe('2');
  await expect(page.getByRole('region', { name: 'Requests' })).toContainText(
    '<Record media="audio_video"> was recorded as audio only: The camera is busy',
  );
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings.locator('video')).toHaveCount(0);
  await expect(recordings.locator('audio')).toHaveCount(1);
  await expect(recordings).toContainText('audio only (no camera)');
  // RecordingUrl answers with what was recorded: the WAV.
  const { status, type, bytes } = await fetchBytes(page, params.RecordingUrl!);
  expect([status, type]).toEqual([200, 'audio/wav']);
  expect((bytes.length - 44) / 2 / SAMPLE_RATE_HZ).toBe(2);
  await context.close();
});

test('storage full: a video recording still plays and is served, and the page says it was not saved', async () => {
  const { context, page } = await open(
    '<Response><Record action="/handle-recording" maxLength="2" playBeep="false" media="audio_video"/></Response>',
  );
  await page.waitForTimeout(800);
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const params = await call(page);
  await expect(page.getByRole('alert')).toContainText('storage for this page is full');
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings.locator('video')).toHaveCount(1);
  const { status, type } = await fetchBytes(page, params.RecordingUrl!);
  expect(status).toBe(200);
  expect(type).toMatch(/^video\/(mp4|webm)$/);
  await context.close();
});
