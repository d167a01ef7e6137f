import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pyodideAssets } from './vite-plugins/pyodide-assets.ts';

export default defineConfig({
  plugins: [react(), pyodideAssets()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: { host: '127.0.0.1' },
});
