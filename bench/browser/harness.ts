/**
 * Browser benchmark harness: serves the repo on loopback and opens a bench page in Debian
 * Chromium via Playwright, so benchmarks measure real IndexedDB, real Workers and real
 * rendering. By default on Vite's dev server; with `{ production: true }` (and not
 * BENCH_DEV=1) on a production build of the app plus the bench page, served by `vite
 * preview` as the e2e tests are, so React runs in production mode on both sides.
 */
import { chromium, type Page } from '@playwright/test';
import { build, createServer, preview } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../src/server/free-port';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Serves the repo (dev) or a production build of the app with `pagePath` as an extra page; returns its port and a close. */
async function serve(pagePath: string, production: boolean): Promise<{ port: number; close: () => Promise<void> }> {
  if (!production) {
    const server = await createServer({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
    await server.listen();
    const address = server.httpServer?.address();
    return { port: typeof address === 'object' && address ? address.port : 0, close: () => server.close() };
  }
  const outDir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  const name = pagePath.replace(/[^a-z0-9]+/gi, '-');
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false, ...(process.env.BENCH_NOMINIFY ? { minify: false } : {}), rollupOptions: { input: { [name]: join(root, pagePath) } } } });
  const port = await freePort();
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
  return {
    port,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface BenchPageOptions {
  /** Serve a production build (`vite build` + `vite preview`) instead of the dev server; BENCH_DEV=1 overrides. */
  production?: boolean;
}

/** True when this run serves a production build (see `withBenchPage`). */
export const servesProduction = (opts: BenchPageOptions) => opts.production === true && !process.env.BENCH_DEV;

export async function withBenchPage<T>(pagePath: string, fn: (page: Page) => Promise<T>, opts: BenchPageOptions = {}): Promise<T> {
  const server = await serve(pagePath, servesProduction(opts));
  // A profile on disk, as a user's browser has: off the record Chromium keeps IndexedDB in memory,
  // 4.3x slower at 100,000 random-key rows (e2e/fixtures.ts `diskPage`).
  const profile = mkdtempSync(join(tmpdir(), 'threadline-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error(`bench page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${server.port}/${pagePath}`);
    await page.waitForFunction(() => (globalThis as { __benchReady?: boolean }).__benchReady === true, undefined, { timeout: 60_000 });
    return await fn(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
