import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pyodideAssets } from './vite-plugins/pyodide-assets.ts';
import { securityHeaders } from './vite-plugins/security-headers.ts';

export default defineConfig({
  plugins: [
    react(),
    pyodideAssets(),
    securityHeaders(),
    // The dev server's React refresh preamble is an inline script: allow inline scripts in dev only.
    { name: 'csp-dev', apply: 'serve', transformIndexHtml: (html: string) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") },
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    // The app and the run sandbox pages (the sandbox hosts the Pyodide worker; see src/workers/sandbox-host.ts).
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        sandbox: resolve(import.meta.dirname, 'sandbox.html'),
        'sandbox-packages': resolve(import.meta.dirname, 'sandbox-packages.html'),
      },
    },
  },
  server: { host: '127.0.0.1' },
});
