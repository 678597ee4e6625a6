import type { Page } from '@playwright/test';

/**
 * Every text the page's `status` element shows, in order, kept in the page: a call can pass through
 * `Recording` or end between two polls of a locator, and a call that ends as the previous one did shows
 * the same text again, so the kit reads the sequence rather than the element's text of the moment.
 */
export const STATUS_LOG_KEY = '__rcmlSandboxStatusLog';

/** Installs the log in the page (once per document); returns how many texts it holds so far. */
export function installStatusLog(page: Page): Promise<number> {
  return page.evaluate((key) => {
    const holder = window as unknown as Record<string, string[] | undefined>;
    const existing = holder[key];
    if (existing) return existing.length;
    const log: string[] = [];
    holder[key] = log;
    const read = () => {
      const text = document.querySelector('[role="status"]')?.textContent ?? '';
      if (log.at(-1) !== text) log.push(text);
    };
    read();
    new MutationObserver(read).observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    return log.length;
  }, STATUS_LOG_KEY);
}

/** The texts the status showed from index `from` on. */
export function statusSince(page: Page, from: number): Promise<string[]> {
  return page.evaluate(
    ({ key, from }) => ((window as unknown as Record<string, string[] | undefined>)[key] ?? []).slice(from),
    { key: STATUS_LOG_KEY, from },
  );
}

/** Waits past `Starting the call…` (the phone opening the caller): the first text after it, or null at `timeoutMs`. */
export function waitForSettledStatus(page: Page, from: number, timeoutMs: number): Promise<string | null> {
  return waitFor(page, from, { parts: [], notStarting: true }, timeoutMs);
}

/**
 * Waits until a status text from index `from` on includes one of `parts`, and returns the first such text;
 * null when `timeoutMs` pass first.
 */
export async function waitForStatus(
  page: Page,
  from: number,
  parts: string[],
  timeoutMs: number,
): Promise<string | null> {
  return waitFor(page, from, { parts, notStarting: false }, timeoutMs);
}

async function waitFor(
  page: Page,
  from: number,
  wanted: { parts: string[]; notStarting: boolean },
  timeoutMs: number,
): Promise<string | null> {
  try {
    const handle = await page.waitForFunction(
      ({ key, from, parts, notStarting }) => {
        const log = ((window as unknown as Record<string, string[] | undefined>)[key] ?? []).slice(from);
        const found = log.find((text) =>
          notStarting ? !text.startsWith('Starting') : parts.some((part) => text.includes(part)),
        );
        return found ?? false;
      },
      { key: STATUS_LOG_KEY, from, ...wanted },
      { timeout: Math.max(1, timeoutMs), polling: 100 },
    );
    return (await handle.jsonValue()) as string;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return null;
    throw error;
  }
}
