import { expect, test } from '@playwright/test';

test('the editor shows each mistake with line, column and code, and errors keep the call from starting', async ({
  page,
}) => {
  await page.goto('/');
  const editor = page.getByRole('textbox', { name: 'RCML', exact: true });
  const diagnostics = page.getByRole('list', { name: 'Diagnostics' });
  const start = page.getByRole('button', { name: 'Start call' });

  // A bad attribute value is a warning: the default is used and the call may start.
  await editor.fill('<Response>\n  <Record action="/a" maxLength="1" playBeep="maybe"/>\n</Response>');
  await expect(diagnostics.getByRole('listitem')).toHaveCount(2);
  await expect(diagnostics.getByRole('listitem').nth(0)).toHaveText(
    /line 2, column 23: \[13612\] <Record> maxLength="1" is invalid .*using 3600/,
  );
  await expect(diagnostics.getByRole('listitem').nth(1)).toHaveText(
    /line 2, column 37: \[13612\] <Record> playBeep="maybe" is invalid .*using true/,
  );
  await expect(start).toBeEnabled();

  // A verb nested in <Record> is an error: the button is disabled and says why.
  await editor.fill('<Response>\n  <Record action="/a">\n    <Say>hi</Say>\n  </Record>\n</Response>');
  await expect(diagnostics).toContainText('line 3, column 5: [12200]');
  await expect(start).toBeDisabled();
  await expect(page.getByText(/Fix the error in the RCML first/)).toBeVisible();

  // Malformed XML is 12100 at its position.
  await editor.fill('<Response>\n  <Record action="/a">\n</Response>');
  await expect(diagnostics.getByRole('listitem').first()).toHaveText(
    /line 3, column 1: \[12100\] .*not well-formed/,
  );
  await expect(start).toBeDisabled();

  // Fixing it lets the call start again.
  await editor.fill('<Response><Record action="/a"/></Response>');
  await expect(diagnostics.getByRole('listitem')).toHaveCount(0);
  await expect(start).toBeEnabled();
});
