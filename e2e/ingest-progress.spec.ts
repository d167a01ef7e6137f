/**
 * Ingest progress, cancel, the time bound, several files at once, and the numeric settings'
 * refusals (issue 13, points 3 and 6).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { SettingsPage } from './page-models/SettingsPage';
import { breakAnalysisWorker, rowCounts } from './page-models/common';

const notebook = (source: string) =>
  Buffer.from(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', language: 'python' } },
      cells: [{ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }],
    }),
  );

test('four files with the second broken: three are added, one is refused, and one summary says so', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestBuffers([
    { name: 'first.py', buffer: Buffer.from('a = 1\nb = a + 1\n') },
    { name: 'broken.ipynb', buffer: Buffer.from('{"cells": [') },
    { name: 'third.py', buffer: Buffer.from('c = 3\nprint(c)\n') },
    { name: 'fourth.ipynb', buffer: notebook('d = [1, 2]\nd.append(3)\n') },
  ]);
  await expect(sessions.summary).toHaveText(/^3 added, 1 refused: broken\.ipynb — .*broken\.ipynb.*(not a valid notebook|JSON)/, { timeout: 30_000 });
  await expect(sessions.summary).not.toContainText(/at .*\.(js|ts):\d+/);
  for (const name of ['first.py', 'third.py', 'fourth.ipynb']) {
    await expect(sessions.queued(name)).toHaveAttribute('data-status', 'added');
    await expect(sessions.row(name)).toBeVisible();
  }
  await expect(sessions.queued('broken.ipynb')).toHaveAttribute('data-status', 'refused');
  await expect(sessions.row('broken.ipynb')).toHaveCount(0);
  await expect(sessions.rows).toHaveCount(4);
  await page.screenshot({ path: 'docs/screenshots/ingest-summary.png' });
});

test('a big file shows its progress, can be cancelled, and nothing is saved', async ({ page }, testInfo) => {
  // About 4 MB of short statements: several seconds of analysis in the worker.
  const dir = testInfo.outputPath('big');
  mkdirSync(dir, { recursive: true });
  const big = path.join(dir, 'big.py');
  const lines = ['v0 = 0'];
  for (let i = 1; i < 150_000; i++) lines.push(`v${i} = v${i - 1} + ${i % 97}`);
  writeFileSync(big, `${lines.join('\n')}\n`);

  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const before = await rowCounts(page);

  await sessions.ingestFile(big);
  const item = sessions.queued('big.py');
  await expect(item.getByTestId('ingest-progress')).toHaveText(/^(Analysing big\.py|Reading big\.py)/);
  await expect(item.getByTestId('ingest-progress')).toHaveText(/^Analysing big\.py/);
  await expect(item.getByRole('progressbar')).toBeVisible();
  await expect(sessions.queue).toContainText('Not saved yet');
  // While it is pending, nothing is in the store and it is not listed as a session.
  expect(await rowCounts(page)).toEqual(before);
  await expect(sessions.row('big.py')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/ingest-pending.png' });

  await sessions.cancel('big.py');
  await expect(item).toHaveAttribute('data-status', 'cancelled');
  await expect(item).toContainText('Cancelled: big.py was not added. Nothing was saved.');
  expect(await rowCounts(page)).toEqual(before);
  await page.reload();
  await expect(sessions.row('churn_analysis.ipynb')).toBeVisible();
  await expect(sessions.row('big.py')).toHaveCount(0);
  expect(await rowCounts(page)).toEqual(before);

  // A fresh worker takes the next file.
  await sessions.ingestBuffer('after-cancel.py', Buffer.from('x = 1\ny = x * 2\n'));
  await sessions.expectAdded('after-cancel.py');
});

test('an analysis that reports no progress is stopped with a message, not left pending', async ({ page }) => {
  // Playwright's clock (time runs normally until fast-forwarded) stands in for two quiet minutes.
  await page.clock.install();
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const before = await rowCounts(page);
  const stuck = await breakAnalysisWorker(page, 'hang');
  await sessions.goto(); // a fresh page: its first analysis worker comes from the stand-in script
  await sessions.ingestBuffer('stuck.py', Buffer.from('x = 1\n'));
  await stuck.served;
  await expect(sessions.queue).toContainText('stuck.py');
  await page.clock.fastForward('02:01');
  await expect(sessions.alert).toHaveText(/^The analysis of stuck\.py made no progress for 2 minutes, so it was stopped\. Nothing was saved\./);
  expect(await rowCounts(page)).toEqual(before);
  await stuck.restore();
  await sessions.ingestBuffer('unstuck.py', Buffer.from('y = 2\n'));
  await sessions.expectAdded('unstuck.py');
});

test('numeric settings refuse 0, -1, 1e400, abc and empty with a sentence, store nothing, and confirm valid input', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(settings.numberInput('ingest-limit')).toHaveValue('100');
  await expect(settings.numberInput('node-budget')).toHaveValue('500000');
  await expect(page.getByText('Accepts a whole number of MB from 1 to 4,096; the default is 100.')).toBeVisible();
  await expect(page.getByText('Accepts a whole number of nodes from 1,000 to 5,000,000; the default is 500,000.')).toBeVisible();

  for (const bad of ['0', '-1', '1e400', 'abc', '']) {
    const limit = await settings.saveNumber('ingest-limit', bad);
    await expect(limit, bad).toHaveRole('alert');
    await expect(limit, bad).toContainText('The ingest size limit must be a whole number of MB from 1 to 4,096. Nothing was saved.');
    const budget = await settings.saveNumber('node-budget', bad);
    await expect(budget, bad).toContainText('The node limit per file must be a whole number of nodes from 1,000 to 5,000,000. Nothing was saved.');
  }
  await expect(settings.numberInput('node-budget')).toHaveAttribute('aria-invalid', 'true');
  await expect(await settings.saveNumber('ingest-limit', '1e400')).toContainText('“1e400” is not a whole number written in digits.');
  await expect(await settings.saveNumber('node-budget', '0')).toContainText('0 is too small.');
  await settings.ingestCard.screenshot({ path: 'docs/screenshots/settings-validation.png' });
  await page.reload();
  await expect(settings.numberInput('ingest-limit')).toHaveValue('100');
  await expect(settings.numberInput('node-budget')).toHaveValue('500000');

  await expect(await settings.saveNumber('ingest-limit', '250')).toHaveText('Saved. The ingest size limit is now 250 MB.');
  await expect(await settings.saveNumber('node-budget', '20,000')).toHaveText('Saved. The node limit per file is now 20,000 nodes.');
  await page.reload();
  await expect(settings.numberInput('ingest-limit')).toHaveValue('250');
  await expect(settings.numberInput('node-budget')).toHaveValue('20000');
});
