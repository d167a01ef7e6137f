import type { Page } from '@playwright/test';

export type RowCounts = Record<'sessions' | 'sourceCodes' | 'nodes' | 'executions' | 'nodeValues' | 'artifacts', number>;

/** Row counts per table, from the app's test hook (the app's own store API). */
export async function rowCounts(page: Page): Promise<RowCounts> {
  await page.waitForFunction(() => window.__threadline !== undefined);
  return page.evaluate(() => window.__threadline!.countRows()) as Promise<RowCounts>;
}
