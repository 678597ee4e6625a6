/// <reference types="node" />
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHosts, isLoopbackAddress, refusalReason, type GuardLevel } from './request-guard.ts';

const SECRET = 'a'.repeat(64);

let server: Server;
let port: number;

beforeAll(async () => {
  // Answers with the guard's verdict for the level named by the path (/local or /page).
  server = createServer((request, response) => {
    const level = (request.url ?? '').slice(1) as GuardLevel;
    response.end(JSON.stringify({ reason: refusalReason(request, level, SECRET) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The guard's verdict for one request sent with exactly these headers (Host included). */
function verdict(level: GuardLevel, headers: Record<string, string>): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, path: `/${level}`, method: 'POST', headers, setHost: false },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve((JSON.parse(text) as { reason: string | null }).reason));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const page = (extra: Record<string, string> = {}): Record<string, string> => ({
  Host: `127.0.0.1:${port}`,
  Origin: `http://127.0.0.1:${port}`,
  'Sec-Fetch-Site': 'same-origin',
  'X-Sandbox-Secret': SECRET,
  ...extra,
});

describe('isLoopbackAddress', () => {
  it('accepts 127.0.0.0/8, ::1 and IPv4-mapped loopback', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
  });

  it('refuses other addresses and names', () => {
    for (const address of [
      '128.0.0.1',
      '10.0.0.1',
      '0.0.0.0',
      '::',
      '::2',
      '::ffff:10.0.0.1',
      'localhost',
      '',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });
});

describe('allowedHosts', () => {
  it('names this server by 127.0.0.1, localhost and [::1] with its port', () => {
    expect(allowedHosts(5173)).toEqual(['127.0.0.1:5173', 'localhost:5173', '[::1]:5173']);
  });
});

describe('refusalReason', () => {
  it('lets the page it served through', async () => {
    expect(await verdict('page', page())).toBeNull();
    expect(
      await verdict('page', page({ Host: `localhost:${port}`, Origin: `http://localhost:${port}` })),
    ).toBeNull();
  });

  it('lets a request without Origin and Sec-Fetch-Site through (a same-origin GET, a tool)', async () => {
    expect(await verdict('page', { Host: `127.0.0.1:${port}`, 'X-Sandbox-Secret': SECRET })).toBeNull();
  });

  it('refuses a rebinding Host', async () => {
    expect(await verdict('local', { Host: `evil.example:${port}` })).toBe(
      `Host header "evil.example:${port}" is not this sandbox (DNS rebinding?): expected 127.0.0.1:${port}, localhost:${port} or [::1]:${port}`,
    );
  });

  it('refuses a Host with another port', async () => {
    expect(await verdict('local', { Host: '127.0.0.1:1' })).toBe(
      `Host header "127.0.0.1:1" is not this sandbox (DNS rebinding?): expected 127.0.0.1:${port}, localhost:${port} or [::1]:${port}`,
    );
  });

  it('refuses a request without Host', () => {
    // Node's own server already answers 400 to an HTTP/1.1 request without Host; the guard says it too.
    const noHost = {
      socket: { remoteAddress: '127.0.0.1', localPort: 5173 },
      headers: {},
    } as unknown as IncomingMessage;
    expect(refusalReason(noHost, 'local', SECRET)).toBe('the request has no Host header');
  });

  it('refuses a foreign Origin', async () => {
    expect(await verdict('page', page({ Origin: 'http://localhost:3000' }))).toBe(
      `Origin "http://localhost:3000" is not this sandbox (http://127.0.0.1:${port}): only the page this server served may call it`,
    );
  });

  it('refuses an Origin with the right host name but another form of it', async () => {
    expect(await verdict('page', page({ Origin: `http://localhost:${port}` }))).toBe(
      `Origin "http://localhost:${port}" is not this sandbox (http://127.0.0.1:${port}): only the page this server served may call it`,
    );
  });

  it('refuses a cross-site fetch', async () => {
    expect(await verdict('page', page({ 'Sec-Fetch-Site': 'cross-site' }))).toBe(
      'Sec-Fetch-Site is "cross-site", not "same-origin": only the page this server served may call it',
    );
  });

  it('refuses a missing secret', async () => {
    const headers = page();
    delete headers['X-Sandbox-Secret'];
    expect(await verdict('page', headers)).toBe(
      'the X-Sandbox-Secret header is missing: only the page this server served (which reads the secret from its <meta name="rcml-sandbox-server">) may call it',
    );
  });

  it('refuses a wrong secret, of the same length or not', async () => {
    const wrong =
      "the X-Sandbox-Secret header does not match this server's secret (a page left open from an earlier run? reload it)";
    expect(await verdict('page', page({ 'X-Sandbox-Secret': 'b'.repeat(64) }))).toBe(wrong);
    expect(await verdict('page', page({ 'X-Sandbox-Secret': 'short' }))).toBe(wrong);
  });

  it('asks only for loopback and Host at the local level', async () => {
    expect(await verdict('local', { Host: `[::1]:${port}`, Origin: 'http://elsewhere.example' })).toBeNull();
  });

  it('refuses a peer that is not loopback', () => {
    // A server that listens on loopback cannot be reached from another address in a test; the guard reads
    // only the socket's addresses and the headers, which this request object has.
    const fromLan = {
      socket: { remoteAddress: '192.168.1.20', localPort: 5173 },
      headers: { host: '127.0.0.1:5173' },
    } as unknown as IncomingMessage;
    expect(refusalReason(fromLan, 'local', SECRET)).toBe(
      'the request came from 192.168.1.20, not from this machine: the sandbox server answers loopback clients only',
    );
  });
});
