import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pyodideAssets } from './vite-plugins/pyodide-assets.ts';

export default defineConfig({
  plugins: [
    react(),
    pyodideAssets(),
    // The dev server's React refresh preamble is an inline script: allow inline scripts in dev only.
    { name: 'csp-dev', apply: 'serve', transformIndexHtml: (html: string) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") },
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: { host: '127.0.0.1' },
});
