import { test, expect } from './fixtures';
import { SettingsPage } from './page-models/SettingsPage';
import { CatalogPage } from './page-models/CatalogPage';
import { rowCounts } from './page-models/common';
import { generateBundle, writeBundle } from './bundle-gen';

test('a 400,000-node bundle imports in the bundle worker with progress; the page stays responsive', async ({ diskPage: page }, info) => {
  // A hang guard, not a timing goal: the figure is printed below (docs/RELIABILITY.md). The page
  // is in a profile on disk, as a user's is: off the record, Chromium's in-memory IndexedDB made
  // this import take 7.5–9.5 min.
  test.setTimeout(1_500_000);
  const big = generateBundle({ nodes: 400_000, prefix: 'big' });
  const file = writeBundle(info.outputPath('big-bundle.json'), big);
  const settings = new SettingsPage(page);
  await settings.goto();
  const before = await rowCounts(page);
  // The same sampler on the idle page first: the machine's own frame gaps, for comparison.
  await settings.startFrameSampler();
  await page.waitForTimeout(10_000);
  const idleGap = await settings.stopFrameSampler();

  await settings.startFrameSampler();
  const t0 = Date.now();
  await settings.importBundle(file);
  await expect(settings.importProgress).toContainText(/Checking [\d,]+ of 400,00\d records/, { timeout: 60_000 });
  await expect(settings.importProgress).toContainText(/Writing \d{2,3},\d{3} of 400,00\d records/, { timeout: 180_000 });
  await settings.importProgress.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/bundle-import-progress.png' });
  // A click and typing handled while the import is still running.
  expect(await settings.typeAuthor('typed during the import')).toBe('typed during the import');
  await expect(settings.importProgress).toBeVisible();

  await expect(settings.importResult).toHaveText('Imported 1 new session and 1 artifact version.', { timeout: 1_380_000 });
  const seconds = (Date.now() - t0) / 1000;
  const worstGap = await settings.stopFrameSampler();
  console.log(`400,000-node bundle: imported in ${seconds.toFixed(1)} s; worst animation-frame gap ${Math.round(worstGap)} ms (idle page: ${Math.round(idleGap)} ms over 10 s)`);
  // A hang detector only; the figure is printed and recorded in docs/RELIABILITY.md.
  expect(worstGap).toBeLessThan(2000);

  const after = await rowCounts(page);
  expect(after.nodes - before.nodes).toBe(400_000);
  expect(after.sessions - before.sessions).toBe(1);
  expect(after.nodeValues - before.nodeValues).toBe(1);
  expect(after.artifacts - before.artifacts).toBe(1);
  const catalog = new CatalogPage(page);
  await catalog.goto();
  await expect(page.getByText(big.artifact).first()).toBeVisible();
});

test('a bundle reusing a stored session id with other content shows the conflict sentence; nothing changes', async ({ page }, info) => {
  const settings = new SettingsPage(page);
  await settings.goto();
  const original = generateBundle({ nodes: 40, prefix: 'same', artifact: 'model' });
  await settings.importBundle(writeBundle(info.outputPath('original.json'), original));
  await expect(settings.importResult).toHaveText('Imported 1 new session and 1 artifact version.');
  const before = await rowCounts(page);

  // Re-importing the same file is idempotent.
  await settings.importBundle(writeBundle(info.outputPath('again.json'), original));
  await expect(settings.importResult).toHaveText('Imported 0 new sessions and 0 artifact versions.');
  expect(await rowCounts(page)).toEqual(before);

  // Same session id, one more node and an artifact on it.
  const attack = generateBundle({ nodes: 41, prefix: 'same', artifact: 'planted' });
  await settings.importBundle(writeBundle(info.outputPath('attack.json'), attack));
  await expect(settings.alert).toHaveText(
    'This bundle cannot be imported: session "same_big.py" (sessions[0]) has the id of a session already stored here, but different content (its session record differs). Nothing was changed.',
  );
  await settings.alert.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/bundle-import-conflict.png' });
  expect(await rowCounts(page)).toEqual(before);
});

test('cancelling an import mid-write leaves the store unchanged', async ({ diskPage: page }, info) => {
  test.setTimeout(300_000);
  const file = writeBundle(info.outputPath('cancel.json'), generateBundle({ nodes: 200_000, prefix: 'cancel' }));
  const settings = new SettingsPage(page);
  await settings.goto();
  const before = await rowCounts(page);
  await settings.importBundle(file);
  await expect(settings.importProgress).toContainText(/Writing [\d,]+ of/, { timeout: 120_000 });
  await settings.cancelImport();
  await expect(settings.alert).toHaveText('The import was cancelled. Nothing was changed.');
  expect(await rowCounts(page)).toEqual(before);
  // The next import works (a fresh worker).
  const small = generateBundle({ nodes: 10, prefix: 'after' });
  await settings.importBundle(writeBundle(info.outputPath('after.json'), small));
  await expect(settings.importResult).toHaveText('Imported 1 new session and 1 artifact version.');
});
