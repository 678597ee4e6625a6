/// <reference types="node" />
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * What a request to the sandbox server must prove before it is answered:
 * - `local`: it comes from this machine (loopback peer address) and its `Host` header names this server
 *   (`127.0.0.1:<port>`, `localhost:<port>`, `[::1]:<port>`), so a page whose DNS name was re-pointed at
 *   127.0.0.1 (DNS rebinding) is refused. Health checks and recording downloads need only this.
 * - `page`: `local`, plus it is sent by the page this server served: `Origin` (if sent) is this server's
 *   own origin, `Sec-Fetch-Site` (if sent) is `same-origin`, and `X-Sandbox-Secret` is this server's secret.
 */
export type GuardLevel = 'local' | 'page';

/** The header that carries the per-server secret the page read from its HTML. */
export const SECRET_HEADER = 'x-sandbox-secret';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x (`::ffff:127.0.0.1`, `::ffff:7f00:1`), with or without
 * brackets; false for host names and every other address.
 */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // The common answers without building a SocketAddress (the check runs on every request).
  if (bare === '127.0.0.1' || bare === '::1' || bare === '::ffff:127.0.0.1') return true;
  const version = isIP(bare);
  if (version === 0) return false;
  return LOOPBACK.check(bare, version === 4 ? 'ipv4' : 'ipv6');
}

/** The `Host` values that name this server when it answers on `port`. */
export function allowedHosts(port: number): string[] {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  // A client leaves out the default port (only relevant when the server itself listens on port 80).
  return port === 80 ? [...hosts, '127.0.0.1', 'localhost', '[::1]'] : hosts;
}

/** Constant-time comparison of the secret (lengths are compared first; the length is not a secret). */
function secretMatches(given: string, secret: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(secret, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function singleHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Checks a request against `level`. Returns null when it may be answered, otherwise exactly why not (the
 * caller answers 403 with that text).
 */
export function refusalReason(request: IncomingMessage, level: GuardLevel, secret: string): string | null {
  const peer = request.socket.remoteAddress;
  if (peer === undefined || !isLoopbackAddress(peer)) {
    return `the request came from ${peer ?? 'an unknown address'}, not from this machine: the sandbox server answers loopback clients only`;
  }
  const port = request.socket.localPort;
  const host = singleHeader(request, 'host');
  if (host === undefined || host === '') return 'the request has no Host header';
  if (port === undefined || !allowedHosts(port).includes(host.toLowerCase())) {
    return `Host header ${JSON.stringify(host)} is not this sandbox (DNS rebinding?): expected 127.0.0.1:${port}, localhost:${port} or [::1]:${port}`;
  }
  if (level === 'local') return null;

  const origin = singleHeader(request, 'origin');
  if (origin !== undefined) {
    const scheme = 'encrypted' in request.socket && request.socket.encrypted ? 'https' : 'http';
    const expected = `${scheme}://${host.toLowerCase()}`;
    if (origin.toLowerCase() !== expected) {
      return `Origin ${JSON.stringify(origin)} is not this sandbox (${expected}): only the page this server served may call it`;
    }
  }
  const fetchSite = singleHeader(request, 'sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin') {
    return `Sec-Fetch-Site is ${JSON.stringify(fetchSite)}, not "same-origin": only the page this server served may call it`;
  }
  const given = singleHeader(request, SECRET_HEADER);
  if (given === undefined || given === '') {
    return 'the X-Sandbox-Secret header is missing: only the page this server served (which reads the secret from its <meta name="rcml-sandbox-server">) may call it';
  }
  if (!secretMatches(given, secret)) {
    return "the X-Sandbox-Secret header does not match this server's secret (a page left open from an earlier run? reload it)";
  }
  return null;
}
