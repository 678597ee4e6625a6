import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** Where the app serves the voice-activity detector's run-time files (under the app's base). */
export const VAD_ASSET_DIR = 'vad/';

const require = createRequire(import.meta.url);

/** The files the voice detector loads at run time (the Silero model, onnxruntime's wasm and glue), by name. */
function vadAssetSources(): Map<string, string> {
  const vadWebEntry = require.resolve('@ricky0123/vad-web');
  const vadWebDist = dirname(vadWebEntry);
  // The onnxruntime-web that vad-web itself uses (its entry points all live in dist/).
  const ortDist = dirname(createRequire(vadWebEntry).resolve('onnxruntime-web'));
  return new Map([
    ['silero_vad_v5.onnx', join(vadWebDist, 'silero_vad_v5.onnx')],
    ['ort-wasm-simd-threaded.wasm', join(ortDist, 'ort-wasm-simd-threaded.wasm')],
    ['ort-wasm-simd-threaded.mjs', join(ortDist, 'ort-wasm-simd-threaded.mjs')],
  ]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

function contentType(name: string): string {
  return CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
}

/**
 * Serves the Silero v5 model and onnxruntime's wasm and glue from the app's own origin:
 * straight from node_modules in dev, copied into `<outDir>/vad/` by the build. No CDN; works offline.
 */
export function vadAssets(): Plugin {
  const sources = vadAssetSources();
  let base = '/';
  return {
    name: 'rcml:vad-assets',
    configResolved(config) {
      base = config.base;
      for (const [name, file] of sources) {
        try {
          statSync(file);
        } catch {
          throw new Error(`vad-assets: ${name} not found at ${file} (is @ricky0123/vad-web installed?)`);
        }
      }
    },
    configureServer(server) {
      const prefix = `${base}${VAD_ASSET_DIR}`;
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        const file = sources.get(path.slice(prefix.length));
        if (file === undefined) return next();
        response.setHeader('Content-Type', contentType(path));
        response.setHeader('Content-Length', String(statSync(file).size));
        response.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(response);
      });
    },
    generateBundle() {
      for (const [name, file] of sources) {
        this.emitFile({ type: 'asset', fileName: `${VAD_ASSET_DIR}${name}`, source: readFileSync(file) });
      }
    },
  };
}
