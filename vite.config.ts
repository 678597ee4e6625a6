import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { sandboxServer } from './vite/sandbox-server.ts';
import { vadAssets } from './vite/vad-assets.ts';

export const PREVIEW_PORT = 4873;

export default defineConfig({
  plugins: [react(), vadAssets(), sandboxServer()],
  server: { port: 5173 },
  preview: { port: PREVIEW_PORT, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});
