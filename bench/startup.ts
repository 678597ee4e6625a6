// Start-up of the production build: time to first paint, to interactive (the RCML editor takes input), to
// ready to call (the Start call button enabled: parser and mock server ready; calls do not wait for the
// voice detector, whose audio is judged once it loads) and to the voice detector ready, and the JS the
// first paint needs, gzipped.
// Run `npm run build` first; then `node --import tsx bench/startup.ts`. Prints figures; never asserts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../e2e/chromium.ts';

const PORT = 4874;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIST = 'dist';
const COLD_RUNS = 5;
const WARM_RUNS = 5;
const GOAL_FIRST_PAINT_KB = 150;
const GOAL_INTERACTIVE_MS = 700;

function gzipKb(path: string): number {
  return gzipSync(readFileSync(path)).length / 1024;
}

/** The scripts index.html loads before anything renders: its module entry and the modules it preloads. */
function firstPaintScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ];
  return [...new Set(entries.map((m) => m[1] ?? ''))].filter(Boolean);
}

async function startPreview(): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--port',
      String(PORT),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(ORIGIN)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${ORIGIN}`);
}

/**
 * Installed before the page's scripts: notes when the RCML editor first takes input, and when the Start call
 * button first becomes enabled.
 */
const WATCH_INTERACTIVE = `(() => {
  const check = () => {
    const editor = document.querySelector('[aria-label="RCML"][contenteditable="true"]');
    if (editor && window.__interactiveAt === undefined) window.__interactiveAt = performance.now();
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Start call');
    if (button && !button.disabled && window.__readyAt === undefined) window.__readyAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Run {
  firstPaintMs: number;
  firstContentfulPaintMs: number;
  interactiveMs: number;
  readyToCallMs: number;
  detectorReadyMs: number;
  jsKb: number;
}

async function measure(browser: Browser, runs: number, warm: boolean): Promise<Run[]> {
  const results: Run[] = [];
  const context = warm ? await browser.newContext() : null;
  if (context) {
    // One load to fill the HTTP cache and register the mock server's service worker.
    const page = await context.newPage();
    await page.goto(ORIGIN);
    await page.getByRole('button', { name: 'Start call' }).waitFor();
    await page.close();
  }
  for (let i = 0; i < runs; i++) {
    const ctx = context ?? (await browser.newContext());
    const page = await ctx.newPage();
    let jsBytes = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('.js') && response.request().resourceType() === 'script') {
        void response.body().then(
          (body) => (jsBytes += gzipSync(body).length),
          () => undefined,
        );
      }
    });
    await page.addInitScript(WATCH_INTERACTIVE);
    await page.goto(ORIGIN);
    await page.waitForFunction('window.__readyAt !== undefined', null, { timeout: 30_000 });
    await page.waitForFunction(
      "document.querySelector('[data-vad-status]')?.getAttribute('data-vad-status') !== 'loading'",
      null,
      { timeout: 30_000 },
    );
    // A string, not a function: tsx would wrap named helpers in code the page does not have.
    const timings = await page.evaluate<Omit<Run, 'jsKb'>>(`({
      firstPaintMs: performance.getEntriesByName('first-paint')[0]?.startTime ?? NaN,
      firstContentfulPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      interactiveMs: window.__interactiveAt,
      readyToCallMs: window.__readyAt,
      detectorReadyMs: Number(document.querySelector('[data-vad-status]')?.getAttribute('data-vad-load-ms')),
    })`);
    results.push({ ...timings, jsKb: jsBytes / 1024 });
    await page.close();
    if (!context) await ctx.close();
  }
  await context?.close();
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function report(label: string, runs: Run[]): void {
  const fmt = (key: keyof Run) => `${median(runs.map((r) => r[key])).toFixed(0)} ms`;
  console.log(
    `${label.padEnd(6)} first paint ${fmt('firstPaintMs')}, first contentful paint ${fmt('firstContentfulPaintMs')}, ` +
      `interactive ${fmt('interactiveMs')} (goal ≤ ${GOAL_INTERACTIVE_MS} ms), ` +
      `ready to call ${fmt('readyToCallMs')} (goal = interactive), voice detector ready ${fmt('detectorReadyMs')}, ` +
      `median of ${runs.length}; ` +
      `JS fetched by then ${median(runs.map((r) => r.jsKb)).toFixed(1)} kB gzip`,
  );
}

if (!existsSync(join(DIST, 'index.html'))) {
  console.log('No production build in dist/: run `npm run build` first. Skipped.');
  process.exit(0);
}

const scripts = firstPaintScripts();
const firstPaintKb = scripts.reduce((sum, src) => sum + gzipKb(join(DIST, src)), 0);
console.log(
  `First-paint JS: ${firstPaintKb.toFixed(1)} kB gzip (goal ≤ ${GOAL_FIRST_PAINT_KB} kB) in ${scripts.length} file(s): ${scripts.join(', ')}`,
);

const server = await startPreview();
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs() });
try {
  report('cold', await measure(browser, COLD_RUNS, false));
  report('warm', await measure(browser, WARM_RUNS, true));
} finally {
  await browser.close();
  server.kill();
}
