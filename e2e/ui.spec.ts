import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import lzString from 'lz-string';
import { CATCH_ALL_RULE } from '../src/engine/mock-rules.ts';
import { loadRcml, parametersOf, requestItem } from './helpers.ts';

const SCREENS = 'test-results/ui-screens';
const ACTION_URL = 'https://app.example.com/handle-recording';

/** Console errors and warnings (and uncaught exceptions) of the page, collected from now on. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

function editor(page: Page) {
  return page.getByRole('textbox', { name: 'RCML', exact: true });
}

/** A voicemail whose action answers with a thank-you: a complete demo in one link (the app's `#w=` format). */
const DEMO = {
  rcml: `<Response>
  <Say>Leave a message.</Say>
  <Record action="/handle-recording" maxLength="3" finishOnKey="#"/>
  <Say>We did not get a message.</Say>
</Response>
`,
  rules: [
    {
      id: 'thank-you',
      pattern: '/handle-recording',
      match: 'exact',
      method: 'POST',
      status: 200,
      contentType: 'text/xml',
      body: '<Response>\n  <Say>Thank you, your {{RecordingDuration}} second message was saved.</Say>\n</Response>',
      delayMs: 0,
    },
    CATCH_ALL_RULE,
  ],
  settings: { documentUrl: 'https://app.example.com/voice.xml', profile: 'restcomm' },
};
const DEMO_HASH = `#w=${lzString.compressToEncodedURIComponent(JSON.stringify(DEMO))}`;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`idle, recording and finished screens in ${colorScheme}, with no console errors`, async ({ page }) => {
    mkdirSync(SCREENS, { recursive: true });
    const problems = watchConsole(page);
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/${DEMO_HASH}`);
    await expect(editor(page)).toContainText('maxLength="3"');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    const start = page.getByRole('button', { name: 'Start call' });
    await expect(start).toBeEnabled();
    await page.screenshot({ path: `${SCREENS}/idle-${colorScheme}.png` });
    if (colorScheme === 'light') {
      // The other laptop size, and a phone-sized screen where the panes stack.
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.screenshot({ path: `${SCREENS}/idle-1366x768.png` });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SCREENS}/idle-narrow.png`, fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    expect(problems).toEqual([]);

    await start.click();
    const status = page.getByRole('status');
    await expect(status).toContainText('Recording', { timeout: 15_000 });
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `${SCREENS}/recording-${colorScheme}.png` });
    expect(problems).toEqual([]);

    await expect(status).toContainText('Call ended', { timeout: 20_000 });
    const action = requestItem(page, 'POST', ACTION_URL);
    await expect(action).toContainText('Thank you');
    await action.scrollIntoViewIfNeeded();
    const recordings = page.getByRole('region', { name: 'Recordings' });
    await expect(recordings.getByRole('listitem')).toHaveCount(1);
    await page.screenshot({ path: `${SCREENS}/finished-${colorScheme}.png` });
    // `README_SCREENSHOT=1 npm run e2e -- e2e/ui.spec.ts` renews the README's picture; other runs leave it.
    if (colorScheme === 'light' && process.env.README_SCREENSHOT) {
      mkdirSync('docs', { recursive: true });
      await page.screenshot({ path: 'docs/screenshot.png' });
    }
    expect(problems).toEqual([]);
  });
}

test('a permalink carries the document, the rules and the settings', async ({ page, context }) => {
  const problems = watchConsole(page);
  await loadRcml(page, '<Response><Record action="/permalinked" maxLength="7"/></Response>');
  await page.getByRole('combobox', { name: 'Dialect' }).selectOption('twilio');
  await page.getByRole('textbox', { name: 'From', exact: true }).fill('+4930123456');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByRole('textbox', { name: 'Permalink' }).inputValue();
  expect(link).toMatch(/#w=/);

  const other = await context.newPage();
  const otherProblems = watchConsole(other);
  await other.goto(link);
  await expect(editor(other)).toContainText('action="/permalinked" maxLength="7"');
  await expect(other.getByRole('combobox', { name: 'Dialect' })).toHaveValue('twilio');
  await expect(other.getByRole('textbox', { name: 'From', exact: true })).toHaveValue('+4930123456');
  await expect(other.getByRole('tab', { name: /Mock responses/ })).toContainText('(1)');
  // The hash is read once and removed: a reload shows the saved copy, edits included.
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  expect([...problems, ...otherProblems]).toEqual([]);
});

test('a reload keeps the workspace and the recordings', async ({ page }) => {
  const problems = watchConsole(page);
  await loadRcml(page, '<Response><Record action="/handle-recording" maxLength="2"/></Response>');
  await page.getByRole('textbox', { name: 'CallerName', exact: true }).fill('Reload Tester');
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 20_000 });
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings.getByRole('listitem')).toHaveCount(1);
  const sid = await recordings.locator('.recording-sid').textContent();
  await page.waitForTimeout(800);

  await page.reload();
  await expect(editor(page)).toContainText('maxLength="2"');
  await expect(page.getByRole('textbox', { name: 'CallerName', exact: true })).toHaveValue('Reload Tester');
  await expect(recordings.getByRole('listitem')).toHaveCount(1);
  await expect(recordings.locator('.recording-sid')).toHaveText(sid ?? '');
  await expect(recordings.locator('audio')).toHaveCount(1);
  await expect(recordings.getByRole('link', { name: 'Download WAV' })).toHaveAttribute('href', /^blob:/);
  expect(await recordings.locator('audio').evaluate((audio: HTMLAudioElement) => audio.src)).toMatch(
    /^blob:/,
  );
  expect(problems).toEqual([]);
});

