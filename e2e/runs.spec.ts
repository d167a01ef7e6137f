import path from 'node:path';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';
import { RunBar, RUN_TIMEOUT } from './page-models/RunBar';
import { VerifySlice } from './page-models/VerifySlice';
import { rowCounts } from './page-models/common';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);
const SUMMARY = "{'regions': 3, 'total': 361.0, 'mean': 72.2, 'best': 'north'}";

function notebook(cells: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, execution_count: null, metadata: {}, outputs: [], source })),
    }),
  );
}

async function openIngested(page: import('@playwright/test').Page, ingest: (s: SessionsPage) => Promise<void>, name: string): Promise<GraphPage> {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await ingest(sessions);
  await sessions.expectAdded(name);
  await sessions.open(name);
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  return graph;
}

test('runs a stdlib notebook in the browser; recorded values show in the side panel and survive a reload', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT * 2);
  const graph = await openIngested(page, (s) => s.ingestFile(fixture('stdlib_run.ipynb')), 'stdlib_run.ipynb');
  const run = new RunBar(page);
  const before = await rowCounts(page);

  await run.start();
  await expect(run.progress).toContainText(/cell \d+ \/ 7/);
  await expect(run.progress.locator('progress')).toHaveAttribute('max', '7');
  expect(await run.finished()).toBe('ok');
  await expect(run.summary).toContainText(/values? recorded/);

  // One run execution and its values were stored.
  const after = await rowCounts(page);
  expect(after.executions).toBe(before.executions + 1);
  expect(after.nodeValues).toBeGreaterThan(before.nodeValues + 5);

  await graph.select('summary = {');
  await expect(run.values().first()).toHaveText(SUMMARY);
  await expect(run.types().first()).toHaveText('dict');
  await expect(graph.panel.getByTestId('run-value-meta').first()).toContainText(/cell ran .+ at \d\d:\d\d:\d\d/);
  // The notebook's own stored output is still shown apart from the run value.
  await expect(graph.panel.getByTestId('panel-output').first()).toHaveText(SUMMARY);

  // `totals` ends bound to the loop that fills it (a Mutate node): its value shows there.
  await graph.select('for sale in sales');
  await expect(run.values().filter({ hasText: 'Counter(' })).toHaveText("Counter({'north': 162.75, 'east': 99.9, 'south': 98.35})");
  await expect(run.types().filter({ hasText: 'Counter' })).toHaveText('collections.Counter');

  await graph.select('summary = {');
  await page.screenshot({ path: 'docs/screenshots/run.png' });

  // Reload: the run and its values are still there.
  await page.reload();
  await graph.waitForLayout();
  await expect(graph.panel).toBeVisible();
  await expect(run.values().first()).toHaveText(SUMMARY);
  await expect(run.summary).toHaveAttribute('data-status', 'ok');
  expect(await rowCounts(page)).toEqual(after);
});

test('"Verify slice" on an artifact runs the session and the slice and shows verified; the catalog shows a badge', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT * 3);
  await openIngested(page, (s) => s.ingestFile(fixture('stdlib_run.ipynb')), 'stdlib_run.ipynb');
  const verify = new VerifySlice(page);
  await verify.goto('sales_summary', 0);
  await expect(page.getByTestId('slice-code')).toContainText('summary = {');
  expect(await verify.verify()).toBe(true);
  await expect(verify.result).toContainText('verified ✓ (same value)');
  await expect(verify.result).toContainText(SUMMARY);
  await verify.card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/verify.png' });

  // Stored with the artifact version: still there after a reload, and badged in the list.
  await page.reload();
  await expect(verify.result).toContainText('verified ✓ (same value)');
  await page.goto('/artifacts');
  await expect(page.getByTestId('verified-badge').first()).toBeVisible();
});

