/// <reference types="node" />
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles, mimeType } from './static-files.ts';

let top: string;
let root: string;
let server: Server;
let port: number;

const INDEX = '<!doctype html><html><head><title>app</title></head><body></body></html>';

beforeAll(async () => {
  // top/package.json (outside), top/dist/… (served)
  top = mkdtempSync(join(tmpdir(), 'static-files-'));
  writeFileSync(join(top, 'package.json'), '{"secret":"outside"}');
  root = join(top, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'vad'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'index-a1b2c3.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'index-a1b2c3.js.map'), '{}');
  writeFileSync(join(root, 'assets', 'index-d4e5.css'), 'body{}');
  writeFileSync(join(root, 'vad', 'ort-wasm-simd-threaded.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(join(root, 'vad', 'ort-wasm-simd-threaded.mjs'), 'export {};');
  writeFileSync(join(root, 'vad', 'silero_vad_v5.onnx'), Buffer.alloc(7));
  writeFileSync(join(root, 'logo.png'), Buffer.alloc(3));
  writeFileSync(join(root, 'icon.svg'), '<svg/>');
  writeFileSync(join(root, 'beep.wav'), Buffer.alloc(44));
  writeFileSync(join(root, 'site.webmanifest'), '{}');
  writeFileSync(join(root, 'rules.json'), '[]');
  writeFileSync(join(root, '.env'), 'TOKEN=1');
  symlinkSync(join(top, 'package.json'), join(root, 'linked.json'));
  const files = createStaticFiles({
    root,
    injectIntoHtml: (html) => html.replace('<head>', '<head><meta name="injected">'),
  });
  server = createServer((request, response) => files(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(top, { recursive: true, force: true });
});

/** One request with the path sent exactly as written (no client-side normalisation of `..`). */
function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('static files', () => {
  it('serves each kind of file of the build with its type and length', async () => {
    const cases: [string, string, number][] = [
      ['/assets/index-a1b2c3.js', 'text/javascript; charset=utf-8', 10],
      ['/assets/index-a1b2c3.js.map', 'application/json; charset=utf-8', 2],
      ['/assets/index-d4e5.css', 'text/css; charset=utf-8', 6],
      ['/vad/ort-wasm-simd-threaded.wasm', 'application/wasm', 4],
      ['/vad/ort-wasm-simd-threaded.mjs', 'text/javascript; charset=utf-8', 10],
      ['/vad/silero_vad_v5.onnx', 'application/octet-stream', 7],
      ['/logo.png', 'image/png', 3],
      ['/icon.svg', 'image/svg+xml', 6],
      ['/beep.wav', 'audio/wav', 44],
      ['/site.webmanifest', 'application/manifest+json; charset=utf-8', 2],
      ['/rules.json', 'application/json; charset=utf-8', 2],
    ];
    for (const [path, type, length] of cases) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type'], path).toBe(type);
      expect(answer.headers['content-length'], path).toBe(String(length));
      expect(answer.text.length, path).toBe(length);
    }
  });

  it('caches hashed assets for a year and everything else not without asking', async () => {
    expect((await get('/assets/index-a1b2c3.js')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await get('/vad/silero_vad_v5.onnx')).headers['cache-control']).toBe('no-cache');
    expect((await get('/')).headers['cache-control']).toBe('no-cache');
  });

  it('passes HTML through the injection, for / and /index.html', async () => {
    for (const path of ['/', '/index.html', '/?call=1']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.text).toContain('<head><meta name="injected"><title>app</title>');
      expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.text)));
    }
  });

  it('falls back to index.html for client-side routes without an extension, but not for missing files', async () => {
    const route = await get('/calls/42');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<meta name="injected">');
    const missing = await get('/assets/gone-123.js');
    expect(missing.status).toBe(404);
  });

  it('lists no directory', async () => {
    const answer = await get('/assets/');
    expect(answer.text).not.toContain('index-a1b2c3.js');
    expect(answer.text).toContain('<title>app</title>');
  });

  it('refuses traversal, plain and percent-encoded', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/%2E%2E/%2e%2e/package.json',
      '/..%2fpackage.json',
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(403);
      expect(answer.text, path).toBe('refused: the path leaves the served directory\n');
    }
    expect((await get('/a%5c..%5cpackage.json')).status).toBe(403);
    expect((await get('/%E0%A4%A')).status).toBe(403);
  });

  it('does not follow a link out of the served directory, nor serve dotfiles', async () => {
    expect((await get('/linked.json')).status).toBe(403);
    expect((await get('/.env')).status).toBe(404);
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await get('/icon.svg', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('6');
    expect(head.text).toBe('');
    const post = await get('/icon.svg', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('knows the types by extension', () => {
    expect(mimeType('a/b/model.ONNX')).toBe('application/octet-stream');
    expect(mimeType('x.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('x.unknown')).toBe('application/octet-stream');
  });
});
