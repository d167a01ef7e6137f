/**
 * Browser benchmark harness: serves the repo with Vite's dev server on loopback and opens a
 * bench page in Debian Chromium via Playwright, so benchmarks measure real IndexedDB,
 * real Workers and real rendering.
 */
import { chromium, type Page } from '@playwright/test';
import { createServer } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function withBenchPage<T>(pagePath: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const server = await createServer({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`bench page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/${pagePath}`);
    await page.waitForFunction(() => (globalThis as { __benchReady?: boolean }).__benchReady === true, undefined, { timeout: 60_000 });
    return await fn(page);
  } finally {
    await browser.close();
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
