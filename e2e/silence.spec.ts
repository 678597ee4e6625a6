import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './chromium.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import config from '../playwright.config.ts';
import { decodeWav } from '../src/audio/wav.ts';
import { expectedStop } from '../src/engine/vad-replay.ts';
import { simulateCall } from '../src/node/simulate-call.ts';
import { fetchBytes, parametersOf, requestItem } from './helpers.ts';

// The silence timeout and the empty-recording path with the real Silero model in the browser. Each case
// launches its own Chromium, because the fake microphone's file is fixed per launch. The detector's state
// is read from the element carrying `data-vad-status` (loading | ready | fallback) and `data-vad-load-ms`
// (milliseconds from page load to ready).

/** Without the detector's state on the page, these cases cannot tell which detector runs. */
const NO_STATUS = 'The Phone pane shows the voice detector with its state in data-vad-status';
const FIXTURES = fileURLToPath(new URL('./fixtures/vad/', import.meta.url));
const DOCUMENT_URL = 'https://app.example.com/voice.xml';
const ACTION_URL = 'https://app.example.com/handle-recording';
const NEXT_URL = 'https://app.example.com/next';
const SAMPLE_RATE_HZ = 8000;
/** The issue's goal for the silence-timeout error; the browser adds the model's start offset to it. */
const GOAL_ERROR_SECONDS = 0.1;
/** What the test asserts: the timeout fired near its place (the figure printed is what counts). */
const ASSERT_ERROR_SECONDS = 0.25;
/** Node and the browser on the same audio: one VAD frame (32 ms) and one capture chunk (20 ms) apart at most. */
const AGREEMENT_SECONDS = 0.032 + 0.02;

const baseURL = config.use?.baseURL ?? 'http://127.0.0.1:4873';

async function launchWithMicrophone(fixture: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: chromiumArgs(`${FIXTURES}${fixture}`),
  });
}

/** Opens the sandbox with `rcml`, waits for the Silero detector and returns its load time (ms). */
async function openWithDetector(page: Page, rcml: string): Promise<number> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  const detector = page.locator('[data-vad-status]');
  await expect(detector, NO_STATUS).toHaveCount(1);
  await expect(detector).toHaveAttribute('data-vad-status', /^(ready|fallback)$/, { timeout: 30_000 });
  expect(await detector.getAttribute('data-vad-status'), (await detector.textContent()) ?? '').toBe('ready');
  const loadMs = Number(await detector.getAttribute('data-vad-load-ms'));
  await page.getByRole('textbox', { name: 'RCML', exact: true }).fill(rcml);
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();
  return loadMs;
}

/** Where the call's last recording started on its call clock, from the inspector's Export JSON (seconds). */
async function recordingStart(page: Page): Promise<number> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON', exact: true }).click(),
  ]);
  const timeline = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    recordings: { startSeconds: number }[];
  };
  return timeline.recordings.at(-1)!.startSeconds;
}

/** Where `needle` (a stretch of the fixture) best matches inside `haystack`, in samples. */
function bestLag(haystack: Int16Array, needle: Int16Array): number {
  let best = -Infinity;
  let bestLagSamples = 0;
  for (let lag = 0; lag + needle.length <= haystack.length; lag++) {
    let sum = 0;
    for (let i = 0; i < needle.length; i++) sum += haystack[lag + i]! * needle[i]!;
    if (sum > best) {
      best = sum;
      bestLagSamples = lag;
    }
  }
  return bestLagSamples;
}

/** Real-time cases: each plays its fixture once through the fake microphone (about 5–10 s each). */
const TIMEOUT_CASES: { fixture: string; timeoutSeconds: number }[] = [
  { fixture: 'one-utterance', timeoutSeconds: 2 },
  { fixture: 'short-gap', timeoutSeconds: 1 },
  { fixture: 'long-gap', timeoutSeconds: 1 },
  { fixture: 'speech-in-noise', timeoutSeconds: 1 },
  { fixture: 'quiet-speaker', timeoutSeconds: 1 },
];

