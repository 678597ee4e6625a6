/**
 * The sandbox's own HTTP server side (SPEC §8): it forwards the call's requests to the developer's app
 * (a browser cannot send them: CORS), holds recordings for the app to download, and is not an open proxy.
 * The same middleware runs in the Vite dev server, the Vite preview server and `rcml-sandbox serve`.
 *
 * Protocol, version 1:
 *
 * The page learns the settings from its HTML: `<meta name="rcml-sandbox-server" content="…">` in `<head>`,
 * whose content is JSON `{ "version": 1, "secret": "<64 hex>", "liveOrigins": [...], "allowRemote": false,
 * "timeoutMs": 15000 }` (HTML-attribute-escaped; read it with `JSON.parse(meta.content)`). No meta: no
 * server (a static host), so live origins cannot be used.
 *
 * Guard. Every `/__sandbox/*` endpoint except health answers only when all of these hold, else 403 JSON
 * `{ "error": "<exactly why>" }`:
 * - the peer address is loopback (127.0.0.0/8, ::1, ::ffff:127.x);
 * - `Host` is `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>`, `<port>` being the port the request
 *   arrived on (anything else is refused: DNS rebinding);
 * - `Origin`, if sent, is `http://` + that Host (`https://` on a TLS connection);
 * - `Sec-Fetch-Site`, if sent, is `same-origin`;
 * - `X-Sandbox-Secret` is the secret (compared in constant time).
 * `GET /__sandbox/health` and recording downloads need only the first two.
 *
 * Endpoints:
 * - `GET /__sandbox/health` → 200 `{ "ok": true, "version": 1 }`.
 * - `POST /__sandbox/forward`, body JSON `{ "method": "GET" | "POST", "url", "headers": { name: value },
 *   "body": string | null, "liveOrigins": [origin…], "timeoutMs"? }` → always 200 JSON, one of
 *   `{ "outcome": "response", "target", "address", "status", "statusText", "headers" (lower-case names),
 *   "body", "bodyEncoding": "utf8" | "base64", "durationMs" }`,
 *   `{ "outcome": "refused", "code": 19010, "reason", "target", "durationMs" }` (not a listed origin, not
 *   loopback without allowRemote, a body over the limit, a redirect, nothing listening, host not found, a
 *   malformed request) or
 *   `{ "outcome": "failed", "code": 11200, "reason", "target", "durationMs" }` (timeout, reset, other
 *   network errors). Details in forwarder.ts. The server reads at most 2 × maxBodyBytes + 64 KB of this
 *   JSON (room for escapes); a larger one is refused, still with 200.
 * - `PUT /__sandbox/recordings/<RE + 32 hex>`, body the file, its `Content-Type` kept, header
 *   `X-Sandbox-Recording-Paths: ["/2012-04-24/Accounts/AC…/Recordings/RE….wav", …]` → 201
 *   `{ "sid", "paths", "bytes" }`; 400 for a bad sid, path or header; 507 when the store is full. Each
 *   path starts with a single `/`, has no query, fragment, `.` or `..` segment, is not under
 *   `/__sandbox/`, and ends with the sid or the sid plus an extension (`RE….wav`); at most 8 paths.
 *   Storing the same sid again replaces it.
 * - `GET /__sandbox/recordings` → 200 `[{ "sid", "paths", "bytes", "contentType" }…]`.
 * - `DELETE /__sandbox/recordings` → 204; `DELETE /__sandbox/recordings/<sid>` → 204, or 404.
 * - Downloads, at every stored path: `GET`/`HEAD` → 200 with `Content-Type`, `Content-Length`,
 *   `Accept-Ranges: bytes`, `Cache-Control: no-store`; one `Range: bytes=a-b | a- | -n` → 206 with
 *   `Content-Range`; unsatisfiable → 416 with `Content-Range: bytes *\/<size>`; several ranges (or `If-Range`)
 *   → the whole file, 200. The query is ignored (`?Download=true`). A path under `/YYYY-MM-DD/Accounts/`
 *   that is not held → 404 (text). Other methods → 405.
 * - Anything else goes to `next()` (in Vite) or 404.
 * All paths are at the server's root, whatever Vite's `base`.
 */
