/// <reference types="node" />
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

// Written by hand rather than with sirv/serve-static: neither is a dependency, and what the production
// build needs is small (no directory listings, no ranges, one HTML document that gets the server's meta).

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** The Content-Type a served file gets (by extension; unknown ones are `application/octet-stream`). */
export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type Next = (error?: unknown) => void;

export interface StaticFilesOptions {
  /** The directory served (the production build, `dist/`). */
  root: string;
  /** Applied to every HTML document served (the sandbox server's meta goes in here). */
  injectIntoHtml?: (html: string) => string;
}

/** What a request path names inside the served directory. */
export type StaticTarget =
  { kind: 'file'; file: string; html: boolean } | { kind: 'not-found' } | { kind: 'refused'; reason: string };

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the file a URL path (with or without query) names under `root`: the file itself; for `/` and
 * for paths whose last segment has no extension (client-side routes) that are not files, `index.html`
 * (the single-page fallback). Refuses paths that do not decode, hold NUL or backslashes, have `.` / `..`
 * segments (encoded or not) or reach outside `root` through a link. Dotfiles are not served.
 */
export async function resolveStaticTarget(root: string, urlPath: string): Promise<StaticTarget> {
  const rawPath = urlPath.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused', reason: 'the path does not decode' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) {
    return { kind: 'refused', reason: 'the path is not a plain URL path' };
  }
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) {
    return { kind: 'refused', reason: 'the path leaves the served directory' };
  }
  const rootPath = await realpath(resolve(root));
  const last = segments[segments.length - 1] ?? '';
  const index = join(rootPath, 'index.html');
  const fallback = async (): Promise<StaticTarget> =>
    extname(last) === '' && (await isFile(index))
      ? { kind: 'file', file: index, html: true }
      : { kind: 'not-found' };
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'not-found' };
  const candidate = join(rootPath, ...segments);
  if (!isInside(rootPath, candidate))
    return { kind: 'refused', reason: 'the path leaves the served directory' };
  if (!(await isFile(candidate))) return fallback();
  const real = await realpath(candidate);
  if (!isInside(rootPath, real)) return { kind: 'refused', reason: 'the path leaves the served directory' };
  return { kind: 'file', file: real, html: /\.html?$/i.test(real) };
}

/** Answers with an HTML file of the build, passed through `inject` (no-cache: it names the hashed assets). */
export async function sendHtml(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  inject: (html: string) => string = (html) => html,
): Promise<void> {
  const html = Buffer.from(inject(await readFile(file, 'utf8')), 'utf8');
  response.statusCode = 200;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Length', String(html.length));
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.end(request.method === 'HEAD' ? undefined : html);
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

/**
 * A request handler that serves `root`: correct Content-Type and Content-Length, `no-cache` for HTML and
 * unhashed files, a year (immutable) for `/assets/*` (the build's content-hashed files). GET and HEAD only.
 * Paths that name nothing go to `next` when given, else 404.
 */
export function createStaticFiles(
  options: StaticFilesOptions,
): (request: IncomingMessage, response: ServerResponse, next?: Next) => void {
  const inject = options.injectIntoHtml ?? ((html: string) => html);
  async function serve(request: IncomingMessage, response: ServerResponse, next?: Next): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, `${request.method ?? 'This method'} is not served here: GET or HEAD only`, {
        Allow: 'GET, HEAD',
      });
      return;
    }
    const target = await resolveStaticTarget(options.root, request.url ?? '/');
    if (target.kind === 'refused') {
      sendText(response, 403, `refused: ${target.reason}`);
      return;
    }
    if (target.kind === 'not-found') {
      if (next !== undefined) next();
      else sendText(response, 404, `${(request.url ?? '').split('?')[0]} is not a file of this build`);
      return;
    }
    if (target.html) {
      await sendHtml(request, response, target.file, inject);
      return;
    }
    const size = (await stat(target.file)).size;
    const path = (request.url ?? '').split('?')[0] ?? '';
    response.statusCode = 200;
    response.setHeader('Content-Type', mimeType(target.file));
    response.setHeader('Content-Length', String(size));
    response.setHeader(
      'Cache-Control',
      path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(target.file);
    stream.on('error', (error) => response.destroy(error));
    stream.pipe(response);
  }
  return (request, response, next) => {
    serve(request, response, next).catch((error: unknown) => {
      if (!response.headersSent)
        sendText(response, 500, `the file could not be read: ${(error as Error).message}`);
      else response.destroy();
    });
  };
}
