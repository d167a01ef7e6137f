/**
 * The production bundle carries no test-only hooks: every JavaScript file of the built app
 * (the folder these e2e tests serve, `E2E_DIST` or `dist`) is read and searched for the names
 * the old hooks used. The e2e tests drive the app from outside instead (raw IndexedDB reads,
 * routed worker scripts, Playwright's clock), so they test the very bundle users get.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

const dist = path.resolve(import.meta.dirname, '..', process.env.E2E_DIST ?? 'dist');
const HOOK_NAMES = ['__threadline', 'crashForTest', 'hangForTest', 'StallMs'];

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return jsFiles(full);
    return /\.m?js$/.test(entry) ? [full] : [];
  });
}

test('no JavaScript file of the built app mentions a test hook', () => {
  const files = jsFiles(dist);
  // The app, its workers and the sandbox pages are all there (not an empty or wrong folder).
  expect(files.some((f) => /analysis\.worker-[\w-]+\.js$/.test(f)), `analysis worker in ${dist}`).toBe(true);
  expect(files.some((f) => /main-[\w-]+\.js$/.test(f)), `app entry in ${dist}`).toBe(true);
  const found: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const name of HOOK_NAMES) if (text.includes(name)) found.push(`${path.relative(dist, file)}: ${name}`);
  }
  expect(found).toEqual([]);
});
