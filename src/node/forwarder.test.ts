/// <reference types="node" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createForwarder,
  FORWARD_USER_AGENT,
  parseOrigin,
  type Forwarder,
  type ForwarderOptions,
  type ForwardResult,
} from './forwarder.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

interface App {
  origin: string;
  port: number;
  received: Received[];
  connections: number;
  close(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A developer's app on a free loopback port; `answer` writes the response after the body arrived. */
async function startApp(answer: (request: Received, response: ServerResponse) => void): Promise<App> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      received.push(entry);
      answer(entry, response);
    });
  });
  const app: App = {
    origin: '',
    port: 0,
    received,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server.on('connection', () => (app.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  app.port = (server.address() as AddressInfo).port;
  app.origin = `http://127.0.0.1:${app.port}`;
  cleanups.push(app.close);
  return app;
}

function forwarder(options: Partial<ForwarderOptions> & { liveOrigins: string[] }): Forwarder {
  const created = createForwarder({
    allowRemote: false,
    timeoutMs: 15_000,
    maxBodyBytes: 10 * 1024 * 1024,
    ...options,
  });
  cleanups.push(() => created.close());
  return created;
}

/** A port nothing listens on (listened on, then closed). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectRefused(result: ForwardResult, reason: string): void {
  expect(result).toMatchObject({ outcome: 'refused', code: 19010, reason });
  expect(typeof result.durationMs).toBe('number');
}

const FORM = 'CallSid=CA0123456789abcdef0123456789abcdef&From=%2B15551230000&SpeechResult=caf%C3%A9+%26+tea';

describe('forwarding to a live app', () => {
  it('delivers a POST form body byte-exact with its headers and returns the app answer', async () => {
    const app = await startApp((_request, response) => {
      response.writeHead(201, 'Made It', { 'Content-Type': 'text/xml', 'X-App': 'yes' });
      response.end('<Response><Say>héllo</Say></Response>');
    });
    const result = await forwarder({ liveOrigins: [app.origin] }).forward({
      method: 'POST',
      url: `${app.origin}/voice?x=1`,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': 'q7cXi3f8aBc+/xyz=',
        Cookie: 'session=page',
        Origin: 'http://127.0.0.1:5173',
        Referer: 'http://127.0.0.1:5173/',
        Connection: 'close',
        'Content-Length': '3',
      },
      body: FORM,
      liveOrigins: [],
    });

    const [seen] = app.received;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/voice?x=1');
    expect(seen?.body.equals(Buffer.from(FORM, 'utf8'))).toBe(true);
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen?.headers['x-twilio-signature']).toBe('q7cXi3f8aBc+/xyz=');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(FORM)));
    expect(seen?.headers['user-agent']).toBe(FORWARD_USER_AGENT);
    expect(seen?.headers.host).toBe(`127.0.0.1:${app.port}`);
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers.origin).toBeUndefined();
    expect(seen?.headers.referer).toBeUndefined();

    expect(result).toMatchObject({
      outcome: 'response',
      target: `${app.origin}/voice?x=1`,
      address: `127.0.0.1:${app.port}`,
      status: 201,
      statusText: 'Made It',
      body: '<Response><Say>héllo</Say></Response>',
      bodyEncoding: 'utf8',
    });
    if (result.outcome !== 'response') throw new Error('no response');
    expect(result.headers['content-type']).toBe('text/xml');
    expect(result.headers['x-app']).toBe('yes');
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('sends a GET with its query and no body, and keeps a User-Agent the page gives', async () => {
    const app = await startApp((_request, response) => response.end('<Response/>'));
    const result = await forwarder({ liveOrigins: [] }).forward({
      method: 'GET',
      url: `${app.origin}/gather?Digits=12%23&CallStatus=in-progress`,
      headers: { 'User-Agent': 'TwilioProxy/1.1' },
      body: null,
      liveOrigins: [app.origin],
    });
    expect(result).toMatchObject({ outcome: 'response', status: 200, body: '<Response/>' });
    expect(app.received[0]?.url).toBe('/gather?Digits=12%23&CallStatus=in-progress');
    expect(app.received[0]?.headers['content-length']).toBeUndefined();
    expect(app.received[0]?.body.length).toBe(0);
    expect(app.received[0]?.headers['user-agent']).toBe('TwilioProxy/1.1');
  });

  it('returns a binary body as base64 of its exact bytes', async () => {
    const bytes = Buffer.from([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0a]);
    const app = await startApp((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'audio/wav' });
      response.end(bytes);
    });
    const result = await forwarder({ liveOrigins: [app.origin] }).forward({
      method: 'GET',
      url: `${app.origin}/beep.wav`,
      headers: {},
      body: null,
    });
    expect(result).toMatchObject({ outcome: 'response', bodyEncoding: 'base64' });
    if (result.outcome !== 'response') throw new Error('no response');
    expect(Buffer.from(result.body, 'base64').equals(bytes)).toBe(true);
  });

  it('returns text that is not UTF-8 as base64 too, so no byte is lost', async () => {
    const latin1 = Buffer.from('<Say>caf\xe9</Say>', 'latin1');
    const app = await startApp((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/xml' });
      response.end(latin1);
    });
    const result = await forwarder({ liveOrigins: [app.origin] }).forward({
      method: 'GET',
      url: `${app.origin}/`,
      body: null,
    });
    expect(result).toMatchObject({
      outcome: 'response',
      bodyEncoding: 'base64',
      body: latin1.toString('base64'),
    });
  });

  it('keeps the connection to the app alive between requests', async () => {
    const app = await startApp((_request, response) => response.end('<Response/>'));
    const live = forwarder({ liveOrigins: [app.origin] });
    for (let i = 0; i < 3; i += 1) {
      const result = await live.forward({
        method: 'POST',
        url: `${app.origin}/voice`,
        headers: {},
        body: 'a=1',
      });
      expect(result.outcome).toBe('response');
    }
    expect(app.received).toHaveLength(3);
    expect(app.connections).toBe(1);
  });

  it('sends the credentials of a URL as Basic authentication and shows the URL without them', async () => {
    const app = await startApp((_request, response) => response.end('<Response/>'));
    const result = await forwarder({ liveOrigins: [app.origin] }).forward({
      method: 'POST',
      url: `http://user:p%40ss@127.0.0.1:${app.port}/voice`,
      headers: {},
      body: '',
    });
    expect(result).toMatchObject({ outcome: 'response', target: `${app.origin}/voice` });
    expect(app.received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('user:p@ss').toString('base64')}`,
    );
    expect(app.received[0]?.headers['content-length']).toBe('0');
  });

  it('connects to the address it checked, whatever the name resolves to later (pinned lookup)', async () => {
    const app = await startApp((_request, response) => response.end('<Response/>'));
    const asked: string[] = [];
    const live = forwarder({
      liveOrigins: [`http://voice.test:${app.port}`],
      resolveHost: async (hostname) => {
        asked.push(hostname);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    const result = await live.forward({ method: 'GET', url: `http://voice.test:${app.port}/a`, body: null });
    expect(result).toMatchObject({ outcome: 'response', address: `127.0.0.1:${app.port}` });
    expect(asked).toEqual(['voice.test']);
    expect(app.received[0]?.headers.host).toBe(`voice.test:${app.port}`);
  });
});

describe('a name with several loopback addresses', () => {
  const dual: ForwarderOptions['resolveHost'] = async () => [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ];

  it('tries each checked address in turn (the app listens on 127.0.0.1 only)', async () => {
    const app = await startApp((_request, response) => response.end('<Response/>'));
    const origin = `http://dual.test:${app.port}`;
    const result = await forwarder({ liveOrigins: [origin], resolveHost: dual }).forward({
      method: 'GET',
      url: `${origin}/`,
      body: null,
    });
    expect(result).toMatchObject({ outcome: 'response', address: `127.0.0.1:${app.port}` });
  });

  it('names every address it tried when none answers', async () => {
    const port = await freePort();
    const origin = `http://dual.test:${port}`;
    const result = await forwarder({ liveOrigins: [origin], resolveHost: dual }).forward({
      method: 'GET',
      url: `${origin}/`,
      body: null,
    });
    expectRefused(
      result,
      `nothing is listening at dual.test:${port} (tried [::1]:${port}, 127.0.0.1:${port}) (ECONNREFUSED): is your app running?`,
    );
  });
});

describe('what the forwarder refuses (19010)', () => {
  it('a URL whose origin is not listed', async () => {
    const result = await forwarder({ liveOrigins: ['http://127.0.0.1:3000'] }).forward({
      method: 'GET',
      url: 'http://127.0.0.1:4000/voice',
      body: null,
      liveOrigins: ['http://localhost:3000'],
    });
    expectRefused(
      result,
      'http://127.0.0.1:4000 is not a live origin (listed: http://127.0.0.1:3000, http://localhost:3000)',
    );
    expect(result.target).toBe('http://127.0.0.1:4000/voice');
  });

  it('any URL when no origin is listed', async () => {
    const result = await forwarder({ liveOrigins: [] }).forward({
      method: 'GET',
      url: 'http://127.0.0.1:3000/',
      body: null,
    });
    expectRefused(result, 'http://127.0.0.1:3000 is not a live origin (none are listed)');
  });

  it('a page list entry that is not an origin', async () => {
    const result = await forwarder({ liveOrigins: [] }).forward({
      method: 'GET',
      url: 'http://127.0.0.1:3000/',
      body: null,
      liveOrigins: ['http://127.0.0.1:3000/voice'],
    });
    expectRefused(
      result,
      'liveOrigins: live origin "http://127.0.0.1:3000/voice" has a path, query or fragment; give the origin alone (http://127.0.0.1:3000)',
    );
  });

  it('a URL that does not parse, and one that is not http(s)', async () => {
    const live = forwarder({ liveOrigins: [] });
    expectRefused(
      await live.forward({ method: 'GET', url: 'not a url', body: null }),
      'the URL "not a url" does not parse',
    );
    expectRefused(
      await live.forward({ method: 'GET', url: 'ftp://127.0.0.1/x', body: null, liveOrigins: [] }),
      'the URL "ftp://127.0.0.1/x" is not http or https (ftp:)',
    );
  });

  it('a method other than GET or POST, and a request that is not an object', async () => {
    const live = forwarder({ liveOrigins: [] });
    expectRefused(
      await live.forward({ method: 'PUT', url: 'http://127.0.0.1:3000/' }),
      'method "PUT" is not "GET" or "POST"',
    );
    expectRefused(await live.forward([1]), 'the forward request is not a JSON object');
  });

  it('a remote IP address without allowRemote (TEST-NET 192.0.2.1)', async () => {
    const result = await forwarder({ liveOrigins: ['http://192.0.2.1'] }).forward({
      method: 'GET',
      url: 'http://192.0.2.1:80/voice',
      body: null,
    });
    expectRefused(
      result,
      '192.0.2.1 is not a loopback address: live servers must run on this machine unless the sandbox server is started with --allow-remote',
    );
  });

  it('a name that resolves to a remote address, even when another of its addresses is loopback', async () => {
    const live = forwarder({
      liveOrigins: ['http://app.test:3000'],
      resolveHost: async () => [
        { address: '127.0.0.1', family: 4 },
        { address: '203.0.113.9', family: 4 },
      ],
    });
    const result = await live.forward({ method: 'GET', url: 'http://app.test:3000/voice', body: null });
    expectRefused(
      result,
      'app.test resolves to 203.0.113.9, which is not a loopback address: live servers must run on this machine unless the sandbox server is started with --allow-remote',
    );
  });

  it('a host name that does not resolve', async () => {
    const live = forwarder({
      liveOrigins: ['http://nowhere.test:3000'],
      resolveHost: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
      },
    });
    const result = await live.forward({ method: 'GET', url: 'http://nowhere.test:3000/', body: null });
    expectRefused(result, 'host not found: nowhere.test (ENOTFOUND)');
  });

  it('a request body over the limit', async () => {
    const app = await startApp((_request, response) => response.end('<Response/>'));
    const result = await forwarder({ liveOrigins: [app.origin], maxBodyBytes: 1000 }).forward({
      method: 'POST',
      url: `${app.origin}/voice`,
      headers: {},
      body: 'x'.repeat(1001),
    });
    expectRefused(result, 'the request body is 1001 bytes, over the 1000 bytes limit');
    expect(app.received).toHaveLength(0);
  });

  it('a header that cannot be sent', async () => {
    const app = await startApp((_request, response) => response.end('<Response/>'));
    const result = await forwarder({ liveOrigins: [app.origin] }).forward({
      method: 'GET',
      url: `${app.origin}/`,
      headers: { 'X-Bad': 'a\r\nInjected: yes' },
      body: null,
    });
    expect(result.outcome).toBe('refused');
    if (result.outcome !== 'refused') throw new Error('not refused');
    expect(result.reason).toMatch(/^header "X-Bad" cannot be sent: /);
    expect(app.received).toHaveLength(0);
  });

  it('a redirect from the app (not followed)', async () => {
    const app = await startApp((request, response) => {
      response.writeHead(302, { Location: '/login' });
      response.end();
    });
    const result = await forwarder({ liveOrigins: [app.origin] }).forward({
      method: 'POST',
      url: `${app.origin}/voice`,
      headers: {},
      body: 'a=1',
    });
    expectRefused(result, 'the app answered 302 redirecting to /login; the sandbox follows no redirects');
    expect(app.received.map((r) => r.url)).toEqual(['/voice']);
  });

  it('a response body over the limit, declared by Content-Length', async () => {
    const app = await startApp((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': '2048' });
      response.end('x'.repeat(2048));
    });
    const result = await forwarder({ liveOrigins: [app.origin], maxBodyBytes: 1024 }).forward({
      method: 'GET',
      url: `${app.origin}/big`,
      body: null,
    });
    expectRefused(result, "the app's response body is 2048 bytes (Content-Length), over the 1 KB limit");
  });

  it('a response body over the limit, streamed without a length (the download is stopped)', async () => {
    let stoppedEarly = false;
    const app = await startApp((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'audio/wav' });
      let sent = 0;
      const pump = (): void => {
        if (response.destroyed || sent > 1024 * 1024) {
          stoppedEarly = response.destroyed;
          response.end();
          return;
        }
        sent += 4096;
        response.write(Buffer.alloc(4096), () => setImmediate(pump));
      };
      response.on('close', () => (stoppedEarly = sent <= 1024 * 1024));
      pump();
    });
    const result = await forwarder({ liveOrigins: [app.origin], maxBodyBytes: 10_000 }).forward({
      method: 'GET',
      url: `${app.origin}/stream`,
      body: null,
    });
    expectRefused(result, "the app's response body passed the 9.8 KB limit; the download was stopped");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stoppedEarly).toBe(true);
  });

  it('a port nothing listens on', async () => {
    const port = await freePort();
    const result = await forwarder({ liveOrigins: [`http://127.0.0.1:${port}`] }).forward({
      method: 'POST',
      url: `http://127.0.0.1:${port}/voice`,
      headers: {},
      body: 'a=1',
    });
    expectRefused(result, `nothing is listening at 127.0.0.1:${port} (ECONNREFUSED): is your app running?`);
  });
});

describe('what fails as an HTTP retrieval failure (11200)', () => {
  it('an app that never answers, after timeoutMs (the page asks for less than the server allows)', async () => {
    const app = await startApp(() => {
      // never answers
    });
    const result = await forwarder({ liveOrigins: [app.origin], timeoutMs: 5000 }).forward({
      method: 'POST',
      url: `${app.origin}/slow`,
      headers: {},
      body: 'a=1',
      timeoutMs: 150,
    });
    expect(result).toMatchObject({ outcome: 'failed', code: 11200, reason: 'no response within 0.15 s' });
  });

  it('caps the page timeout at the server one', async () => {
    const app = await startApp(() => {
      // never answers
    });
    const result = await forwarder({ liveOrigins: [app.origin], timeoutMs: 120 }).forward({
      method: 'GET',
      url: `${app.origin}/slow`,
      body: null,
      timeoutMs: 60_000,
    });
    expect(result).toMatchObject({ outcome: 'failed', code: 11200, reason: 'no response within 0.12 s' });
  });

  it('a connection the app resets', async () => {
    const app = await startApp((request, response) => response.socket?.destroy());
    const result = await forwarder({ liveOrigins: [app.origin] }).forward({
      method: 'POST',
      url: `${app.origin}/voice`,
      headers: {},
      body: 'a=1',
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      code: 11200,
      reason: `the connection to 127.0.0.1:${app.port} was reset (ECONNRESET) before the app answered`,
    });
  });
});

describe('parseOrigin', () => {
  it('normalises an origin and accepts a trailing slash', () => {
    expect(parseOrigin('HTTP://LocalHost:3000/')).toBe('http://localhost:3000');
    expect(parseOrigin('https://app.example:443')).toBe('https://app.example');
  });

  it('says what is wrong with a value that is not an origin', () => {
    expect(parseOrigin('127.0.0.1:3000')).toEqual(
      new Error('live origin "127.0.0.1:3000" is not a URL (write it as http://127.0.0.1:3000)'),
    );
    expect(parseOrigin('localhost:3000')).toEqual(
      new Error('live origin "localhost:3000" is not http or https (write it as http://localhost:3000)'),
    );
    expect(parseOrigin('ws://127.0.0.1:3000')).toEqual(
      new Error('live origin "ws://127.0.0.1:3000" is not http or https'),
    );
    expect(parseOrigin('a b')).toEqual(
      new Error('live origin "a b" is not a URL (write it as http://127.0.0.1:3000)'),
    );
    expect(parseOrigin('http://a:b@127.0.0.1:3000')).toEqual(
      new Error('live origin "http://a:b@127.0.0.1:3000" has credentials; give the origin alone'),
    );
    expect(parseOrigin('http://127.0.0.1:3000/?x')).toEqual(
      new Error(
        'live origin "http://127.0.0.1:3000/?x" has a path, query or fragment; give the origin alone (http://127.0.0.1:3000)',
      ),
    );
  });
});
