/// <reference types="node" />
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxServer } from '../../vite/sandbox-server.ts';
import {
  createSandboxServer,
  resolveSandboxOptions,
  SANDBOX_META_NAME,
  sandboxOptionsFromEnv,
  type SandboxServer,
  type SandboxServerOptions,
} from './sandbox-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function listen(server: Server): Promise<number> {
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

interface Running {
  sandbox: SandboxServer;
  port: number;
  /** Paths that reached `next()`. */
  passedOn: string[];
}

/** The sandbox middleware in a real loopback server, with a `next` that answers 299 "next". */
async function startSandbox(options: SandboxServerOptions = {}): Promise<Running> {
  const sandbox = createSandboxServer(options);
  cleanups.push(() => sandbox.close());
  const passedOn: string[] = [];
  const port = await listen(
    createServer((request, response) =>
      sandbox.handle(request, response, () => {
        passedOn.push(request.url ?? '');
        response.statusCode = 299;
        response.end('next');
      }),
    ),
  );
  return { sandbox, port, passedOn };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: () => unknown;
}

/** One raw request: exactly these headers (Host defaults to 127.0.0.1:<port>); paths are sent as given. */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        setHost: false,
        agent: false,
        headers: { Host: `127.0.0.1:${port}`, ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const all = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: all,
            text: all.toString('utf8'),
            json: () => JSON.parse(all.toString('utf8')),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The headers the page sends: its secret, and what a browser adds to a same-origin fetch. */
function pageHeaders(running: Running, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'X-Sandbox-Secret': running.sandbox.secret,
    Origin: `http://127.0.0.1:${running.port}`,
    'Sec-Fetch-Site': 'same-origin',
    ...extra,
  };
}

async function startApp(): Promise<{ origin: string; bodies: string[] }> {
  const bodies: string[] = [];
  const port = await listen(
    createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(200, { 'Content-Type': 'text/xml' });
        response.end(`<Response><Say>${request.headers['x-twilio-signature'] ?? ''}</Say></Response>`);
      });
    }),
  );
  return { origin: `http://127.0.0.1:${port}`, bodies };
}

function metaOf(html: string): unknown {
  const match = new RegExp(`<meta name="${SANDBOX_META_NAME}" content="([^"]*)">`).exec(html);
  if (match?.[1] === undefined) throw new Error('no meta');
  const content = match[1].replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return JSON.parse(content);
}

const SID = 'RE0123456789abcdef0123456789abcdef';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const WAV_PATH = `/2012-04-24/Accounts/${ACCOUNT}/Recordings/${SID}.wav`;
const TW_PATH = `/2010-04-01/Accounts/${ACCOUNT}/Recordings/${SID}`;
const FILE = Buffer.from(Array.from({ length: 100 }, (_, i) => i));

async function putRecording(
  running: Running,
  paths: string[] = [WAV_PATH, TW_PATH],
  body: Buffer = FILE,
): Promise<Answer> {
  return send(
    running.port,
    'PUT',
    `/__sandbox/recordings/${SID}`,
    pageHeaders(running, {
      'Content-Type': 'audio/wav',
      'X-Sandbox-Recording-Paths': JSON.stringify(paths),
    }),
    body,
  );
}

