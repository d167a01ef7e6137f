/**
 * The shared test fixture: every test FAILS on any uncaught page error or console
 * error. Use `test` and `expect` from here, not from @playwright/test.
 *
 * `diskPage` is a page in a browser profile on disk (a temporary folder), as a user's browser
 * has. Playwright's usual contexts are off the record, where Chromium keeps IndexedDB in memory:
 * random-key writes there were 3.5× slower at 20,000 rows and 4.3× at 100,000 (70 s against
 * 16 s, measured here), and worse than linear, so the big-import tests use this one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, expect, type Page } from '@playwright/test';

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
}

export const test = base.extend<{ pageErrors: string[]; diskPage: Page }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watchErrors(page, errors);
      await use(errors);
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
  diskPage: async ({ baseURL, viewport, launchOptions }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
    const context = await chromium.launchPersistentContext(dir, { ...launchOptions, baseURL, viewport });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    watchErrors(page, errors);
    try {
      await use(page);
      expect(errors, 'the page logged errors').toEqual([]);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };
