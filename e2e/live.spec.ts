import { expect, test, type Page } from '@playwright/test';
import lzString from 'lz-string';
import { APP_PORT, PREVIEW_PORT } from '../playwright.config.ts';
import { parametersOf, requestItem } from './helpers.ts';

const APP = `http://127.0.0.1:${APP_PORT}`;
const SANDBOX = `http://127.0.0.1:${PREVIEW_PORT}`;

interface Seen {
  method: string;
  path: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  signatureValid: boolean | null;
  download?:
    | { status: number; contentType: string; sampleRateHz: number; seconds: number }
    | { status: number; contentType: string; container: string; bytes: number; range: string | null }
    | { error: string };
}

async function appLog(): Promise<Seen[]> {
  return (await (await fetch(`${APP}/log`)).json()) as Seen[];
}

/** The sandbox with the document URL on the app server, that origin live, in `profile`. */
async function openLive(page: Page, profile: string, path = '/voice'): Promise<void> {
  await fetch(`${APP}/reset`, { method: 'POST' });
  const workspace = {
    rcml: '<Response><Hangup/></Response>',
    settings: {
      documentUrl: `${APP}${path}`,
      profile,
      from: '+15550001234',
      liveOrigins: [APP],
      authToken: 'e2e-auth-token',
    },
  };
  await page.goto(`/#w=${lzString.compressToEncodedURIComponent(JSON.stringify(workspace))}`);
  await expect(page.getByText('The document URL is on a live server')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();
}

for (const profile of ['restcomm', 'twilio'] as const) {
  test(`${profile}: the app serves the call, receives the action and downloads the recording itself`, async ({
    page,
  }) => {
    await openLive(page, profile);
    await page.getByRole('button', { name: 'Start call' }).click();
    await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 30_000 });

    const seen = await appLog();
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /voice', 'POST /recorded']);
    const [voice, recorded] = seen;
    expect(voice?.params).toMatchObject({
      CallStatus: 'ringing',
      From: '+15550001234',
      Direction: 'inbound',
    });
    expect(recorded?.params).toMatchObject({ CallStatus: 'in-progress', RecordingDuration: '3', Digits: '' });
    // RecordingUrl is on the sandbox's own server, and the app could download it: a WAV of 3 s.
    expect(recorded?.params.RecordingUrl?.startsWith(`${SANDBOX}/`)).toBe(true);
    expect(recorded?.download).toEqual({
      status: 200,
      contentType: 'audio/wav',
      sampleRateHz: 8000,
      seconds: 3,
    });
    if (profile === 'twilio') {
      expect(seen.map((s) => s.signatureValid)).toEqual([true, true]);
      expect(recorded?.params.RecordingUrl).toMatch(
        /\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Recordings\/RE[0-9a-f]{32}$/,
      );
    } else {
      expect(seen.map((s) => s.signatureValid)).toEqual([null, null]);
    }

    // The inspector shows the live requests: the target, the real status and body, the time taken.
    const action = requestItem(page, 'POST', `${APP}/recorded`);
    await expect(action).toContainText('live');
    await expect(action).toContainText('answered by your server at 127.0.0.1');
    await expect(action).toContainText('<Response><Say>Thank you.</Say><Hangup/></Response>');
    expect((await parametersOf(action)).RecordingDuration).toBe('3');
    // The document the app sent is what the diagnostics show.
    await expect(page.getByText('Diagnostics of the document your server sent:')).toBeVisible();
  });
}

test.describe('with the camera', () => {
  test.use({ permissions: ['microphone', 'camera'] });

  test('a video Record: the app downloads the video from its .mp4 RecordingUrl, with its real type and Range', async ({
    page,
  }) => {
    await openLive(page, 'restcomm', '/voice-video');
    await page.getByRole('button', { name: 'Start call' }).click();
    await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 30_000 });
    const seen = await appLog();
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /voice-video', 'POST /recorded']);
    const recorded = seen[1];
    expect(recorded?.params.RecordingUrl).toMatch(
      new RegExp(`^${SANDBOX}/2012-04-24/Accounts/AC[0-9a-f]{32}/Recordings/RE[0-9a-f]{32}\\.mp4$`),
    );
    const download = recorded?.download as { container: string; contentType: string; bytes: number };
    expect(download).toMatchObject({ status: 200, range: `bytes 0-99/${download.bytes}` });
    expect(download.contentType).toBe(`video/${download.container}`);
    expect(['mp4', 'webm']).toContain(download.container);
    expect(download.bytes).toBeGreaterThan(1000);
    console.log(
      `video of Chromium's own fake camera (its 640×480 test pattern) and speech: ${download.container}, ` +
        `${download.bytes} bytes for 3 s = ${(download.bytes / 1024 / 3).toFixed(1)} KB per second`,
    );
  });
});

test('a live origin that nothing listens on ends the call with 19010 and says why', async ({ page }) => {
  await fetch(`${APP}/reset`, { method: 'POST' });
  const workspace = {
    rcml: '<Response><Redirect>http://127.0.0.1:9/nowhere</Redirect></Response>',
    settings: { liveOrigins: ['http://127.0.0.1:9'] },
  };
  await page.goto(`/#w=${lzString.compressToEncodedURIComponent(JSON.stringify(workspace))}`);
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 30_000 });
  const timeline = page.getByRole('region', { name: 'Requests' });
  await expect(timeline).toContainText('[19010]');
  await expect(timeline).toContainText('is your app running?');
});
