/// <reference types="node" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe } from './serve.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function distDir(withIndex = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'serve-dist-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  if (withIndex)
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>x</title></head></html>');
  return dir;
}

describe('startServe', () => {
  it('serves the build with the meta on a free loopback port, and closes', async () => {
    const running = await startServe({ distDir: distDir(), port: 0, liveOrigins: ['http://127.0.0.1:3000'] });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/`);
    const page = await fetch(running.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<meta name="rcml-sandbox-server" content="');
    expect(html).toContain(running.server.secret);
    expect(html).toContain('http://127.0.0.1:3000');
    const health = await fetch(new URL('/__sandbox/health', running.url));
    expect(await health.json()).toEqual({ ok: true, version: 1 });
    await running.close();
    await expect(fetch(running.url)).rejects.toThrow();
  });

  it('refuses a missing build', async () => {
    const dir = distDir(false);
    await expect(startServe({ distDir: dir, port: 0 })).rejects.toThrow(
      `no production build at ${dir} (no index.html there): run npm run build`,
    );
    await expect(startServe({ distDir: join(dir, 'nope'), port: 0 })).rejects.toThrow(
      /^no production build at /,
    );
  });

  it('listens on loopback only, with or without allowRemote', async () => {
    await expect(startServe({ distDir: distDir(), port: 0, host: '0.0.0.0' })).rejects.toThrow(
      'the sandbox server listens on loopback only, not on 0.0.0.0 (use 127.0.0.1, localhost or ::1)',
    );
    await expect(
      startServe({ distDir: distDir(), port: 0, host: '0.0.0.0', allowRemote: true }),
    ).rejects.toThrow(
      'the sandbox server listens on loopback only, not on 0.0.0.0: --allow-remote only lets it forward to apps on other machines',
    );
  });

  it('says so when the port is taken', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => other.close(() => resolve())));
    const port = (other.address() as AddressInfo).port;
    await expect(startServe({ distDir: distDir(), port })).rejects.toThrow(
      `port ${port} on 127.0.0.1 is in use: choose another with --port (0 picks a free one)`,
    );
  });

  it('refuses bad sandbox options', async () => {
    await expect(startServe({ distDir: distDir(), port: 0, liveOrigins: ['3000'] })).rejects.toThrow(
      'live origin "3000" is not a URL',
    );
    await expect(startServe({ distDir: distDir(), port: 70000 })).rejects.toThrow(
      'port 70000 is not a whole number from 0 to 65535',
    );
  });
});