/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createForwarder,
  formatBytes,
  LIVE_REFUSED_CODE,
  parseOrigin,
  type ForwardRefusal,
  type ResolveHost,
} from './forwarder.ts';
import {
  DEFAULT_MAX_RECORDING_BYTES,
  RecordingCapacityError,
  RecordingStore,
  resolveByteRange,
  sidError,
} from './recording-store.ts';
import { refusalReason, type GuardLevel } from './request-guard.ts';

/** The version of the protocol above (in the meta and the health answer). */
export const SANDBOX_PROTOCOL_VERSION = 1;
/** The `name` of the meta element that carries the page's settings. */
export const SANDBOX_META_NAME = 'rcml-sandbox-server';
/** The platform's HTTP timeout (SPEC §8). */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** The largest request or response body forwarded (SPEC §8: 10 MB). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The header that lists the URL paths a PUT recording is served at. */
export const RECORDING_PATHS_HEADER = 'x-sandbox-recording-paths';

export interface SandboxServerOptions {
  /** Origins always forwarded to (the page may add its own); `http://127.0.0.1:3000`. */
  liveOrigins?: string[];
  /** Forward to non-loopback hosts too (`--allow-remote`). The server itself still answers loopback only. */
  allowRemote?: boolean;
  /** The longest a forwarded request may take (default 15000). */
  timeoutMs?: number;
  /** The largest forwarded request or response body (default 10 MB). */
  maxBodyBytes?: number;
  /** The secret the page must send (default: 32 random bytes, hex). */
  secret?: string;
  /** Total bytes of recordings held (default 512 MB). */
  maxRecordingBytes?: number;
  /** Host name resolution for forwarded requests (default `dns.lookup`, all addresses); for tests. */
  resolveHost?: ResolveHost;
}

export interface ResolvedSandboxOptions {
  liveOrigins: string[];
  allowRemote: boolean;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRecordingBytes: number;
}

export type Next = (error?: unknown) => void;

export interface SandboxServer {
  readonly secret: string;
  readonly options: ResolvedSandboxOptions;
  /** Connect-style middleware; without `next`, requests it does not serve get 404. */
  handle(request: IncomingMessage, response: ServerResponse, next?: Next): void;
  /** The page's HTML with the server's meta in `<head>` (an earlier one is replaced). */
  injectIntoHtml(html: string): string;
  readonly recordings: RecordingStore;
  /** Drops kept-alive connections to the apps and the recordings. */
  close(): void;
}

function positiveNumber(name: string, value: unknown, integer: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new Error(`${name} ${JSON.stringify(value)} is not a positive ${integer ? 'whole ' : ''}number`);
  }
  return value;
}