for (const { fixture, timeoutSeconds } of TIMEOUT_CASES) {
  test(`${fixture}: trailing silence ends the recording ${timeoutSeconds} s after the last speech`, async () => {
    const truth = JSON.parse(readFileSync(`${FIXTURES}${fixture}.json`, 'utf8')) as {
      speech: [number, number][];
    };
    const want = expectedStop(truth.speech, timeoutSeconds);
    const speechEndSeconds = want.lastSpeechEndSeconds;
    const browser = await launchWithMicrophone(`${fixture}.wav`);
    try {
      const context = await browser.newContext({ baseURL, permissions: ['microphone'] });
      const page = await context.newPage();
      // The detector says where it found its stream on the call clock (or that it counted frames).
      page.on('console', (message) => {
        if (message.text().startsWith('Silero VAD:')) console.log(message.text());
      });
      const loadMs = await openWithDetector(
        page,
        `<Response><Record action="/handle-recording" playBeep="false" maxLength="20" timeout="${timeoutSeconds}"/></Response>`,
      );
      console.log(
        `Silero detector load time (page load → ready, cold cache): ${loadMs.toFixed(0)} ms (goal ≤ 3000 ms)`,
      );
      await page.getByRole('button', { name: 'Start call' }).click();
      const status = page.getByRole('status');
      await expect(status).toContainText('Recording');
      await expect(status).toContainText('Call ended', { timeout: 20_000 });

      const action = requestItem(page, 'POST', ACTION_URL);
      await expect(action).toHaveCount(1);
      const params = await parametersOf(action);
      expect(params.Digits).toBe('');
      const { bytes } = await fetchBytes(page, params.RecordingUrl ?? '');
      const recorded = decodeWav(bytes).samples;
      const recordedSeconds = recorded.length / SAMPLE_RATE_HZ;
      expect(recordedSeconds).toBeLessThan(20); // not maxLength: the timeout stopped it

      // Place the fixture on the recording's clock: find its last 0.3 s of loud speech inside the file.
      const source = decodeWav(new Uint8Array(readFileSync(`${FIXTURES}${fixture}.wav`))).samples;
      const needleEnd = Math.round((speechEndSeconds - 0.1) * SAMPLE_RATE_HZ);
      const needleStart = needleEnd - Math.round(0.3 * SAMPLE_RATE_HZ);
      const lag = bestLag(recorded, source.subarray(needleStart, needleEnd));
      const fixtureStartSeconds = (lag - needleStart) / SAMPLE_RATE_HZ; // where the file's 0 s is in the recording
      const expectedSeconds = fixtureStartSeconds + speechEndSeconds + timeoutSeconds;
      const errorSeconds = recordedSeconds - expectedSeconds;
      console.log(
        `${fixture}, timeout ${timeoutSeconds} s: recorded ${recordedSeconds.toFixed(3)} s, last speech ended at ` +
          `${(fixtureStartSeconds + speechEndSeconds).toFixed(3)} s, error ${(errorSeconds * 1000).toFixed(0)} ms ` +
          `(goal |error| ≤ ${GOAL_ERROR_SECONDS * 1000} ms), empty false (want false)`,
      );
      expect(Math.abs(errorSeconds)).toBeLessThanOrEqual(ASSERT_ERROR_SECONDS);

      // Agreement with Node (SPEC §9): simulateCall hears the same file, placed where the browser had it,
      // and stops the Record for the same reason within one VAD frame and one chunk. The browser's Record
      // started at startSeconds on its call clock (the clock ran while the document was fetched); Node's
      // starts after a Pause of whole seconds chosen to put it on the same place of the 256-sample frame
      // grid (8000 ≡ 64 mod 256: within 32 samples), so both judge the same frames.
      const startSample = Math.round((await recordingStart(page)) * SAMPLE_RATE_HZ);
      const pauseSeconds = Math.floor((startSample % 256) / 64);
      const lead = pauseSeconds * SAMPLE_RATE_HZ + Math.round(fixtureStartSeconds * SAMPLE_RATE_HZ);
      const placed = new Float32Array(Math.max(0, lead) + source.length - Math.max(0, -lead));
      placed.set(
        Float32Array.from(source.subarray(Math.max(0, -lead)), (x) => x / 32768),
        Math.max(0, lead),
      );
      const node = await simulateCall({
        rcml: `<Response>${pauseSeconds > 0 ? `<Pause length="${pauseSeconds}"/>` : ''}<Record action="/handle-recording" playBeep="false" maxLength="20" timeout="${timeoutSeconds}"/></Response>`,
        input: { audio: { samples: placed, rateHz: SAMPLE_RATE_HZ } },
      });
      const heard = node.recordings[0]!;
      const differenceSeconds = heard.durationSeconds - recordedSeconds;
      console.log(
        `${fixture}: simulateCall on the same audio stopped by ${heard.reason} at ${heard.durationSeconds.toFixed(3)} s, ` +
          `${(differenceSeconds * 1000).toFixed(0)} ms from the browser (bound ${(AGREEMENT_SECONDS * 1000).toFixed(0)} ms; ` +
          `browser Record at sample ${startSample}, grid phase ${startSample % 256}, Node's ${(pauseSeconds * 64) % 256})`,
      );
      expect(heard.reason).toBe('timeout');
      expect(Math.abs(differenceSeconds)).toBeLessThanOrEqual(AGREEMENT_SECONDS);
      await context.close();
    } finally {
      await browser.close();
    }
  });
}

