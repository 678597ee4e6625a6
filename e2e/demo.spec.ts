import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import lzString from 'lz-string';
import { CATCH_ALL_RULE } from '../src/engine/mock-rules.ts';
import { loadRcml } from './helpers.ts';

const status = (page: Page) => page.getByRole('status');
const editor = (page: Page) => page.getByRole('textbox', { name: 'RCML', exact: true });

function link(workspace: { rcml: string; rules?: unknown[] }): string {
  return `/#w=${lzString.compressToEncodedURIComponent(JSON.stringify({ rules: [CATCH_ALL_RULE], ...workspace }))}`;
}

/** axe on the whole page: every violation, with its rule and targets, for the failure message. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('a call as a demo runs it: double click, keys from anywhere, locked editors, no axe violation', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loadRcml(
    page,
    '<Response><Record action="/handle-recording" maxLength="20" finishOnKey="#"/></Response>',
  );
  expect(await axeViolations(page), 'idle').toEqual([]);

  // A double click starts the call once; it does not hang it up.
  await page.getByRole('button', { name: 'Start call' }).dblclick();
  await expect(status(page)).toContainText('beep');
  await expect(status(page)).toContainText('Recording');
  const keys = page.getByLabel('Keys sent to the call');

  // During the call the workspace is locked, and looks it.
  await expect(page.getByText('Locked while the call runs')).toBeVisible();
  await expect(editor(page)).toHaveAttribute('aria-readonly', 'true');
  expect(await axeViolations(page), 'in call').toEqual([]);

  // The keyboard dials from anywhere outside the editors.
  await page.getByRole('heading', { name: 'Timeline' }).click();
  await page.waitForTimeout(800);
  await page.keyboard.press('#');
  await expect(status(page)).toContainText('Call ended', { timeout: 10_000 });
  await expect(keys).toHaveText('Keys: #');
  await expect(page.getByRole('region', { name: 'Recordings' })).toContainText('sent RecordingDuration=');
  expect(await axeViolations(page), 'ended').toEqual([]);
});

test('the phone says what the call waits for, and what a Gather prompt says', async ({ page }) => {
  await page.goto(
    link({
      rcml: '<Response><Gather action="/menu" numDigits="1" timeout="3"><Say>Press one for sales.</Say></Gather><Redirect>/slow</Redirect></Response>',
      rules: [
        {
          ...CATCH_ALL_RULE,
          id: 'slow',
          name: 'Slow server',
          pattern: '/slow',
          match: 'exact',
          delayMs: 3000,
        },
        CATCH_ALL_RULE,
      ],
    }),
  );
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.locator('.now-running')).toContainText('“Press one for sales.”');
  await expect(status(page)).toContainText(/Waiting for POST https:\/\/app\.example\.com\/slow \(\d+ s\)/, {
    timeout: 15_000,
  });
  await expect(status(page)).toContainText('Call ended', { timeout: 15_000 });
  // The inspector numbers its requests as they are cited; the slow one is #2, answered by its named rule.
  const timeline = page.getByRole('region', { name: 'Requests' });
  await expect(
    timeline.getByRole('listitem').filter({ hasText: '#2 POST https://app.example.com/slow' }),
  ).toContainText('answered by “Slow server”');
});

test('a rule’s status is checked when it is committed, and likely mistakes are flagged', async ({ page }) => {
  await loadRcml(page, '<Response><Hangup/></Response>');
  await page.getByRole('tab', { name: /Mock responses/ }).click();
  const rules = page.getByRole('region', { name: 'Mock rules' });
  await rules.getByRole('button', { name: 'Add rule' }).click();
  const rule = rules.getByRole('group', { name: 'Rule 1' });
  const statusField = rule.getByRole('spinbutton', { name: 'Status' });
  await statusField.fill('404');
  await expect(statusField).toHaveValue('404');
  await statusField.press('Enter');
  await expect(statusField).toHaveValue('404');
  await statusField.fill('42');
  await statusField.blur();
  await expect(rule.getByRole('alert')).toHaveText('Status must be a whole number from 100 to 599.');
  await rule.getByRole('textbox', { name: 'URL pattern' }).fill('handle-recording');
  await rule.getByRole('textbox', { name: 'Body' }).fill('<Response><Say>{{digits}}</Say></Response>');
  const warnings = rule.getByRole('list', { name: /^Warnings of/ });
  await expect(warnings).toContainText('Did you mean “/handle-recording”?');
  await expect(warnings).toContainText('Did you mean {{Digits}}?');
  // A new rule goes before the catch-all, which stays last.
  await expect(rules.getByRole('group', { name: 'Rule 2' })).toContainText('Catch-all');
});

test('a link does not replace the saved workspace until it is edited, also when pasted into an open tab', async ({
  page,
}) => {
  await loadRcml(page, '<Response><Say>mine</Say></Response>');
  await page.waitForTimeout(800);
  await page.goto(link({ rcml: '<Response><Say>from the link</Say></Response>' }));
  await expect(editor(page)).toContainText('from the link');
  await expect(page.getByText('Showing the workspace from the link.')).toBeVisible();
  await page.reload();
  await expect(editor(page)).toContainText('mine');
  // Pasted into the open tab (hashchange).
  await page.evaluate(
    (hash) => (window.location.hash = hash),
    link({ rcml: '<Response><Say>pasted</Say></Response>' }).slice(1),
  );
  await expect(editor(page)).toContainText('pasted');
  await page.getByRole('button', { name: 'Open my saved workspace' }).click();
  await expect(editor(page)).toContainText('mine');
});

test('on a phone-sized screen Start call shows without scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loadRcml(page, '<Response><Hangup/></Response>');
  const start = page.getByRole('button', { name: 'Start call' });
  const box = await start.boundingBox();
  expect(box, 'Start call has a box').not.toBeNull();
  expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
  await page.screenshot({ path: 'test-results/ui-screens/phone-390x844.png' });
});

test('a reload during a call keeps the recording so far and says so', async ({ page }) => {
  await loadRcml(
    page,
    '<Response><Record action="/handle-recording" maxLength="30" playBeep="false"/></Response>',
  );
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(status(page)).toContainText('Recording');
  await expect(status(page)).toContainText(/Recording [2-9]\.\d s/, { timeout: 15_000 });
  await page.reload();
  await expect(page.getByText(/A call was interrupted by a reload of the page at 0:0\d\.\d/)).toBeVisible({
    timeout: 10_000,
  });
  const recordings = page.getByRole('region', { name: 'Recordings' });
  await expect(recordings.getByRole('listitem')).toHaveCount(1);
  await expect(recordings).toContainText('interrupted by a reload of the page');
  await expect(page.getByRole('region', { name: 'Requests' })).toContainText(
    'POST https://app.example.com/voice.xml',
  );
});
