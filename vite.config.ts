import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { vadAssets } from './vite/vad-assets.ts';

export const PREVIEW_PORT = 4873;

export default defineConfig({
  plugins: [react(), vadAssets()],
  server: { port: 5173 },
  preview: { port: PREVIEW_PORT, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});
