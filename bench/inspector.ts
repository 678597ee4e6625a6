// The inspector on long calls: the main thread's time for one more request (added and answered: store
// update, React render and commit, style and layout), with 100, 500 and 1,000 requests already in the timeline, in headless Chromium with React's production
// build. Goal: ≤ 16 ms per update at 1,000 items. Run: node --import tsx bench/inspector.ts
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { chromiumArgs, chromiumExecutable } from '../e2e/chromium.ts';

/** What bench/inspector/main.tsx puts on the page. */
declare global {
  interface Window {
    fillTo(count: number): Promise<void>;
    measureUpdate(): Promise<number>;
  }
}

const GOAL_MS = 16;
const SIZES = [100, 500, 1000];
const UPDATES = 40;

const outDir = mkdtempSync(join(tmpdir(), 'inspector-bench-'));
await build({
  root: 'bench/inspector',
  base: './',
  logLevel: 'error',
  plugins: [react()],
  build: { outDir, emptyOutDir: true, minify: true },
  mode: 'production',
});
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/')).replace(/^\/+/, '');
  try {
    const file = join(outDir, path === '' ? 'index.html' : path);
    if (!file.startsWith(outDir)) throw new Error('outside');
    const bytes = readFileSync(file);
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(bytes);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs() });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => typeof window.measureUpdate === 'function');
  console.log('items   median ms   p95 ms   max ms   (one request added and answered: update to layout)');
  for (const size of SIZES) {
    await page.evaluate((n) => window.fillTo(n), size);
    const times: number[] = [];
    for (let i = 0; i < UPDATES; i++) times.push(await page.evaluate(() => window.measureUpdate()));
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
    console.log(
      `${String(size).padStart(5)}   ${at(0.5).toFixed(1).padStart(9)}   ${at(0.95).toFixed(1).padStart(6)}   ${at(1).toFixed(1).padStart(6)}`,
    );
  }
  console.log(`goal: ≤ ${GOAL_MS} ms per update at 1,000 items (one frame at 60 Hz)`);
} finally {
  await browser.close();
  server.close();
  rmSync(outDir, { recursive: true, force: true });
}