test('a cell that raises stops the run with the cell, line and traceback; earlier values are kept', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT * 2);
  const nb = notebook(['a = 21\n', 'b = a * 2\nc = b / 0\n', 'd = 1\n']);
  const graph = await openIngested(page, (s) => s.ingestBuffer('raises.ipynb', nb, 'application/json'), 'raises.ipynb');
  const run = new RunBar(page);
  await run.start();
  expect(await run.finished()).toBe('error');
  await expect(run.error).toContainText('Cell 2, line 2: ZeroDivisionError: division by zero');
  await expect(run.error.getByTestId('run-traceback')).toContainText('Traceback');
  await expect(run.error.getByTestId('run-traceback')).toContainText('line 2');
  await graph.select('a = 21');
  await expect(run.values().first()).toHaveText('21');

  // A later visit: the stored error does not open by itself (it used to greet every visit).
  await page.reload();
  await graph.waitForLayout();
  await expect(run.summary).toHaveAttribute('data-status', 'error');
  await expect(run.summary).toContainText('Stopped with an error');
  await expect(run.error).toHaveCount(0);
  await run.showError.click();
  await expect(run.error).toContainText('Cell 2, line 2: ZeroDivisionError: division by zero');
});

test('Cancel interrupts a running cell; the run ends cancelled and keeps its values', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT * 2);
  const nb = notebook(['x = 7\n', 'n = 0\nwhile True:\n    n += 1\n', 'y = 8\n']);
  const graph = await openIngested(page, (s) => s.ingestBuffer('forever.ipynb', nb, 'application/json'), 'forever.ipynb');
  const run = new RunBar(page);
  await run.start();
  await expect(run.progress).toContainText('cell 1 / 3', { timeout: RUN_TIMEOUT });
  await run.cancelButton.click();
  expect(await run.finished()).toBe('cancelled');
  await graph.select('x = 7');
  await expect(run.values().first()).toHaveText('7');
});

test('offline, a package outside the standard library is named at once with its cell and line, before Python starts', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT * 2);
  const nb = notebook(['x = 1\n', 'import numpy as np\ny = np.arange(3)\n']);
  await openIngested(page, (s) => s.ingestBuffer('needs_numpy.ipynb', nb, 'application/json'), 'needs_numpy.ipynb');
  const run = new RunBar(page);
  const before = await rowCounts(page);
  await run.startBlocked();
  await expect(run.preflight).toContainText('numpy is not available offline');
  await expect(run.preflight).toContainText('First import: Cell 2, line 1.');
  await expect(run.preflight).toContainText('cdn.jsdelivr.net');
  await expect(page.getByTestId('preflight-allow-downloads')).toBeVisible();
  // Nothing started: no progress, no sandbox, no execution stored.
  await expect(run.progress).toHaveCount(0);
  await expect(page.getByTestId('run-sandbox')).toHaveCount(0);
  expect(await rowCounts(page)).toEqual(before);
  await page.screenshot({ path: 'docs/screenshots/run-preflight.png' });
});

test('the sample: Run names its packages at once; Verify says "could not run" in grey, not a wrong slice', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.open('churn_analysis.ipynb');
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  const run = new RunBar(page);
  await run.startBlocked();
  await expect(run.preflight).toContainText('pandas, numpy and sklearn are not available offline');
  await expect(run.preflight).toHaveAttribute('data-reason', 'downloads-off');

  const verify = new VerifySlice(page);
  await verify.goto('churn_features', 0);
  await expect(page.getByTestId('slice-code')).toContainText('pandas');
  await expect(verify.button).toBeEnabled({ timeout: 20_000 });
  await verify.button.click();
  // At once, with the fix; nothing ran.
  await expect(verify.preflight).toContainText('pandas, numpy and sklearn are not available offline');
  await expect(page.getByTestId('run-sandbox')).toHaveCount(0);
  await verify.card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/verify-preflight.png' });

  // Stored as "could not run": grey with the reason after a reload and in the catalog, never the red "not verified".
  await page.reload();
  await expect(verify.result).toBeVisible();
  expect(await verify.verdict()).toBe('could-not-run');
  await expect(verify.result).toContainText('could not run');
  await expect(verify.result.getByTestId('verify-reason')).toContainText('not available offline');
  await expect(verify.result).not.toContainText('not verified');
  await expect(verify.preflight).toHaveCount(0);
  await verify.card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/verify-could-not-run.png' });
  await page.goto('/artifacts');
  const badge = page.getByTestId('could-not-run-badge');
  await expect(badge).toHaveCount(1);
  await expect(badge).toHaveAttribute('title', /not available offline/);
  await expect(page.getByTestId('unverified-badge')).toHaveCount(0);
  await badge.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/verify-badge-could-not-run.png' });
});