test('a whole call driven by the keyboard alone', async ({ page }) => {
  const problems = watchConsole(page);
  await loadRcml(
    page,
    '<Response><Record action="/handle-recording" maxLength="20" finishOnKey="#"/></Response>',
  );
  await page.locator('body').click({ position: { x: 2, y: 2 } });

  // Tab to the call button.
  const start = page.getByRole('button', { name: 'Start call' });
  for (let i = 0; i < 60 && !(await start.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  const status = page.getByRole('status');
  await expect(status).toContainText('Recording', { timeout: 15_000 });
  await page.waitForTimeout(700);

  // The same button is now Hang up; Tab reaches the keypad, Space presses a key once.
  await expect(page.getByRole('button', { name: 'Hang up' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1', exact: true }),
  ).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('5');
  await page.waitForTimeout(500);
  await expect(status).toContainText('Recording');
  await page.keyboard.press('#');
  await expect(status).toContainText('Call ended', { timeout: 10_000 });
  await expect(page.getByLabel('Keys sent to the call')).toHaveText('Keys: 1 5 #');

  const params = await parametersOf(requestItem(page, 'POST', ACTION_URL));
  expect(params.Digits).toBe('#');
  expect(problems).toEqual([]);
});

test('examples, inline diagnostics, completion and format in the editor', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: /^Bad attributes/ }).click();
  const diagnostics = page.getByRole('list', { name: 'Diagnostics', exact: true });
  await expect(diagnostics).toContainText('line 3, column 38: [13610]');
  await expect(page.locator('.cm-lintRange-warning').first()).toBeVisible();
  await expect(page.locator('.cm-lint-marker-warning').first()).toBeVisible();
  // Warnings let the call start.
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();

  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: /^Gather, then Record/ }).click();
  await expect(page.getByRole('tab', { name: /Mock responses/ })).toContainText('(3)');

  // An error keeps the call from starting, and says why.
  await editor(page).fill('<Response><Record action="/x"></Response>');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeDisabled();
  await expect(page.getByText('Fix the error in the RCML first.')).toBeVisible();
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();

  // Completion offers attributes with their defaults.
  await editor(page).fill('<Response>\n  <Record ');
  await page.keyboard.press('Control+Space');
  const completions = page.locator('.cm-tooltip-autocomplete');
  await expect(completions).toContainText('maxLength');
  await expect(completions).toContainText('default 3600');
  await page.keyboard.press('Escape');
  await expect(completions).toBeHidden();

  // The editor is replaced as a whole before Format runs (a fill that lands while CodeMirror still
  // moves its selection would insert at the cursor instead).
  const oneLine = '<Response><Say>Hi</Say><Record maxLength="5"/></Response>';
  await expect(async () => {
    await editor(page).fill(oneLine);
    await expect(page.locator('.cm-line')).toHaveText([oneLine], { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Format document' }).click();
  await expect(page.locator('.cm-line')).toHaveText([
    '<Response>',
    '  <Say>Hi</Say>',
    '  <Record maxLength="5"/>',
    '</Response>',
    '',
  ]);
  expect(problems).toEqual([]);
});

test('when storage is full, the page says so and what was saved before is kept', async ({ page }) => {
  await loadRcml(page, '<Response><Record action="/saved-before" maxLength="2"/></Response>');
  await page.waitForTimeout(800);
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await editor(page).fill('<Response><Record action="/not-saved" maxLength="2"/></Response>');
  await expect(page.getByRole('alert')).toContainText('storage for this page is full');
  // The call still runs; only saving stopped.
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();

  await page.reload();
  await expect(editor(page)).toContainText('/saved-before');
});