/** The options with their defaults, checked; throws an Error naming the bad value. */
export function resolveSandboxOptions(options: SandboxServerOptions = {}): ResolvedSandboxOptions {
  const liveOrigins: string[] = [];
  if (options.liveOrigins !== undefined) {
    if (!Array.isArray(options.liveOrigins)) throw new Error('liveOrigins is not an array of origins');
    for (const value of options.liveOrigins) {
      const origin = parseOrigin(value);
      if (origin instanceof Error) throw origin;
      if (!liveOrigins.includes(origin)) liveOrigins.push(origin);
    }
  }
  if (options.allowRemote !== undefined && typeof options.allowRemote !== 'boolean') {
    throw new Error(`allowRemote ${JSON.stringify(options.allowRemote)} is not true or false`);
  }
  return {
    liveOrigins,
    allowRemote: options.allowRemote ?? false,
    timeoutMs: positiveNumber('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, false),
    maxBodyBytes: positiveNumber('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, true),
    maxRecordingBytes: positiveNumber(
      'maxRecordingBytes',
      options.maxRecordingBytes ?? DEFAULT_MAX_RECORDING_BYTES,
      true,
    ),
  };
}

/**
 * Options from the environment: `RCML_SANDBOX_LIVE` (origins separated by commas or blanks),
 * `RCML_SANDBOX_ALLOW_REMOTE` (`1`/`true`, or `0`/`false`/empty), `RCML_SANDBOX_TIMEOUT_MS`. Throws an
 * Error naming the variable and its value when one cannot be read.
 */
export function sandboxOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): SandboxServerOptions {
  const options: SandboxServerOptions = {};
  const live = env.RCML_SANDBOX_LIVE;
  if (live !== undefined && live.trim() !== '') {
    options.liveOrigins = live.split(/[\s,]+/).filter((entry) => entry !== '');
    for (const value of options.liveOrigins) {
      const origin = parseOrigin(value);
      if (origin instanceof Error) throw new Error(`RCML_SANDBOX_LIVE: ${origin.message}`);
    }
  }
  const remote = env.RCML_SANDBOX_ALLOW_REMOTE;
  if (remote !== undefined) {
    const value = remote.trim().toLowerCase();
    if (value === '1' || value === 'true') options.allowRemote = true;
    else if (value === '' || value === '0' || value === 'false') options.allowRemote = false;
    else throw new Error(`RCML_SANDBOX_ALLOW_REMOTE ${JSON.stringify(remote)} is not 1 or 0`);
  }
  const timeout = env.RCML_SANDBOX_TIMEOUT_MS;
  if (timeout !== undefined && timeout.trim() !== '') {
    const value = Number(timeout);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(
        `RCML_SANDBOX_TIMEOUT_MS ${JSON.stringify(timeout)} is not a positive number of milliseconds`,
      );
    }
    options.timeoutMs = value;
  }
  return options;
}

/** Escapes text for a double-quoted HTML attribute. */
function escapeAttribute(text: string): string {
  return text.replace(/[&"'<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  // A string, not a Buffer: Node then writes head and body in one piece.
  const body = JSON.stringify(value);
  response.statusCode = status;
  for (const [name, headerValue] of Object.entries(headers)) response.setHeader(name, headerValue);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', String(Buffer.byteLength(body, 'utf8')));
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.end(body);
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', String(body.length));
  response.setHeader('Cache-Control', 'no-store');
  response.end(body);
}

type BodyRead = { ok: true; bytes: Buffer } | { ok: false; bytes: number };

/** Reads a request body of at most `limit` bytes; stops keeping it (and says how far it got) past that. */
function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ ok: false, bytes: declared });
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        request.off('data', onData);
        request.off('end', onEnd);
        resolve({ ok: false, bytes: received });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve({ ok: true, bytes: Buffer.concat(chunks, received) });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', reject);
  });
}

const ACCOUNTS_PATH = /^\/\d{4}-\d{2}-\d{2}\/Accounts\//;