describe('options', () => {
  it('has the defaults of SPEC §8 and a random 64-hex secret', () => {
    const a = createSandboxServer();
    const b = createSandboxServer();
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    expect(a.options).toEqual({
      liveOrigins: [],
      allowRemote: false,
      timeoutMs: 15000,
      maxBodyBytes: 10 * 1024 * 1024,
      maxRecordingBytes: 512 * 1024 * 1024,
    });
    expect(a.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(b.secret).not.toBe(a.secret);
  });

  it('normalises the origins and refuses a bad one by name', () => {
    expect(
      resolveSandboxOptions({ liveOrigins: ['http://LOCALHOST:3000/', 'http://localhost:3000'] }).liveOrigins,
    ).toEqual(['http://localhost:3000']);
    expect(() => createSandboxServer({ liveOrigins: ['http://127.0.0.1:3000/voice'] })).toThrow(
      'live origin "http://127.0.0.1:3000/voice" has a path, query or fragment; give the origin alone (http://127.0.0.1:3000)',
    );
    expect(() => createSandboxServer({ timeoutMs: 0 })).toThrow('timeoutMs 0 is not a positive number');
    expect(() => createSandboxServer({ maxBodyBytes: 1.5 })).toThrow(
      'maxBodyBytes 1.5 is not a positive whole number',
    );
    expect(() => createSandboxServer({ secret: 'short' })).toThrow(
      'secret must be at least 16 visible ASCII characters',
    );
  });

  it('reads RCML_SANDBOX_LIVE, RCML_SANDBOX_ALLOW_REMOTE and RCML_SANDBOX_TIMEOUT_MS', () => {
    expect(
      sandboxOptionsFromEnv({
        RCML_SANDBOX_LIVE: 'http://127.0.0.1:3000, http://localhost:8080\nhttp://[::1]:9000',
        RCML_SANDBOX_ALLOW_REMOTE: '1',
        RCML_SANDBOX_TIMEOUT_MS: '5000',
      }),
    ).toEqual({
      liveOrigins: ['http://127.0.0.1:3000', 'http://localhost:8080', 'http://[::1]:9000'],
      allowRemote: true,
      timeoutMs: 5000,
    });
    expect(sandboxOptionsFromEnv({})).toEqual({});
    expect(() => sandboxOptionsFromEnv({ RCML_SANDBOX_ALLOW_REMOTE: 'yes' })).toThrow(
      'RCML_SANDBOX_ALLOW_REMOTE "yes" is not 1 or 0',
    );
    expect(() => sandboxOptionsFromEnv({ RCML_SANDBOX_TIMEOUT_MS: '15s' })).toThrow(
      'RCML_SANDBOX_TIMEOUT_MS "15s" is not a positive number of milliseconds',
    );
    expect(() => sandboxOptionsFromEnv({ RCML_SANDBOX_LIVE: 'http://127.0.0.1:3000/x' })).toThrow(
      'RCML_SANDBOX_LIVE: live origin "http://127.0.0.1:3000/x" has a path',
    );
  });
});

describe('injectIntoHtml', () => {
  it('puts the settings into <head> as escaped JSON the page can read back', () => {
    const sandbox = createSandboxServer({
      liveOrigins: ['http://127.0.0.1:3000'],
      secret: 'x"<>&\'0123456789abcdef',
    });
    cleanups.push(() => sandbox.close());
    const html = sandbox.injectIntoHtml(
      '<!doctype html>\n<html lang="en"><head><title>t</title></head><body></body></html>',
    );
    expect(html).toMatch(/<head>\n {4}<meta name="rcml-sandbox-server" content="[^"<>]*"><title>/);
    expect(metaOf(html)).toEqual({
      version: 1,
      secret: 'x"<>&\'0123456789abcdef',
      liveOrigins: ['http://127.0.0.1:3000'],
      allowRemote: false,
      timeoutMs: 15000,
    });
  });

  it('replaces a meta that is already there instead of adding a second', () => {
    const sandbox = createSandboxServer();
    cleanups.push(() => sandbox.close());
    const twice = sandbox.injectIntoHtml(sandbox.injectIntoHtml('<html><head></head></html>'));
    expect(twice.match(/rcml-sandbox-server/g)).toHaveLength(1);
  });
});

describe('GET /__sandbox/health', () => {
  it('answers without the secret', async () => {
    const running = await startSandbox();
    const answer = await send(running.port, 'GET', '/__sandbox/health');
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ ok: true, version: 1 });
  });

  it('still refuses a rebinding Host', async () => {
    const running = await startSandbox();
    const answer = await send(running.port, 'GET', '/__sandbox/health', {
      Host: `evil.example:${running.port}`,
    });
    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({
      error: `Host header "evil.example:${running.port}" is not this sandbox (DNS rebinding?): expected 127.0.0.1:${running.port}, localhost:${running.port} or [::1]:${running.port}`,
    });
  });
});

