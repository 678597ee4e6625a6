import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readRulesFile } from '../src/engine/mock-rules.ts';
import { expectNothingLeftTheBrowser, loadRcml, parametersOf, requestItem, watchNetwork } from './helpers.ts';

const APP = 'https://app.example.com';
const OTHER = 'https://api.other-origin.test';

async function openRules(page: Page) {
  await page.getByRole('tab', { name: /Mock responses/ }).click();
  return page.getByRole('region', { name: 'Mock rules' });
}

async function addRule(
  page: Page,
  rule: { pattern: string; method?: 'ANY' | 'GET' | 'POST'; status?: number; body: string },
): Promise<void> {
  const rules = await openRules(page);
  await rules.getByRole('button', { name: 'Add rule' }).click();
  // A new rule goes before the catch-all at the end (or at the end), with the pattern /next.
  const added = rules
    .getByRole('group', { name: /^Rule \d+$/ })
    .filter({ has: page.getByRole('textbox', { name: 'URL pattern' }).and(page.locator('[value="/next"]')) });
  await expect(added).toHaveCount(1);
  const name = await added.getAttribute('aria-label');
  const rule1 = rules.getByRole('group', { name: name ?? '', exact: true });
  await rule1.getByRole('textbox', { name: 'URL pattern' }).fill(rule.pattern);
  if (rule.method) await rule1.getByRole('combobox', { name: 'Method' }).selectOption(rule.method);
  if (rule.status) await rule1.getByRole('spinbutton', { name: 'Status' }).fill(String(rule.status));
  await rule1.getByRole('textbox', { name: 'Body' }).fill(rule.body);
  await page.getByRole('tab', { name: 'Document' }).click();
}

test('relative and cross-origin actions, POST and GET, are answered in the browser with the exact parameters', async ({
  page,
}) => {
  const seen = watchNetwork(page);
  await loadRcml(page, '<Response><Record action="/handle-recording" maxLength="2"/></Response>');
  await addRule(page, {
    pattern: '/handle-recording',
    method: 'POST',
    body: `<Response><Record action="${OTHER}/step-2?x=1" method="GET" maxLength="2"/></Response>`,
  });
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 30_000 });

  // The relative action, resolved against the document URL, as a form POST.
  const post = requestItem(page, 'POST', `${APP}/handle-recording`);
  await expect(post).toHaveCount(1);
  await expect(post).toContainText('Form parameters');
  const form = await parametersOf(post);
  expect(Object.keys(form).sort()).toEqual(
    [
      'AccountSid',
      'ApiVersion',
      'CallSid',
      'CallStatus',
      'CallerName',
      'Digits',
      'Direction',
      'From',
      'RecordingDuration',
      'RecordingUrl',
      'To',
    ].sort(),
  );
  expect(form.RecordingDuration).toBe('2');
  await expect(post).toContainText('answered by rule 1');

  // The absolute cross-origin action with method GET: the parameters are in the query, after its own.
  const get = page
    .getByRole('region', { name: 'Requests' })
    .getByRole('listitem')
    .filter({ hasText: `GET ${OTHER}/step-2?x=1&` });
  await expect(get).toHaveCount(1);
  await expect(get).toContainText('Query parameters');
  const query = await parametersOf(get);
  expect(query.x).toBe('1');
  expect(query.CallSid).toBe(form.CallSid);
  expect(query.RecordingDuration).toBe('2');
  expect(query.Digits).toBe('');
  expect(query.RecordingUrl).toMatch(
    /^https:\/\/app\.example\.com\/2012-04-24\/Accounts\/AC[0-9a-f]{32}\/Recordings\/RE[0-9a-f]{32}\.wav$/,
  );
  expect(query.RecordingUrl).not.toBe(form.RecordingUrl);
  await expect(get).toContainText('answered by “Catch-all”');

  await expectNothingLeftTheBrowser(seen, [APP, OTHER]);
});

test('a 404 and a 500 end the call with their notifications, and a request can be re-sent against new rules', async ({
  page,
}) => {
  const seen = watchNetwork(page);
  await loadRcml(page, '<Response>\n  <Redirect>/missing</Redirect>\n</Response>');
  // Without the catch-all, an unknown URL is 404.
  const rules = await openRules(page);
  await rules.getByRole('group', { name: 'Rule 1' }).getByRole('button', { name: 'Delete' }).click();
  await expect(rules.getByRole('group')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Document' }).click();

  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 15_000 });
  const missing = requestItem(page, 'POST', `${APP}/missing`);
  await expect(missing).toContainText('404');
  const notifications = page.getByRole('region', { name: 'Requests' });
  await expect(notifications).toContainText('line 2, column 3: [21402]');

  // Re-send the request against a rule that now answers it.
  await addRule(page, { pattern: '/missing', body: '<Response><Hangup/></Response>' });
  await missing.first().getByRole('button', { name: 'Re-send' }).click();
  const resent = page
    .getByRole('region', { name: 'Requests' })
    .getByRole('listitem')
    .filter({ hasText: 're-send of request' });
  await expect(resent).toHaveCount(1);
  await expect(resent).toContainText('200');
  await expect(resent).toContainText('<Response><Hangup/></Response>');

  // A 500 is an HTTP retrieval failure.
  await page
    .getByRole('textbox', { name: 'RCML', exact: true })
    .fill('<Response>\n  <Redirect>/broken</Redirect>\n</Response>');
  await addRule(page, { pattern: '/broken', status: 500, body: 'Internal Server Error' });
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('status')).toContainText('Call ended', { timeout: 15_000 });
  await expect(requestItem(page, 'POST', `${APP}/broken`)).toContainText('500');
  await expect(notifications).toContainText('[11200]');

  await expectNothingLeftTheBrowser(seen, [APP, OTHER]);
});

test('rules go out as rules.json and come back in: what rcml-sandbox simulate --rules reads', async ({
  page,
}) => {
  await page.goto('/');
  await addRule(page, { pattern: '/exported', method: 'POST', body: '<Response><Hangup/></Response>' });
  const rules = await openRules(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    rules.getByRole('button', { name: 'Export rules' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('rules.json');
  const exported = readRulesFile(readFileSync(await download.path(), 'utf8'), 'rules.json');
  expect(exported.rules.map((r) => [r.pattern, r.method])).toContainEqual(['/exported', 'POST']);

  // A file with a bad entry: imported, with a warning that names it; one that is not JSON: nothing changes.
  const importer = rules.getByLabel('Import rules');
  await importer.setInputFiles({
    name: 'theirs.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ rules: [{ pattern: '/theirs', body: 'x' }, 42] })),
  });
  await expect(rules.getByRole('list', { name: 'Import warnings' })).toContainText(
    'theirs.json: entry 2 is not a rule (an object), ignored',
  );
  await expect(rules.getByRole('group', { name: /^Rule \d+$/ })).toHaveCount(1);
  await expect(rules.getByRole('textbox', { name: 'URL pattern' })).toHaveValue('/theirs');
  await importer.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"rules": ['),
  });
  await expect(rules.getByRole('alert')).toContainText('Nothing imported: broken.json is not JSON');
  await expect(rules.getByRole('textbox', { name: 'URL pattern' })).toHaveValue('/theirs');
});
