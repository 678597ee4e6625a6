import { expect, type Locator, type Page, type Request } from '@playwright/test';

/** Puts a document in the RCML editor and waits until the sandbox lets the call start. */
export async function loadRcml(page: Page, rcml: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'RCML', exact: true }).fill(rcml);
  await expect(page.getByRole('button', { name: 'Start call' })).toBeEnabled();
}

/** The request items of the inspector whose first line shows `method` and `url`. */
export function requestItem(page: Page, method: string, url: string): Locator {
  return page
    .getByRole('region', { name: 'Requests' })
    .getByRole('listitem')
    .filter({ hasText: `${method} ${url}` });
}

/** The parameters table of a request item, as name → value. */
export async function parametersOf(item: Locator): Promise<Record<string, string>> {
  // Body rows only: each has its name as a row header and its value as a cell.
  const rows = item
    .getByRole('table')
    .first()
    .getByRole('row')
    .filter({ has: item.page().getByRole('rowheader') });
  const params: Record<string, string> = {};
  for (const row of await rows.all()) {
    const name = await row.getByRole('rowheader').textContent();
    const value = await row.getByRole('cell').textContent();
    if (name !== null && value !== null) params[name] = value;
  }
  return params;
}

/** Fetches a URL from inside the page (so the mock server answers it) and returns the bytes. */
export async function fetchBytes(
  page: Page,
  url: string,
): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const result = await page.evaluate(async (target) => {
    const response = await fetch(target);
    const buffer = await response.arrayBuffer();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      bytes: Array.from(new Uint8Array(buffer)),
    };
  }, url);
  return { status: result.status, type: result.type, bytes: Uint8Array.from(result.bytes) };
}

/** Every request the browser context sees, with whether a service worker made it (a pass-through to the network). */
export function watchNetwork(page: Page): { url: string; bySW: boolean; request: Request }[] {
  const seen: { url: string; bySW: boolean; request: Request }[] = [];
  page
    .context()
    .on('request', (request) =>
      seen.push({ url: request.url(), bySW: request.serviceWorker() !== null, request }),
    );
  return seen;
}

/** Every request to the call's origins was answered by the mock service worker, none by the network. */
export async function expectNothingLeftTheBrowser(
  seen: { url: string; bySW: boolean; request: Request }[],
  origins: string[],
): Promise<void> {
  const callRequests = seen.filter(({ url }) => origins.some((origin) => url.startsWith(origin)));
  expect(callRequests.length).toBeGreaterThan(0);
  for (const { url, bySW, request } of callRequests) {
    expect(bySW, `${url} was fetched by the service worker from the network`).toBe(false);
    const response = await request.response();
    expect(response?.fromServiceWorker(), `${url} was answered by the mock service worker`).toBe(true);
  }
}