for (const fixture of ['silence', 'pink-noise']) {
  test(`${fixture}: leading silence longer than timeout gives an empty recording, no action request, the next verb runs`, async () => {
    const browser = await launchWithMicrophone(`${fixture}.wav`);
    try {
      const context = await browser.newContext({ baseURL, permissions: ['microphone'] });
      const page = await context.newPage();
      const loadMs = await openWithDetector(
        page,
        '<Response><Record action="/handle-recording" playBeep="false" maxLength="20" timeout="1"/><Redirect>/next</Redirect></Response>',
      );
      console.log(
        `Silero detector load time (page load → ready, cold cache): ${loadMs.toFixed(0)} ms (goal ≤ 3000 ms)`,
      );
      await page.getByRole('button', { name: 'Start call' }).click();
      const status = page.getByRole('status');
      await expect(status).toContainText('Call ended', { timeout: 15_000 });
      await expect(requestItem(page, 'POST', NEXT_URL)).toHaveCount(1);
      await expect(requestItem(page, 'POST', ACTION_URL)).toHaveCount(0);
      await expect(requestItem(page, 'POST', DOCUMENT_URL)).toHaveCount(1);
      console.log(`${fixture}, timeout 1 s: empty true (want true): no action request, the Redirect ran`);
      await context.close();
    } finally {
      await browser.close();
    }
  });
}

test('when the model cannot load, the energy detector takes over with a visible warning', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL, permissions: ['microphone'] });
  await context.route('**/vad/silero_vad_v5.onnx', (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  const detector = page.locator('[data-vad-status]');
  await expect(detector, NO_STATUS).toHaveCount(1);
  await expect(detector).toHaveAttribute('data-vad-status', 'fallback', { timeout: 30_000 });
  await expect(detector).toContainText('could not load');
  // The fallback engages as soon as the model fails (its request is refused at once), not after a timeout.
  const fallbackMs = Number(await detector.getAttribute('data-vad-load-ms'));
  console.log(
    `energy fallback engaged ${fallbackMs.toFixed(0)} ms after navigation (the model was refused at once)`,
  );
  expect(fallbackMs).toBeLessThan(5_000);
  await page.getByRole('textbox', { name: 'RCML', exact: true }).fill('<Response><Hangup/></Response>');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();
  await context.close();
});
