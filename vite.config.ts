import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export const PREVIEW_PORT = 4873;

export default defineConfig({
  plugins: [react()],
  server: { port: 5173 },
  preview: { port: PREVIEW_PORT, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
});