describe('the guard on /__sandbox/*', () => {
  const forwardBody = JSON.stringify({ method: 'GET', url: 'http://127.0.0.1:3000/', body: null });

  it('refuses a missing secret', async () => {
    const running = await startSandbox();
    const headers = pageHeaders(running);
    delete headers['X-Sandbox-Secret'];
    const answer = await send(running.port, 'POST', '/__sandbox/forward', headers, forwardBody);
    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({
      error:
        'the X-Sandbox-Secret header is missing: only the page this server served (which reads the secret from its <meta name="rcml-sandbox-server">) may call it',
    });
  });

  it('refuses a wrong secret', async () => {
    const running = await startSandbox();
    const answer = await send(
      running.port,
      'POST',
      '/__sandbox/forward',
      pageHeaders(running, { 'X-Sandbox-Secret': '0'.repeat(64) }),
      forwardBody,
    );
    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({
      error:
        "the X-Sandbox-Secret header does not match this server's secret (a page left open from an earlier run? reload it)",
    });
  });

  it('refuses a foreign Origin even with the secret', async () => {
    const running = await startSandbox();
    const answer = await send(
      running.port,
      'POST',
      '/__sandbox/forward',
      pageHeaders(running, { Origin: 'http://localhost:3000' }),
      forwardBody,
    );
    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({
      error: `Origin "http://localhost:3000" is not this sandbox (http://127.0.0.1:${running.port}): only the page this server served may call it`,
    });
  });

  it('refuses a rebinding Host even with the secret', async () => {
    const running = await startSandbox();
    const answer = await send(
      running.port,
      'GET',
      '/__sandbox/recordings',
      pageHeaders(running, {
        Host: `evil.example:${running.port}`,
        Origin: `http://evil.example:${running.port}`,
      }),
    );
    expect(answer.status).toBe(403);
    expect((answer.json() as { error: string }).error).toMatch(
      /^Host header "evil\.example:\d+" is not this sandbox \(DNS rebinding\?\)/,
    );
  });

  it('refuses a cross-site fetch', async () => {
    const running = await startSandbox();
    const answer = await send(
      running.port,
      'GET',
      '/__sandbox/recordings',
      pageHeaders(running, { 'Sec-Fetch-Site': 'same-site' }),
    );
    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({
      error: 'Sec-Fetch-Site is "same-site", not "same-origin": only the page this server served may call it',
    });
  });

  it('checks before it says whether an endpoint exists, and drops CORS headers set in front of it', async () => {
    const sandbox = createSandboxServer();
    cleanups.push(() => sandbox.close());
    const port = await listen(
      createServer((request, response) => {
        response.setHeader('Access-Control-Allow-Origin', '*'); // as a CORS middleware in front would
        sandbox.handle(request, response);
      }),
    );
    const refused = await send(port, 'GET', '/__sandbox/nothing');
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const unknown = await send(port, 'GET', '/__sandbox/nothing', { 'X-Sandbox-Secret': sandbox.secret });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ error: 'no sandbox endpoint GET /__sandbox/nothing' });
  });
});