export function createSandboxServer(options: SandboxServerOptions = {}): SandboxServer {
  const resolved = resolveSandboxOptions(options);
  const secret = options.secret ?? randomBytes(32).toString('hex');
  if (typeof secret !== 'string' || !/^[\x21-\x7e]{16,}$/.test(secret)) {
    throw new Error('secret must be at least 16 visible ASCII characters (it is sent as a header)');
  }
  const recordings = new RecordingStore({ maxTotalBytes: resolved.maxRecordingBytes });
  const forwarder = createForwarder({
    liveOrigins: resolved.liveOrigins,
    allowRemote: resolved.allowRemote,
    timeoutMs: resolved.timeoutMs,
    maxBodyBytes: resolved.maxBodyBytes,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  });
  const meta = JSON.stringify({
    version: SANDBOX_PROTOCOL_VERSION,
    secret,
    liveOrigins: resolved.liveOrigins,
    allowRemote: resolved.allowRemote,
    timeoutMs: resolved.timeoutMs,
  });
  const metaTag = `<meta name="${SANDBOX_META_NAME}" content="${escapeAttribute(meta)}">`;
  // The JSON envelope of a forwarded body: its escapes can lengthen the text (quotes, control characters).
  const forwardEnvelopeLimit = resolved.maxBodyBytes * 2 + 64 * 1024;

  function injectIntoHtml(html: string): string {
    const withoutOld = html.replace(
      new RegExp(`<meta\\s+name=["']?${SANDBOX_META_NAME}["']?[^>]*>\\s*`, 'gi'),
      '',
    );
    const head = /<head(?:\s[^>]*)?>/i.exec(withoutOld) ?? /<html(?:\s[^>]*)?>/i.exec(withoutOld);
    if (head === null) return metaTag + withoutOld;
    const at = head.index + head[0].length;
    return `${withoutOld.slice(0, at)}\n    ${metaTag}${withoutOld.slice(at)}`;
  }

  function guard(
    request: IncomingMessage,
    response: ServerResponse,
    level: GuardLevel,
    asJson: boolean,
  ): boolean {
    const reason = refusalReason(request, level, secret);
    if (reason === null) return true;
    if (asJson) sendJson(response, 403, { error: reason });
    else sendText(response, 403, `refused: ${reason}`);
    return false;
  }

  async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = (reason: string): ForwardRefusal => ({
      outcome: 'refused',
      code: LIVE_REFUSED_CODE,
      reason,
      target: '',
      durationMs: 0,
    });
    const read = await readBody(request, forwardEnvelopeLimit);
    if (!read.ok) {
      sendJson(
        response,
        200,
        refusal(
          `the forward request is ${read.bytes} bytes or more, over the ${formatBytes(forwardEnvelopeLimit)} the server reads`,
        ),
        { Connection: 'close' },
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.bytes.toString('utf8'));
    } catch (error) {
      sendJson(response, 200, refusal(`the forward request is not JSON: ${(error as Error).message}`));
      return;
    }
    sendJson(response, 200, await forwarder.forward(parsed));
  }

  async function putRecording(
    request: IncomingMessage,
    response: ServerResponse,
    sid: string,
  ): Promise<void> {
    const badSid = sidError(sid);
    if (badSid !== null) return sendJson(response, 400, { error: badSid });
    const header = request.headers[RECORDING_PATHS_HEADER];
    if (typeof header !== 'string') {
      return sendJson(response, 400, {
        error: 'the X-Sandbox-Recording-Paths header is missing: give the URL paths as a JSON array',
      });
    }
    let paths: unknown;
    try {
      paths = JSON.parse(header);
    } catch {
      return sendJson(response, 400, {
        error: `X-Sandbox-Recording-Paths ${JSON.stringify(header)} is not a JSON array of URL paths`,
      });
    }
    const contentType = request.headers['content-type'] ?? 'application/octet-stream';
    const invalid = RecordingStore.validate(sid, paths, contentType);
    if (invalid !== null) return sendJson(response, 400, { error: invalid });
    const room = recordings.roomFor(sid);
    const read = await readBody(request, room);
    if (!read.ok) {
      return sendJson(
        response,
        507,
        { error: recordings.capacityMessage(`${read.bytes} bytes or more`) },
        {
          Connection: 'close',
        },
      );
    }
    try {
      const stored = recordings.put(sid, paths as string[], contentType, read.bytes);
      sendJson(response, 201, { sid, paths: stored.paths, bytes: stored.bytes.length });
    } catch (error) {
      if (error instanceof RecordingCapacityError) sendJson(response, 507, { error: error.message });
      else sendJson(response, 400, { error: (error as Error).message });
    }
  }

  async function api(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const method = request.method ?? 'GET';
    if (path === '/__sandbox/health') {
      if (!guard(request, response, 'local', true)) return;
      if (method !== 'GET' && method !== 'HEAD') {
        return sendJson(
          response,
          405,
          { error: `${method} /__sandbox/health: use GET` },
          { Allow: 'GET, HEAD' },
        );
      }
      return sendJson(response, 200, { ok: true, version: SANDBOX_PROTOCOL_VERSION });
    }
    if (!guard(request, response, 'page', true)) return;
    if (path === '/__sandbox/forward') {
      if (method !== 'POST') {
        return sendJson(
          response,
          405,
          { error: `${method} /__sandbox/forward: use POST` },
          { Allow: 'POST' },
        );
      }
      return forward(request, response);
    }
    if (path === '/__sandbox/recordings') {
      if (method === 'GET') return sendJson(response, 200, recordings.list());
      if (method === 'DELETE') {
        recordings.clear();
        response.statusCode = 204;
        response.end();
        return;
      }
      return sendJson(
        response,
        405,
        { error: `${method} /__sandbox/recordings: use GET or DELETE` },
        {
          Allow: 'GET, DELETE',
        },
      );
    }
    const one = /^\/__sandbox\/recordings\/([^/]*)$/.exec(path);
    if (one !== null) {
      const sid = one[1] ?? '';
      if (method === 'PUT') return putRecording(request, response, sid);
      if (method === 'DELETE') {
        const badSid = sidError(sid);
        if (badSid !== null) return sendJson(response, 400, { error: badSid });
        if (!recordings.delete(sid))
          return sendJson(response, 404, { error: `recording ${sid} is not held` });
        response.statusCode = 204;
        response.end();
        return;
      }
      return sendJson(
        response,
        405,
        { error: `${method} ${path}: use PUT or DELETE` },
        { Allow: 'PUT, DELETE' },
      );
    }
    sendJson(response, 404, { error: `no sandbox endpoint ${method} ${path}` });
  }

  function download(request: IncomingMessage, response: ServerResponse, path: string): void {
    const method = request.method ?? 'GET';
    const recording = recordings.getByPath(path);
    if (recording === undefined) {
      sendText(response, 404, `${path} is not (or no longer) held by this sandbox`);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(response, 405, `${method} ${path}: recordings answer GET and HEAD`, { Allow: 'GET, HEAD' });
      return;
    }
    const size = recording.bytes.length;
    const rangeHeader = request.headers['if-range'] === undefined ? request.headers.range : undefined;
    const range = resolveByteRange(rangeHeader, size);
    response.setHeader('Accept-Ranges', 'bytes');
    response.setHeader('Cache-Control', 'no-store');
    if (range.kind === 'unsatisfiable') {
      response.setHeader('Content-Range', `bytes */${size}`);
      sendText(
        response,
        416,
        `the range ${rangeHeader ?? ''} is outside the ${size} bytes of ${recording.sid}`,
      );
      return;
    }
    response.setHeader('Content-Type', recording.contentType);
    let body = recording.bytes;
    if (range.kind === 'part') {
      response.statusCode = 206;
      response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      body = recording.bytes.subarray(range.start, range.end + 1);
    } else {
      response.statusCode = 200;
    }
    response.setHeader('Content-Length', String(body.length));
    response.end(method === 'HEAD' ? undefined : body);
  }

  function handle(request: IncomingMessage, response: ServerResponse, next?: Next): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const fail = (error: unknown): void => {
      if (!response.headersSent)
        sendJson(response, 500, { error: `the sandbox server failed: ${(error as Error).message}` });
      else response.destroy();
    };
    if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
      // Same-origin only: drop what a CORS middleware in front of this one (Vite's) may have set.
      for (const name of response.getHeaderNames()) {
        if (name.startsWith('access-control-')) response.removeHeader(name);
      }
      api(request, response, path).catch(fail);
      return;
    }
    if (recordings.getByPath(path) !== undefined || ACCOUNTS_PATH.test(path)) {
      if (!guard(request, response, 'local', false)) return;
      try {
        download(request, response, path);
      } catch (error) {
        fail(error);
      }
      return;
    }
    if (next !== undefined) next();
    else sendText(response, 404, `${path} is not served here`);
  }

  return {
    secret,
    options: resolved,
    handle,
    injectIntoHtml,
    recordings,
    close() {
      forwarder.close();
      recordings.clear();
    },
  };
}
