/// <reference types="node" />
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLoopbackAddress } from './request-guard.ts';

/** Notification code of a live request the sandbox refused or could not deliver (SPEC §6, §8). */
export const LIVE_REFUSED_CODE = 19010;
/** Notification code of an HTTP retrieval failure: timeout, reset, other network errors (SPEC §5). */
export const HTTP_RETRIEVAL_FAILURE_CODE = 11200;
/** The User-Agent sent to the app unless the page gives one. */
export const FORWARD_USER_AGENT = 'rcml-record-sandbox/1';

/** What the page asks the forwarder to send (the JSON body of `POST /__sandbox/forward`). */
export interface ForwardRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /** The page's own list of live origins (the user's "Live servers" setting); added to the server's. */
  liveOrigins: string[];
  /** The page's timeout; capped by the server's. */
  timeoutMs?: number;
}

export interface ForwardResponse {
  outcome: 'response';
  target: string;
  /** The address the request was sent to, `127.0.0.1:3000` or `[::1]:3000`. */
  address: string;
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** `utf8` when the body is text in UTF-8 (or ASCII), otherwise `base64` of its bytes. */
  bodyEncoding: 'utf8' | 'base64';
  durationMs: number;
}

export interface ForwardRefusal {
  outcome: 'refused';
  code: typeof LIVE_REFUSED_CODE;
  reason: string;
  target: string;
  durationMs: number;
}

export interface ForwardFailure {
  outcome: 'failed';
  code: typeof HTTP_RETRIEVAL_FAILURE_CODE;
  reason: string;
  target: string;
  durationMs: number;
}

export type ForwardResult = ForwardResponse | ForwardRefusal | ForwardFailure;

/** Resolves a host name to every address it has (as `dns.lookup(name, { all: true })` does). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export interface ForwarderOptions {
  /** Normalised origins (see `parseOrigin`) that may always be forwarded to. */
  liveOrigins: string[];
  /** Forward to hosts that are not loopback addresses too. */
  allowRemote: boolean;
  /** The longest a forwarded request may take, and the cap of the page's own `timeoutMs`. */
  timeoutMs: number;
  /** The largest request and response body, in bytes. */
  maxBodyBytes: number;
  /** Host name resolution (default: `dns.lookup` with `{ all: true }`); tests inject one. */
  resolveHost?: ResolveHost;
  /** A monotonic clock in milliseconds (default `performance.now`). */
  now?: () => number;
}

export interface Forwarder {
  /** Sends one request (given as the page's parsed JSON) and says what came of it. Never rejects. */
  forward(request: unknown): Promise<ForwardResult>;
  /** Closes the kept-alive connections to the apps. */
  close(): void;
}

/**
 * The origin a user-given value names (`http://127.0.0.1:3000`), normalised as `URL.origin` writes it; or
 * an Error that says what is wrong with it. A trailing `/` is accepted; a path, query, fragment or
 * credentials are not.
 */
export function parseOrigin(value: unknown): string | Error {
  if (typeof value !== 'string') return new Error(`live origin ${JSON.stringify(value)} is not a string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const hint = URL.canParse(`http://${value}`) ? `http://${value}` : 'http://127.0.0.1:3000';
    return new Error(`live origin ${JSON.stringify(value)} is not a URL (write it as ${hint})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const hint =
      !value.includes('://') && URL.canParse(`http://${value}`) ? ` (write it as http://${value})` : '';
    return new Error(`live origin ${JSON.stringify(value)} is not http or https${hint}`);
  }
  if (url.username !== '' || url.password !== '') {
    return new Error(`live origin ${JSON.stringify(value)} has credentials; give the origin alone`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    return new Error(
      `live origin ${JSON.stringify(value)} has a path, query or fragment; give the origin alone (${url.origin})`,
    );
  }
  return url.origin;
}

// Never passed on to the app: hop-by-hop headers (RFC 9110 §7.6.1), headers the forwarder sets itself,
// and what would leak the sandbox page's own context. Accept-Encoding is dropped so the app answers
// uncompressed (the body is handed to the page as is).
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'host',
  'cookie',
  'origin',
  'referer',
  'content-length',
  'accept-encoding',
]);