describe('POST /__sandbox/forward', () => {
  it('forwards to a listed origin and answers 200 with the outcome', async () => {
    const app = await startApp();
    const running = await startSandbox({ liveOrigins: [app.origin] });
    const answer = await send(
      running.port,
      'POST',
      '/__sandbox/forward',
      pageHeaders(running, { 'Content-Type': 'application/json' }),
      JSON.stringify({
        method: 'POST',
        url: `${app.origin}/voice`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'sig=' },
        body: 'CallSid=CA1&Digits=%23',
        liveOrigins: [],
        timeoutMs: 15000,
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json()).toMatchObject({
      outcome: 'response',
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<Response><Say>sig=</Say></Response>',
      bodyEncoding: 'utf8',
    });
    expect(app.bodies).toEqual(['CallSid=CA1&Digits=%23']);
  });

  it('answers a refusal (still 200) for an unlisted origin', async () => {
    const running = await startSandbox({ liveOrigins: ['http://127.0.0.1:3000'] });
    const answer = await send(
      running.port,
      'POST',
      '/__sandbox/forward',
      pageHeaders(running),
      JSON.stringify({
        method: 'GET',
        url: 'http://127.0.0.1:3001/voice',
        headers: {},
        body: null,
        liveOrigins: [],
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({
      outcome: 'refused',
      code: 19010,
      reason: 'http://127.0.0.1:3001 is not a live origin (listed: http://127.0.0.1:3000)',
      target: 'http://127.0.0.1:3001/voice',
    });
  });

  it('refuses a body that is not JSON, and one over what the server reads', async () => {
    const running = await startSandbox({ maxBodyBytes: 1000 });
    const notJson = await send(running.port, 'POST', '/__sandbox/forward', pageHeaders(running), '{method');
    expect(notJson.status).toBe(200);
    expect(notJson.json()).toMatchObject({ outcome: 'refused', code: 19010 });
    expect((notJson.json() as { reason: string }).reason).toMatch(/^the forward request is not JSON: /);

    const huge = await send(
      running.port,
      'POST',
      '/__sandbox/forward',
      pageHeaders(running),
      'x'.repeat(70_000),
    );
    expect(huge.status).toBe(200);
    expect(huge.json()).toMatchObject({
      outcome: 'refused',
      reason: 'the forward request is 70000 bytes or more, over the 66 KB the server reads',
    });
  });

  it('answers 405 to another method', async () => {
    const running = await startSandbox();
    const answer = await send(running.port, 'GET', '/__sandbox/forward', pageHeaders(running));
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
  });
});

describe('recordings', () => {
  it('stores a PUT recording and lists it', async () => {
    const running = await startSandbox();
    const put = await putRecording(running);
    expect(put.status).toBe(201);
    expect(put.json()).toEqual({ sid: SID, paths: [WAV_PATH, TW_PATH], bytes: 100 });
    const list = await send(running.port, 'GET', '/__sandbox/recordings', pageHeaders(running));
    expect(list.json()).toEqual([
      { sid: SID, paths: [WAV_PATH, TW_PATH], bytes: 100, contentType: 'audio/wav' },
    ]);
  });

  it('serves it at each path to GET without the secret, as the platform would', async () => {
    const running = await startSandbox();
    await putRecording(running);
    for (const path of [WAV_PATH, TW_PATH, `${WAV_PATH}?Download=true`]) {
      const answer = await send(running.port, 'GET', path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type']).toBe('audio/wav');
      expect(answer.headers['content-length']).toBe('100');
      expect(answer.headers['accept-ranges']).toBe('bytes');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.body.equals(FILE)).toBe(true);
    }
  });

  it('answers HEAD with the headers alone', async () => {
    const running = await startSandbox();
    await putRecording(running);
    const answer = await send(running.port, 'HEAD', WAV_PATH);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe('100');
    expect(answer.body.length).toBe(0);
  });

  it('answers byte ranges with 206 and Content-Range', async () => {
    const running = await startSandbox();
    await putRecording(running);
    const cases: [string, number, number][] = [
      ['bytes=0-9', 0, 9],
      ['bytes=90-', 90, 99],
      ['bytes=-5', 95, 99],
      ['bytes=50-500', 50, 99],
    ];
    for (const [range, start, end] of cases) {
      const answer = await send(running.port, 'GET', WAV_PATH, { Range: range });
      expect(answer.status, range).toBe(206);
      expect(answer.headers['content-range']).toBe(`bytes ${start}-${end}/100`);
      expect(answer.headers['content-length']).toBe(String(end - start + 1));
      expect(answer.body.equals(FILE.subarray(start, end + 1))).toBe(true);
    }
  });

  it('answers an unsatisfiable range with 416, and several ranges with the whole file', async () => {
    const running = await startSandbox();
    await putRecording(running);
    const outside = await send(running.port, 'GET', WAV_PATH, { Range: 'bytes=100-' });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe('bytes */100');
    const several = await send(running.port, 'GET', WAV_PATH, { Range: 'bytes=0-1,5-6' });
    expect(several.status).toBe(200);
    expect(several.body.equals(FILE)).toBe(true);
  });

  it('serves a video recording at its .mp4 RecordingUrl with its real container type and byte ranges', async () => {
    const running = await startSandbox();
    const mp4Path = WAV_PATH.replace(/\.wav$/, '.mp4');
    // A WebM file (EBML magic first) behind RC's .mp4 extension, as Chromium may write it.
    const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(2044, 7)]);
    const put = await send(
      running.port,
      'PUT',
      `/__sandbox/recordings/${SID}`,
      pageHeaders(running, {
        'Content-Type': 'video/webm',
        'X-Sandbox-Recording-Paths': JSON.stringify([mp4Path]),
      }),
      webm,
    );
    expect(put.status).toBe(201);
    const whole = await send(running.port, 'GET', mp4Path);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('video/webm');
    expect(whole.body.equals(webm)).toBe(true);
    // What a <video> asks first (bytes=0-), then a seek further in.
    const first = await send(running.port, 'GET', mp4Path, { Range: 'bytes=0-' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe('bytes 0-2047/2048');
    const seek = await send(running.port, 'GET', mp4Path, { Range: 'bytes=1024-1535' });
    expect(seek.status).toBe(206);
    expect(seek.headers['content-type']).toBe('video/webm');
    expect(seek.headers['content-range']).toBe('bytes 1024-1535/2048');
    expect(seek.body.equals(webm.subarray(1024, 1536))).toBe(true);
    expect((await send(running.port, 'GET', WAV_PATH)).status).toBe(404);
  });

  it('refuses a download with a rebinding Host', async () => {
    const running = await startSandbox();
    await putRecording(running);
    const answer = await send(running.port, 'GET', WAV_PATH, { Host: 'evil.example' });
    expect(answer.status).toBe(403);
    expect(answer.text).toMatch(/^refused: Host header "evil\.example" is not this sandbox/);
  });

  it('says a recording path it does not hold is not (or no longer) held', async () => {
    const running = await startSandbox();
    const path = `/2012-04-24/Accounts/${ACCOUNT}/Recordings/RE${'f'.repeat(32)}.wav`;
    const answer = await send(running.port, 'GET', path);
    expect(answer.status).toBe(404);
    expect(answer.text).toBe(`${path} is not (or no longer) held by this sandbox\n`);
    expect(running.passedOn).toEqual([]);
  });

  it('deletes one recording, then all', async () => {
    const running = await startSandbox();
    await putRecording(running);
    const other = `RE${'a'.repeat(32)}`;
    await send(
      running.port,
      'PUT',
      `/__sandbox/recordings/${other}`,
      pageHeaders(running, {
        'Content-Type': 'video/webm',
        'X-Sandbox-Recording-Paths': JSON.stringify([`/v/${other}.webm`]),
      }),
      'webm',
    );
    expect(
      (await send(running.port, 'DELETE', `/__sandbox/recordings/${SID}`, pageHeaders(running))).status,
    ).toBe(204);
    expect((await send(running.port, 'GET', WAV_PATH)).status).toBe(404);
    expect(
      (await send(running.port, 'DELETE', `/__sandbox/recordings/${SID}`, pageHeaders(running))).status,
    ).toBe(404);
    expect((await send(running.port, 'GET', `/v/${other}.webm`)).text).toBe('webm');
    expect((await send(running.port, 'DELETE', '/__sandbox/recordings', pageHeaders(running))).status).toBe(
      204,
    );
    expect((await send(running.port, 'GET', `/v/${other}.webm`)).status).toBe(299); // passed on: not held now
    expect((await send(running.port, 'GET', '/__sandbox/recordings', pageHeaders(running))).json()).toEqual(
      [],
    );
  });

  it('refuses a bad sid, bad paths and a missing paths header with 400 and why', async () => {
    const running = await startSandbox();
    const put = (sid: string, paths: string | undefined): Promise<Answer> =>
      send(
        running.port,
        'PUT',
        `/__sandbox/recordings/${sid}`,
        pageHeaders(running, paths === undefined ? {} : { 'X-Sandbox-Recording-Paths': paths }),
        'x',
      );
    const cases: [string, string | undefined, string][] = [
      ['RE123', '["/RE123.wav"]', 'recording sid "RE123" is not RE followed by 32 lowercase hex digits'],
      [SID, undefined, 'the X-Sandbox-Recording-Paths header is missing: give the URL paths as a JSON array'],
      [SID, 'not json', 'X-Sandbox-Recording-Paths "not json" is not a JSON array of URL paths'],
      [SID, '[]', 'the recording needs a non-empty array of URL paths'],
      [
        SID,
        JSON.stringify([`/a/../${SID}.wav`]),
        `recording path "/a/../${SID}.wav" has a "." or ".." segment`,
      ],
      [
        SID,
        JSON.stringify([`/a/${SID}.wav?x=1`]),
        `recording path "/a/${SID}.wav?x=1" has a query or fragment`,
      ],
      [SID, JSON.stringify([`a/${SID}.wav`]), `recording path "a/${SID}.wav" does not start with a single /`],
      [
        SID,
        JSON.stringify(['/index.html']),
        `recording path "/index.html" does not end with ${SID} or ${SID}.<extension>`,
      ],
      [SID, JSON.stringify([`/__sandbox/${SID}`]), `recording path "/__sandbox/${SID}" is under /__sandbox/`],
    ];
    for (const [sid, paths, error] of cases) {
      const answer = await put(sid, paths);
      expect(answer.status, error).toBe(400);
      expect(answer.json()).toEqual({ error });
    }
    expect(running.sandbox.recordings.list()).toEqual([]);
  });

  it('needs the secret to store', async () => {
    const running = await startSandbox();
    const answer = await send(running.port, 'PUT', `/__sandbox/recordings/${SID}`, {
      'X-Sandbox-Recording-Paths': JSON.stringify([WAV_PATH]),
    });
    expect(answer.status).toBe(403);
  });

  it('refuses a recording that would pass the total limit with 507', async () => {
    const running = await startSandbox({ maxRecordingBytes: 150 });
    expect((await putRecording(running)).status).toBe(201);
    const second = `RE${'b'.repeat(32)}`;
    const answer = await send(
      running.port,
      'PUT',
      `/__sandbox/recordings/${second}`,
      pageHeaders(running, { 'X-Sandbox-Recording-Paths': JSON.stringify([`/r/${second}.wav`]) }),
      Buffer.alloc(60),
    );
    expect(answer.status).toBe(507);
    expect(answer.json()).toEqual({
      error:
        'the sandbox server holds 100 bytes of recordings and this one (60 bytes or more) would pass its 150 bytes limit: clear the recordings (DELETE /__sandbox/recordings) and try again',
    });
    // Replacing the same recording with a file of the same size fits.
    expect((await putRecording(running)).status).toBe(201);
  });
});

describe('other paths', () => {
  it('go to next()', async () => {
    const running = await startSandbox();
    const answer = await send(running.port, 'GET', '/src/main.tsx?v=1');
    expect(answer.status).toBe(299);
    expect(running.passedOn).toEqual(['/src/main.tsx?v=1']);
  });

  it('get 404 without next()', async () => {
    const sandbox = createSandboxServer();
    cleanups.push(() => sandbox.close());
    const port = await listen(createServer((request, response) => sandbox.handle(request, response)));
    expect((await send(port, 'GET', '/x')).status).toBe(404);
  });
});

describe('the Vite plugin', () => {
  function projectDir(): string {
    const root = mkdtempSync(join(tmpdir(), 'sandbox-vite-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const html =
      '<!doctype html><html><head><title>sandbox</title></head><body><div id="app"></div></body></html>';
    writeFileSync(join(root, 'index.html'), html);
    mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(root, 'dist', 'index.html'), html);
    writeFileSync(join(root, 'dist', 'assets', 'app-1234.js'), 'console.log(1)');
    return root;
  }

  it('answers /__sandbox/* first and puts the meta into the dev page', async () => {
    const { createServer: createViteServer } = await import('vite');
    const root = projectDir();
    const server = await createViteServer({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [sandboxServer({ liveOrigins: ['http://127.0.0.1:3000'] })],
      server: { port: 0, host: '127.0.0.1', strictPort: true, hmr: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    cleanups.push(() => server.close());
    const port = (server.httpServer?.address() as AddressInfo).port;
    const page = await send(port, 'GET', '/', { Accept: 'text/html', Origin: 'http://localhost:3000' });
    expect(page.status).toBe(200);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const meta = metaOf(page.text) as { secret: string; liveOrigins: string[] };
    expect(meta.liveOrigins).toEqual(['http://127.0.0.1:3000']);
    const health = await send(port, 'GET', '/__sandbox/health');
    expect(health.json()).toEqual({ ok: true, version: 1 });
    const list = await send(port, 'GET', '/__sandbox/recordings', { 'X-Sandbox-Secret': meta.secret });
    expect(list.json()).toEqual([]);
  });

  it('serves the built page with the meta in preview, for / and client-side routes', async () => {
    const { preview } = await import('vite');
    const root = projectDir();
    const server = await preview({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [sandboxServer()],
      preview: { port: 0, host: '127.0.0.1', strictPort: true },
    });
    cleanups.push(() => server.close());
    const port = (server.httpServer.address() as AddressInfo).port;
    let secret = '';
    for (const path of ['/', '/index.html', '/calls/1']) {
      const page = await send(port, 'GET', path, { Accept: 'text/html' });
      expect(page.status, path).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      secret = (metaOf(page.text) as { secret: string }).secret;
    }
    const asset = await send(port, 'GET', '/assets/app-1234.js');
    expect(asset.text).toBe('console.log(1)');
    const list = await send(port, 'GET', '/__sandbox/recordings', { 'X-Sandbox-Secret': secret });
    expect(list.status).toBe(200);
  });

  it('says so when preview has no build to serve', async () => {
    const { preview } = await import('vite');
    const root = projectDir();
    rmSync(join(root, 'dist'), { recursive: true });
    await expect(
      preview({
        configFile: false,
        root,
        logLevel: 'silent',
        plugins: [sandboxServer()],
        preview: { port: 0 },
      }),
    ).rejects.toThrow(`no production build at ${join(root, 'dist')}: run npm run build`);
  });

  it('leaves the meta out of a build', async () => {
    const plugin = sandboxServer();
    const hook = plugin.transformIndexHtml as (html: string, context: object) => string;
    expect(hook('<html><head></head></html>', { path: '/index.html', filename: 'index.html' })).toBe(
      '<html><head></head></html>',
    );
  });
});
