import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import {
  createSandboxServer,
  sandboxOptionsFromEnv,
  type SandboxServer,
  type SandboxServerOptions,
} from '../src/node/sandbox-server.ts';
import { resolveStaticTarget, sendHtml } from '../src/node/static-files.ts';

type Next = (error?: unknown) => void;

function dropCorsHeaders(response: ServerResponse): void {
  for (const name of response.getHeaderNames()) {
    if (name.startsWith('access-control-')) response.removeHeader(name);
  }
}

/** A request for the page itself (its HTML): `/`, `*.html` or a client-side route without an extension. */
function isPageRequest(request: IncomingMessage, path: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.') || /\.html?$/i.test(last);
}

/**
 * The sandbox server (SPEC §8, src/node/sandbox-server.ts) inside Vite: its middleware runs before
 * Vite's own in `vite` (dev) and `vite preview`, so `/__sandbox/*` and recording paths are answered first.
 * The page gets the server's meta: in dev through `transformIndexHtml`; in preview this middleware serves
 * the built index.html itself (for `/`, `/index.html` and extensionless client-side routes) with the meta
 * added, since Vite's preview sends the built file untouched. `vite build` output never holds the meta
 * (it carries the per-server secret).
 *
 * Options not given are read from `RCML_SANDBOX_LIVE` (origins separated by commas or blanks),
 * `RCML_SANDBOX_ALLOW_REMOTE=1` and `RCML_SANDBOX_TIMEOUT_MS`.
 */
export function sandboxServer(options: SandboxServerOptions = {}): Plugin {
  let sandbox: SandboxServer | undefined;
  const start = (): SandboxServer => {
    sandbox ??= createSandboxServer({ ...sandboxOptionsFromEnv(), ...options });
    return sandbox;
  };
  const stop = (): void => {
    sandbox?.close();
    sandbox = undefined;
  };
  return {
    name: 'rcml:sandbox-server',
    configureServer(server) {
      const running = start();
      server.httpServer?.once('close', stop);
      server.middlewares.use((request: IncomingMessage, response: ServerResponse, next: Next) => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        // The HTML carries the secret: no cross-origin page may read it (Vite's CORS allows localhost).
        if (isPageRequest(request, path)) dropCorsHeaders(response);
        running.handle(request, response, next);
      });
    },
    configurePreviewServer(server) {
      const running = start();
      server.httpServer.once('close', stop);
      const outDir = resolve(server.config.root, server.config.build.outDir);
      // Vite skips its own "did you build?" check when a plugin configures the preview server.
      if (!existsSync(outDir)) throw new Error(`no production build at ${outDir}: run npm run build`);
      const base = server.config.base;
      server.middlewares.use((request: IncomingMessage, response: ServerResponse, next: Next) => {
        running.handle(request, response, () => {
          const path = (request.url ?? '/').split('?')[0] ?? '/';
          if ((request.method !== 'GET' && request.method !== 'HEAD') || !path.startsWith(base))
            return next();
          const navigation = request.headers.accept?.includes('text/html') === true;
          if (!isPageRequest(request, path) && !navigation) return next();
          resolveStaticTarget(outDir, `/${path.slice(base.length)}`)
            .then(async (target) => {
              let file: string | undefined;
              if (target.kind === 'file') file = target.html ? target.file : undefined;
              else if (target.kind === 'not-found' && navigation) {
                // Vite's own fallback would send index.html for this navigation, without the meta.
                const index = await resolveStaticTarget(outDir, '/');
                if (index.kind === 'file') file = index.file;
              }
              if (file === undefined) return next();
              dropCorsHeaders(response);
              return sendHtml(request, response, file, running.injectIntoHtml);
            })
            .catch(next);
        });
      });
    },
    transformIndexHtml(html, context) {
      // Dev only: a build must not carry a server's secret.
      if (context.server === undefined || sandbox === undefined) return html;
      return sandbox.injectIntoHtml(html);
    },
  };
}