const TEXT_TYPES = new Set([
  'application/xml',
  'application/json',
  'application/javascript',
  'application/ecmascript',
  'application/x-www-form-urlencoded',
]);

function isTextual(contentType: string | undefined): boolean {
  if (contentType === undefined) return true; // decided by whether the bytes are UTF-8
  const [mime = '', ...params] = contentType.toLowerCase().split(';');
  const type = mime.trim();
  const charset = params
    .map((p) => p.trim())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) return false;
  return (
    type === '' ||
    type.startsWith('text/') ||
    TEXT_TYPES.has(type) ||
    type.endsWith('+xml') ||
    type.endsWith('+json')
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function encodeBody(
  bytes: Buffer,
  contentType: string | undefined,
): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  if (isTextual(contentType)) {
    try {
      return { body: UTF8.decode(bytes), bodyEncoding: 'utf8' };
    } catch {
      // not valid UTF-8: sent as bytes
    }
  }
  return { body: bytes.toString('base64'), bodyEncoding: 'base64' };
}

/** `10 MB`, `512 KB`, `900 bytes` (1 MB = 1024 × 1024 bytes). */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Number((bytes / mb).toFixed(bytes % mb === 0 ? 0 : 1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1))} KB`;
  return `${bytes} bytes`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function formatAddress(address: string, port: number | string): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Checks the page's JSON; returns the request, or why it cannot be sent. */
export function parseForwardRequest(value: unknown): ForwardRequest | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'the forward request is not a JSON object';
  }
  const v = value as Record<string, unknown>;
  if (v.method !== 'GET' && v.method !== 'POST') {
    return `method ${JSON.stringify(v.method)} is not "GET" or "POST"`;
  }
  if (typeof v.url !== 'string') return `url ${JSON.stringify(v.url)} is not a string`;
  const headers: Record<string, string> = {};
  if (v.headers !== undefined && v.headers !== null) {
    if (typeof v.headers !== 'object' || Array.isArray(v.headers)) {
      return 'headers is not an object of header names and string values';
    }
    for (const [name, headerValue] of Object.entries(v.headers as Record<string, unknown>)) {
      if (typeof headerValue !== 'string') {
        return `header ${JSON.stringify(name)} has a value that is not a string`;
      }
      headers[name] = headerValue;
    }
  }
  if (v.body !== undefined && v.body !== null && typeof v.body !== 'string') {
    return 'body is neither a string nor null';
  }
  const liveOrigins: string[] = [];
  if (v.liveOrigins !== undefined && v.liveOrigins !== null) {
    if (!Array.isArray(v.liveOrigins)) return 'liveOrigins is not an array of origins';
    for (const entry of v.liveOrigins as unknown[]) {
      const origin = parseOrigin(entry);
      if (origin instanceof Error) return `liveOrigins: ${origin.message}`;
      liveOrigins.push(origin);
    }
  }
  let timeoutMs: number | undefined;
  if (v.timeoutMs !== undefined && v.timeoutMs !== null) {
    if (typeof v.timeoutMs !== 'number' || !Number.isFinite(v.timeoutMs) || v.timeoutMs <= 0) {
      return `timeoutMs ${JSON.stringify(v.timeoutMs)} is not a positive number of milliseconds`;
    }
    timeoutMs = v.timeoutMs;
  }
  const request: ForwardRequest = {
    method: v.method,
    url: v.url,
    headers,
    body: typeof v.body === 'string' ? v.body : null,
    liveOrigins,
  };
  if (timeoutMs !== undefined) request.timeoutMs = timeoutMs;
  return request;
}

/** The URL as shown in results: without any credentials it carried. */
function displayUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function outgoingHeaders(
  given: Record<string, string>,
  target: URL,
  bodyBytes: number | null,
): OutgoingHttpHeaders | string {
  const listedInConnection = new Set(
    Object.entries(given)
      .filter(([name]) => name.toLowerCase() === 'connection')
      .flatMap(([, value]) => value.split(',').map((token) => token.trim().toLowerCase())),
  );
  const headers: OutgoingHttpHeaders = {};
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(given)) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower) || listedInConnection.has(lower)) continue;
    try {
      http.validateHeaderName(name);
      http.validateHeaderValue(name, value);
    } catch (error) {
      return `header ${JSON.stringify(name)} cannot be sent: ${(error as Error).message}`;
    }
    headers[name] = value;
    seen.add(lower);
  }
  if (!seen.has('user-agent')) headers['User-Agent'] = FORWARD_USER_AGENT;
  if (!seen.has('authorization') && (target.username !== '' || target.password !== '')) {
    // Twilio sends the credentials of an action URL like http://user:pass@host/ as Basic authentication.
    const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers.Authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  }
  headers.Host = target.host;
  if (bodyBytes !== null) headers['Content-Length'] = String(bodyBytes);
  return headers;
}

function defaultResolveHost(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/**
 * A `lookup` for http.request that answers only with the addresses the forwarder checked, so a second
 * DNS answer (DNS rebinding) cannot move the connection elsewhere. Handles both calling forms: Node's
 * happy-eyeballs connect (`autoSelectFamily`) asks for all addresses, the plain one for one.
 */
type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return ((
    _hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: LookupCallback,
  ) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    if (options.all) {
      callback(null, usable);
      return;
    }
    const first = usable[0];
    if (first === undefined) {
      callback(Object.assign(new Error('no address of the asked family'), { code: 'ENOTFOUND' }), '');
      return;
    }
    callback(null, first.address, first.family);
  }) as unknown as LookupFunction;
}

/** The one timer of a forwarded request (cheaper than an AbortController per request); one waiter at a time. */
class Deadline {
  private onExpire: (() => void) | undefined;
  private expired = false;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(readonly timeoutMs: number) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.onExpire?.();
    }, timeoutMs);
  }

  /** Calls `callback` when the time is up (at once if it already is); undefined stops waiting. */
  whenExpired(callback: (() => void) | undefined): void {
    this.onExpire = callback;
    if (this.expired) callback?.();
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

interface Exchange {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  bytes: Buffer;
  address: string;
}

type ExchangeOutcome =
  | { kind: 'response'; exchange: Exchange }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string };

export function createForwarder(options: ForwarderOptions): Forwarder {
  const resolveHost = options.resolveHost ?? defaultResolveHost;
  const now = options.now ?? (() => performance.now());
  // Kept-alive connections to the apps (an app answers many requests per call). Neither agent follows
  // redirects: node:http never does.
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
  const serverOrigins = new Set(options.liveOrigins);

  function exchangeOnce(
    target: URL,
    addresses: LookupAddress[],
    method: string,
    headers: OutgoingHttpHeaders,
    body: string | null,
    deadline: Deadline,
    isRetry: boolean,
  ): Promise<ExchangeOutcome & { retry?: boolean }> {
    return new Promise((resolve) => {
      let settled = false;
      let gotHeaders = false;
      const settle = (outcome: ExchangeOutcome & { retry?: boolean }): void => {
        if (settled) return;
        settled = true;
        deadline.whenExpired(undefined);
        resolve(outcome);
      };
      const isHttps = target.protocol === 'https:';
      const port = target.port === '' ? (isHttps ? 443 : 80) : Number(target.port);
      const hostname = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
      const where =
        addresses.length > 1
          ? `${formatAddress(hostname, port)} (tried ${addresses.map((a) => formatAddress(a.address, port)).join(', ')})`
          : formatAddress(addresses[0]?.address ?? hostname, port);
      const request = (isHttps ? https : http).request({
        protocol: target.protocol,
        hostname,
        port,
        method,
        path: `${target.pathname}${target.search}`,
        headers,
        setHost: false,
        agent: isHttps ? httpsAgent : httpAgent,
        lookup: pinnedLookup(addresses),
      });
      const onAbort = (): void => {
        request.destroy();
        settle({
          kind: 'failed',
          reason: gotHeaders
            ? `the response did not finish within ${formatSeconds(deadline.timeoutMs)}`
            : `no response within ${formatSeconds(deadline.timeoutMs)}`,
        });
      };
      deadline.whenExpired(onAbort);

      request.on('error', (error) => {
        // Trying several addresses, Node reports an AggregateError of each attempt's error.
        const attempts = error instanceof AggregateError ? error.errors.map(errorCode) : [];
        const code = attempts.includes('ECONNREFUSED') ? 'ECONNREFUSED' : errorCode(error);
        if (!gotHeaders && !isRetry && request.reusedSocket && code === 'ECONNRESET') {
          // The app closed a kept-alive connection just as it was reused: nothing reached the app.
          settle({ kind: 'failed', reason: '', retry: true });
          return;
        }
        if (code === 'ECONNREFUSED') {
          settle({
            kind: 'refused',
            reason: `nothing is listening at ${where} (ECONNREFUSED): is your app running?`,
          });
        } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
          settle({ kind: 'refused', reason: `host not found: ${hostname} (${code})` });
        } else if (code === 'ECONNRESET' || code === 'EPIPE') {
          settle({
            kind: 'failed',
            reason: gotHeaders
              ? `the connection to ${where} was reset (${code}) while the response was arriving`
              : `the connection to ${where} was reset (${code}) before the app answered`,
          });
        } else {
          settle({
            kind: 'failed',
            reason: `network error talking to ${where}: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`,
          });
        }
      });

      request.on('response', (response: IncomingMessage) => {
        gotHeaders = true;
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location !== undefined) {
          settle({
            kind: 'refused',
            reason: `the app answered ${status} redirecting to ${location}; the sandbox follows no redirects`,
          });
          response.destroy();
          request.destroy();
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
          settle({
            kind: 'refused',
            reason: `the app's response body is ${declared} bytes (Content-Length), over the ${formatBytes(options.maxBodyBytes)} limit`,
          });
          response.destroy();
          request.destroy();
          return;
        }
        const socket = response.socket;
        const address =
          socket?.remoteAddress !== undefined
            ? formatAddress(socket.remoteAddress, socket.remotePort ?? port)
            : where;
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > options.maxBodyBytes) {
            settle({
              kind: 'refused',
              reason: `the app's response body passed the ${formatBytes(options.maxBodyBytes)} limit; the download was stopped`,
            });
            response.destroy();
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          settle({
            kind: 'response',
            exchange: {
              status,
              statusText: response.statusMessage ?? '',
              headers: responseHeaders,
              bytes: Buffer.concat(chunks, received),
              address,
            },
          });
        });
        response.on('aborted', () => {
          settle({
            kind: 'failed',
            reason: `the connection to ${where} was reset while the response was arriving`,
          });
        });
        response.on('error', (error) => {
          settle({
            kind: 'failed',
            reason: `the connection to ${where} failed while the response was arriving: ${error.message}`,
          });
        });
      });

      request.end(body ?? undefined);
    });
  }

  async function resolveTarget(
    target: URL,
    deadline: Deadline,
  ): Promise<{ addresses: LookupAddress[] } | { refused: string } | { aborted: true }> {
    const hostname = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
    const version = isIP(hostname);
    let addresses: LookupAddress[];
    if (version !== 0) {
      addresses = [{ address: hostname, family: version }];
    } else {
      const aborted = new Promise<'aborted'>((resolve) => {
        deadline.whenExpired(() => resolve('aborted'));
      });
      try {
        const answer = await Promise.race([resolveHost(hostname), aborted]);
        if (answer === 'aborted') return { aborted: true };
        addresses = answer;
      } catch (error) {
        const code = errorCode(error);
        return { refused: `host not found: ${hostname}${code ? ` (${code})` : ''}` };
      }
      if (addresses.length === 0) return { refused: `host not found: ${hostname} (no addresses)` };
    }
    if (!options.allowRemote) {
      const remote = addresses.find((a) => !isLoopbackAddress(a.address));
      if (remote !== undefined) {
        const what = version !== 0 ? `${hostname} is` : `${hostname} resolves to ${remote.address}, which is`;
        return {
          refused: `${what} not a loopback address: live servers must run on this machine unless the sandbox server is started with --allow-remote`,
        };
      }
    }
    return { addresses };
  }

  async function forward(input: unknown): Promise<ForwardResult> {
    const start = now();
    const givenUrl =
      typeof input === 'object' && input !== null && typeof (input as { url?: unknown }).url === 'string'
        ? (input as { url: string }).url
        : '';
    const elapsed = (): number => Math.round((now() - start) * 1000) / 1000;
    const refuse = (reason: string, target = givenUrl): ForwardRefusal => ({
      outcome: 'refused',
      code: LIVE_REFUSED_CODE,
      reason,
      target,
      durationMs: elapsed(),
    });
    const fail = (reason: string, target: string): ForwardFailure => ({
      outcome: 'failed',
      code: HTTP_RETRIEVAL_FAILURE_CODE,
      reason,
      target,
      durationMs: elapsed(),
    });

    const request = parseForwardRequest(input);
    if (typeof request === 'string') return refuse(request);
    let target: URL;
    try {
      target = new URL(request.url);
    } catch {
      return refuse(`the URL ${JSON.stringify(request.url)} does not parse`);
    }
    const shown = displayUrl(target);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return refuse(`the URL ${JSON.stringify(shown)} is not http or https (${target.protocol})`, shown);
    }
    if (!serverOrigins.has(target.origin) && !request.liveOrigins.includes(target.origin)) {
      const listed = [...new Set([...serverOrigins, ...request.liveOrigins])];
      return refuse(
        `${target.origin} is not a live origin (${listed.length === 0 ? 'none are listed' : `listed: ${listed.join(', ')}`})`,
        shown,
      );
    }
    // Sent as a string: Node then writes head and body in one piece.
    const body = request.body;
    const bodyBytes = body === null ? null : Buffer.byteLength(body, 'utf8');
    if (bodyBytes !== null && bodyBytes > options.maxBodyBytes) {
      return refuse(
        `the request body is ${bodyBytes} bytes, over the ${formatBytes(options.maxBodyBytes)} limit`,
        shown,
      );
    }
    const headers = outgoingHeaders(
      request.headers,
      target,
      bodyBytes ?? (request.method === 'POST' ? 0 : null),
    );
    if (typeof headers === 'string') return refuse(headers, shown);

    const timeoutMs = Math.min(request.timeoutMs ?? options.timeoutMs, options.timeoutMs);
    const deadline = new Deadline(timeoutMs);
    try {
      const resolved = await resolveTarget(target, deadline);
      if ('aborted' in resolved) return fail(`no response within ${formatSeconds(timeoutMs)}`, shown);
      if ('refused' in resolved) return refuse(resolved.refused, shown);
      let outcome = await exchangeOnce(
        target,
        resolved.addresses,
        request.method,
        headers,
        body,
        deadline,
        false,
      );
      if (outcome.retry === true) {
        outcome = await exchangeOnce(
          target,
          resolved.addresses,
          request.method,
          headers,
          body,
          deadline,
          true,
        );
      }
      if (outcome.kind === 'refused') return refuse(outcome.reason, shown);
      if (outcome.kind === 'failed') return fail(outcome.reason, shown);
      const { exchange } = outcome;
      return {
        outcome: 'response',
        target: shown,
        address: exchange.address,
        status: exchange.status,
        statusText: exchange.statusText,
        headers: exchange.headers,
        ...encodeBody(exchange.bytes, exchange.headers['content-type']),
        durationMs: elapsed(),
      };
    } finally {
      deadline.clear();
    }
  }

  return {
    forward: async (input) => {
      try {
        return await forward(input);
      } catch (error) {
        // A bug of the forwarder must still reach the page as an answer, not as a hung request.
        return {
          outcome: 'failed',
          code: HTTP_RETRIEVAL_FAILURE_CODE,
          reason: `the sandbox server could not forward the request: ${(error as Error).message}`,
          target: '',
          durationMs: 0,
        };
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
