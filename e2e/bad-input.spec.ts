/**
 * Issue 9 through the real app: bad inputs give a clear message in the page and leave the
 * row counts unchanged; the size limit (Settings) names itself; a crashed analysis worker
 * gives a message and the app stays usable; every corpus file ingests or gives a clear error.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { CORPUS_DIR as corpus } from './page-models/corpus';
import { SessionsPage } from './page-models/SessionsPage';
import { breakAnalysisWorker, rowCounts } from './page-models/common';
import { BAD_INPUTS } from '../src/core/fixtures/bad/catalog';

const fixtures = path.resolve(import.meta.dirname, '../src/core/fixtures/bad');
const bytesOf = (file: string) => {
  const input = BAD_INPUTS.find((b) => b.file === file)!;
  return Buffer.from(input.generate ? input.generate() : readFileSync(path.join(fixtures, file)));
};

test('bad inputs: a specific message in the page, row counts unchanged', async ({ page }) => {
  test.setTimeout(120_000);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const subset = BAD_INPUTS.filter((b) => b.e2e && 'error' in b.expect);
  expect(subset.length).toBeGreaterThanOrEqual(8);
  for (const input of subset) {
    const before = await rowCounts(page);
    await sessions.ingestBuffer(input.file, bytesOf(input.file));
    await expect(sessions.alert, input.file).toContainText((input.expect as { error: RegExp }).error, { timeout: 30_000 });
    await expect(sessions.alert).not.toContainText(/at .*\.(js|ts):\d+/);
    expect(await rowCounts(page), input.file).toEqual(before);
  }
});

test('odd but valid inputs: added, with their notes', async ({ page }) => {
  test.setTimeout(120_000);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  for (const input of BAD_INPUTS.filter((b) => b.e2e && 'ok' in b.expect)) {
    await sessions.ingestBuffer(input.file, bytesOf(input.file));
    await sessions.expectAdded(input.file);
    if ('ok' in input.expect && input.expect.diagnostics?.length) {
      await expect(sessions.row(input.file).locator('.badge')).toBeVisible();
    }
  }
});

test('the ingest size limit is set in Settings and the message names it', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('ingest-limit-input')).toHaveValue('100');
  await page.getByTestId('ingest-limit-input').fill('1');
  await page.getByTestId('ingest-limit-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' }).first()).toBeVisible();
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const before = await rowCounts(page);
  await sessions.ingestBuffer('big.py', Buffer.alloc(2 * 1024 * 1024 + 10, 'x = 1\n'));
  await expect(sessions.alert).toContainText('big.py is 2 MB, over the ingest size limit of 1 MB');
  expect(await rowCounts(page)).toEqual(before);
});

test('a crash inside the analysis worker: a message, and the app stays usable', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const before = await rowCounts(page);
  const crashing = await breakAnalysisWorker(page, 'crash');
  await sessions.goto(); // a fresh page: its first analysis worker comes from the stand-in script
  await sessions.ingestBuffer('crash.py', Buffer.from('x = 1\n'));
  await expect(sessions.alert).toContainText(/analysis of crash\.py stopped unexpectedly \(simulated analysis worker crash\).*Nothing was saved/, { timeout: 15_000 });
  expect(await rowCounts(page)).toEqual(before);
  await crashing.served;
  await crashing.restore();
  await sessions.ingestBuffer('after-crash.py', Buffer.from('y = 2\nz = y + 1\n'));
  await sessions.expectAdded('after-crash.py');
});


test('every corpus file through the real app: added or a clear error; the UI stays responsive', async ({ page }) => {
  test.skip(!existsSync(corpus), `no corpus at ${corpus}; set CORPUS_DIR to run this test`);
  test.setTimeout(600_000);
  const files: string[] = [];
  for (const repo of readdirSync(corpus).sort()) {
    const dir = path.join(corpus, repo);
    if (repo === 'LICENSES' || !statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (/\.(ipynb|py)$/.test(f)) files.push(path.join(dir, f));
  }
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const start = await rowCounts(page);
  const t0 = Date.now();
  let added = 0;
  const errors: string[] = [];
  let worstFrameGap = 0;
  for (const file of files) {
    const name = path.basename(file);
    await page.evaluate(() => {
      const w = window as { __gap?: number; __gapStop?: boolean };
      w.__gap = 0;
      w.__gapStop = false;
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        w.__gap = Math.max(w.__gap ?? 0, now - last);
        last = now;
        if (!w.__gapStop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await sessions.ingestFile(file);
    const done = page.getByRole('status').filter({ hasText: `Added ${name}` }).or(sessions.alert);
    await expect(done.first()).toBeVisible({ timeout: 60_000 });
    if (await sessions.alert.isVisible()) {
      const text = (await sessions.alert.textContent()) ?? '';
      expect(text, name).toContain(name); // a specific message naming the file
      expect(text).not.toMatch(/Something went wrong/);
      errors.push(`${name}: ${text}`);
    } else added++;
    const gap = await page.evaluate(() => {
      const w = window as { __gap?: number; __gapStop?: boolean };
      w.__gapStop = true;
      return w.__gap ?? 0;
    });
    worstFrameGap = Math.max(worstFrameGap, gap);
  }
  const seconds = (Date.now() - t0) / 1000;
  const end = await rowCounts(page);
  const estimate = await page.evaluate(async () => navigator.storage.estimate());
  const totals = {
    files: files.length,
    added,
    errors: errors.length,
    nodes: end.nodes - start.nodes,
    artifacts: end.artifacts - start.artifacts,
    seconds: Math.round(seconds * 10) / 10,
    storageMB: Math.round(((estimate.usage ?? 0) / 1024 / 1024) * 10) / 10,
    worstFrameGapMs: Math.round(worstFrameGap),
  };
  console.log(`corpus totals: ${JSON.stringify(totals)}`);
  for (const e of errors) console.log(`  clear error: ${e}`);
  expect(added + errors.length).toBe(files.length);
  expect(end.sessions - start.sessions).toBe(added);
  // Responsive: no frame stalls for seconds (the 100 ms target of docs/DESIGN.md "Quality targets" is tracked in docs/RELIABILITY.md).
  expect(worstFrameGap).toBeLessThan(2000);
  // The app still answers: navigate and come back.
  await page.goto('/artifacts');
  await expect(page.getByRole('heading', { name: 'Artifacts', level: 1 })).toBeVisible();
});
