/// <reference types="node" />
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createSandboxServer, type SandboxServer } from './sandbox-server.ts';
import { createStaticFiles } from './static-files.ts';

/** The port `rcml-sandbox serve` listens on unless told otherwise. */
export const DEFAULT_SERVE_PORT = 4700;
/** The host it listens on unless told otherwise. */
export const DEFAULT_SERVE_HOST = '127.0.0.1';
/** The hosts it may listen on: loopback only (SPEC §8). */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export interface ServeOptions {
  /** The production build (`dist/`, with its index.html). */
  distDir: string;
  /** Default 4700; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; only loopback hosts are accepted. */
  host?: string;
  liveOrigins?: string[];
  /** Lets the server forward to remote targets; it still listens on loopback only. */
  allowRemote?: boolean;
  timeoutMs?: number;
}

export interface RunningServe {
  /** `http://127.0.0.1:4700/` */
  url: string;
  port: number;
  server: SandboxServer;
  close(): Promise<void>;
}

function checkBuild(distDir: string): string {
  const dir = resolve(distDir);
  try {
    if (statSync(dir).isDirectory() && statSync(join(dir, 'index.html')).isFile()) return dir;
  } catch {
    // reported below
  }
  throw new Error(`no production build at ${dir} (no index.html there): run npm run build`);
}

function checkHost(host: string, allowRemote: boolean): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (LOOPBACK_HOSTS.includes(bare.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(bare)) return bare;
  throw new Error(
    allowRemote
      ? `the sandbox server listens on loopback only, not on ${host}: --allow-remote only lets it forward to apps on other machines`
      : `the sandbox server listens on loopback only, not on ${host} (use 127.0.0.1, localhost or ::1)`,
  );
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`port ${JSON.stringify(port)} is not a whole number from 0 to 65535`);
  }
  return port;
}

/**
 * Serves the production build with the sandbox server in front (what `rcml-sandbox serve` runs):
 * `/__sandbox/*` and recording downloads by the sandbox middleware, everything else from `distDir`, its
 * HTML with the server's meta. Rejects with a clear Error for a missing build, a non-loopback host, a bad
 * or busy port, or bad sandbox options.
 */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const distDir = checkBuild(options.distDir);
  const allowRemote = options.allowRemote ?? false;
  const host = checkHost(options.host ?? DEFAULT_SERVE_HOST, allowRemote);
  const port = checkPort(options.port ?? DEFAULT_SERVE_PORT);
  const sandbox = createSandboxServer({
    ...(options.liveOrigins !== undefined ? { liveOrigins: options.liveOrigins } : {}),
    allowRemote,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const files = createStaticFiles({ root: distDir, injectIntoHtml: sandbox.injectIntoHtml });
  const http: Server = createServer((request, response) => {
    sandbox.handle(request, response, () => files(request, response));
  });
  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      http.once('error', rejectListen);
      http.listen(port, host, () => {
        http.off('error', rejectListen);
        resolveListen();
      });
    });
  } catch (error) {
    sandbox.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`port ${port} on ${host} is in use: choose another with --port (0 picks a free one)`, {
        cause: error,
      });
    }
    throw new Error(`cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error });
  }
  const address = http.address() as AddressInfo;
  const urlHost =
    address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  const shownHost = host.toLowerCase() === 'localhost' ? 'localhost' : urlHost;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    server: sandbox,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        sandbox.close();
        http.close(() => resolveClose());
        http.closeAllConnections();
      });
      return closing;
    },
  };
}
